//! Any bytes as an events file, linked with the built-in places and asked for
//! a state: never a panic, and every problem prints as one line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimmap_fuzz::events(bytes);
});
