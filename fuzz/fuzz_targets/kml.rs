//! Any bytes through the KML and KMZ placemark reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimmap_fuzz::kml(bytes);
});
