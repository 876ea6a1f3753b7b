// Builds the shipped models into the library when they are present in
// `models/` at the workspace root, so that `herald` is one self-contained binary.
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    println!("cargo::rustc-check-cfg=cfg(herald_tagger_model)");
    println!("cargo::rustc-check-cfg=cfg(herald_parser_model)");
    for (file, cfg) in [("tagger.bin", "herald_tagger_model"), ("parser.bin", "herald_parser_model")] {
        let p = root.join(file);
        println!("cargo::rerun-if-changed={}", p.display());
        if p.exists() {
            println!("cargo::rustc-cfg={cfg}");
            println!("cargo::rustc-env=HERALD_{}={}", cfg.to_uppercase(), p.canonicalize().unwrap().display());
        }
    }
    println!("cargo::rerun-if-changed={}", root.display());
}
