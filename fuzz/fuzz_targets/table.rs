//! Any bytes through the table (spreadsheet and ACLED) reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimmap_fuzz::table(bytes);
});
