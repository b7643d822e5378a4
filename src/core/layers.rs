//! The rule of `lib.rs`'s `# Layout`, checked: each layer uses only the layers below it.

/// The layers, lowest first; a file under `src/<layer>/` may name `crate::<below>` only.
const LAYERS: [&str; 6] = ["core", "web", "modes", "i18n", "demos", "ui"];

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// No file uses a layer above its own (`crate::<layer>` in any form, `use` or a path).
#[test]
fn layers_point_one_way() {
    let mut bad = Vec::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        let mut list = Vec::new();
        files(&std::path::Path::new("src").join(layer), &mut list);
        assert!(!list.is_empty(), "src/{layer} has no files");
        for path in list {
            let text = std::fs::read_to_string(&path).unwrap();
            for above in &LAYERS[i + 1..] {
                if text.contains(&format!("crate::{above}::")) || text.contains(&format!("crate::{above};")) {
                    bad.push(format!("{} uses crate::{above}", path.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "layers pointing up:\n{}", bad.join("\n"));
}
