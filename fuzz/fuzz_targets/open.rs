//! Any bytes as File → Open… sees them: recognised by content, then parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimmap_fuzz::open(bytes);
});
