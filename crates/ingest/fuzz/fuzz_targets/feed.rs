//! The RSS/Atom reader on any bytes: no panic, items numbered in order.
#![no_main]
use herald_ingest::feed::{iso_date, FeedReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last = 0;
    for it in FeedReader::new(data, 1 << 16).flatten() {
        assert!(it.n > last);
        last = it.n;
        if let Some(p) = &it.published {
            let _ = iso_date(p);
        }
    }
});
