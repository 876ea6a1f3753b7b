//! The WARC reader on any bytes, and the HTTP and chunked-encoding parsers
//! on every record it returns: no panic, offsets inside the input.
#![no_main]
use herald_ingest::warc::{dechunk, parse_http, WarcReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in WarcReader::new(data, 4096) {
        match r {
            Ok(rec) => {
                assert!(rec.offset < data.len() as u64);
                if let Some(http) = rec.body.as_deref().and_then(parse_http) {
                    let _ = dechunk(http.body);
                }
            }
            Err(e) => assert!(e.offset <= data.len() as u64),
        }
    }
});
