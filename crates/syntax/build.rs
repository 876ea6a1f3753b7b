// Builds the shipped models into the library when they are present in
// `models/` at the workspace root, so that `herald` is one self-contained binary.
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled in another checkout (same
    // target dir) would otherwise keep looking in that checkout's models/.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("../../models");
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
