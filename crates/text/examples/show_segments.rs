//! Prints the sentences (one a line, tokens separated by `|`) of text files,
//! to eyeball the segmenter on news.
//!
//! ```text
//! cargo run --release -p herald-text --example show_segments -- FILE... [--tokens]
//! ```

use herald_text::Segmenter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tokens = args.iter().any(|a| a == "--tokens");
    let s = Segmenter::new();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let seg = s.segment(&text);
        println!("== {path}");
        for (i, p) in seg.paragraphs.iter().enumerate() {
            for si in p.sentences.clone() {
                let sent = &seg.sentences[si];
                if tokens {
                    let forms: Vec<&str> = seg.sentence_tokens(sent).iter().map(|t| seg.form(t)).collect();
                    println!("[{i}] {}", forms.join("|"));
                } else {
                    println!("[{i}] {}", sent.span.slice(&text));
                }
            }
        }
    }
}
