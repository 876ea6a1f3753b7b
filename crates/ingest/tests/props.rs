//! Property tests of the WARC and feed readers: any bytes are read without a
//! panic, well-formed input comes back intact, and junk between WARC records
//! costs only the junk.

use herald_ingest::feed::FeedReader;
use herald_ingest::warc::WarcReader;
use herald_ingest::{Inputs, Options};
use proptest::prelude::*;

fn record(id: usize, body: &[u8]) -> Vec<u8> {
    let mut r = format!("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <r{id}>\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

proptest! {
    #[test]
    fn warc_reader_survives_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000), prefix in any::<bool>()) {
        let mut bytes = if prefix { b"WARC/1.0\r\nContent-Length: 5\r\n\r\n".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&data);
        let n = WarcReader::new(&bytes[..], 100).count();
        prop_assert!(n <= bytes.len() + 1);
    }

    #[test]
    fn warc_records_round_trip_and_junk_is_skipped(
        bodies in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 1..8),
        junk in proptest::collection::vec(proptest::option::of("[a-z :0-9\r]{1,40}"), 8),
    ) {
        let mut data = Vec::new();
        let mut junk_count = 0;
        for (i, b) in bodies.iter().enumerate() {
            if let Some(j) = &junk[i] {
                data.extend_from_slice(j.as_bytes());
                data.extend_from_slice(b"\n");
                junk_count += usize::from(!j.trim().is_empty());
            }
            data.extend_from_slice(&record(i, b));
        }
        let out: Vec<_> = WarcReader::new(&data[..], 1 << 20).collect();
        let good: Vec<_> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        prop_assert_eq!(good.len(), bodies.len());
        for (i, r) in good.iter().enumerate() {
            prop_assert_eq!(r.body.as_deref(), Some(&bodies[i][..]));
            let id = format!("<r{i}>");
            prop_assert_eq!(r.header("WARC-Record-ID"), Some(id.as_str()));
        }
        prop_assert_eq!(out.len() - good.len(), junk_count);
    }

    #[test]
    fn feed_reader_survives_any_text(s in "(<|>|&|[a-z]|/|\"|=| |item|title|rss|channel|CDATA|\\[|!|\\]){0,200}") {
        let _ = FeedReader::new(s.as_bytes(), 1 << 20).count();
        let _: Vec<_> = Inputs::new(&[], Options::default()).collect();
    }

    #[test]
    fn feed_items_round_trip(items in proptest::collection::vec(("[A-Za-z0-9 &<>']{1,30}", "[A-Za-z0-9 .,&']{1,80}"), 0..6)) {
        let mut rss = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>");
        for (i, (t, d)) in items.iter().enumerate() {
            rss.push_str(&format!("<item><title>{}</title><guid>g{i}</guid><description>{}</description></item>", escape(t), escape(d)));
        }
        rss.push_str("</channel></rss>");
        let got: Vec<_> = FeedReader::new(rss.as_bytes(), 1 << 20).collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(got.len(), items.len());
        for (g, (t, d)) in got.iter().zip(&items) {
            prop_assert_eq!(g.title.as_deref(), Some(t.trim()).filter(|t| !t.is_empty()));
            prop_assert_eq!(g.content.as_str(), d.trim());
        }
    }
}
