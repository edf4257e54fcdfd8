//! Any bytes as a gazetteer: never a panic, and every problem prints as one line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimmap_fuzz::gazetteer(bytes);
});
