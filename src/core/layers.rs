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

/// A module's path from its file: `src/core/net/sim.rs` → `core::net::sim`, `src/core/net/mod.rs`
/// → `core::net`.
fn module_of(path: &std::path::Path) -> String {
    let rel = path.strip_prefix("src").unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The modules a file's code (its tests left out) names: every `crate::a::b…` and `super::…`
/// path, cut to the longest prefix that is a module of the crate.
fn uses(module: &str, text: &str, modules: &std::collections::BTreeSet<String>) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let code: String = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    // `super` is the module's parent (for `net/mod.rs`, module `core::net`, that is `core`).
    let here: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
    let parent = &here[..here.len().saturating_sub(1)];
    let mut out = Vec::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for (start, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        if start > 0 && code[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // `super::super::x` is read from its first `super`
        }
        let tail: String = code[start..].chars().take_while(|&c| ident(c)).collect();
        let mut segs: Vec<&str> = tail.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: Vec<&str> = Vec::new();
        if segs.first() == Some(&"crate") {
            segs.remove(0);
        } else {
            base = parent.to_vec();
            while segs.first() == Some(&"super") {
                segs.remove(0);
                if segs.first() == Some(&"super") {
                    base.pop();
                }
            }
        }
        let full: Vec<&str> = base.into_iter().chain(segs).collect();
        if let Some(m) = (1..=full.len()).rev().map(|n| full[..n].join("::")).find(|m| modules.contains(m)) {
            out.push(m);
        }
    }
    out
}

/// No two modules use each other, directly or round a longer circle (a module and its own
/// submodules excepted: a parent declares and re-exports its children). Circles make a layer
/// impossible to read bottom-up, and they grow: each one found here was taken apart.
#[test]
fn no_import_circles() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut list = Vec::new();
    files(std::path::Path::new("src"), &mut list);
    let modules: BTreeSet<String> = list.iter().map(|p| module_of(p)).collect();
    let related = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"));
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &list {
        let m = module_of(path);
        let text = std::fs::read_to_string(path).unwrap();
        let to: BTreeSet<String> = uses(&m, &text, &modules).into_iter().filter(|t| !related(&m, t)).collect();
        graph.entry(m).or_default().extend(to);
    }
    // Every circle's smallest member finds it again: report each once, as the path round it.
    let mut circles = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    circles.insert(format!("{} → {start}", path.join(" → ")));
                } else if next > start && seen.insert(next.clone()) {
                    stack.push((next.clone(), path.iter().cloned().chain([next.clone()]).collect()));
                }
            }
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}", circles.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_circle_finder_reads_paths_as_rust_does() {
    let modules: std::collections::BTreeSet<String> =
        ["core", "core::net", "core::net::sim", "core::report", "web", "web::msg"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    // (`web` spliced in, so this file does not itself name a layer above `core`.)
    let text = format!("use super::report::{{Status, X}};\nuse crate::{w}::msg::Kind;\nuse super::super::{w};\n// crate::core::net::sim\n", w = "web");
    let mut found = uses("core::net", &text, &modules);
    found.sort();
    assert_eq!(found, vec!["core::report", "web", "web::msg"]);
    assert_eq!(uses("core::net::sim", "use super::super::report::Status;", &modules), vec!["core::report"]);
    assert_eq!(module_of(std::path::Path::new("src/core/net/mod.rs")), "core::net");
    assert_eq!(module_of(std::path::Path::new("src/core/net/sim.rs")), "core::net::sim");
}

/// Every `src/…` and `www/…` path that the README, the docs and the code's own comments name
/// exists: a moved or renamed file leaves no pointer to nowhere behind.
#[test]
fn every_named_path_exists() {
    let mut texts = vec![std::path::PathBuf::from("README.md")];
    for dir in ["docs", "src", "www", "tests", "scripts", "bench"] {
        walk(std::path::Path::new(dir), &mut texts);
    }
    let mut missing = Vec::new();
    for file in &texts {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        for root in ["src/", "www/"] {
            for (at, _) in text.match_indices(root) {
                // A path starts the word: not `foo/src/…`, not an identifier ending in `src`.
                if text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '/' || c == '.')
                {
                    continue;
                }
                let path: String =
                    text[at..].chars().take_while(|&c| c.is_ascii_alphanumeric() || "_./-".contains(c)).collect();
                let path = path.trim_end_matches(['.', '-']);
                // `src/modes/io/py_*.rs`: some file of that folder starts so.
                let glob = text[at + path.len()..].starts_with('*');
                let found = if glob {
                    let (dir, prefix) = path.rsplit_once('/').unwrap_or((".", path));
                    std::fs::read_dir(dir)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
                } else {
                    std::path::Path::new(path).exists()
                };
                if !found {
                    missing.push(format!("{}: {path}", file.display()));
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "paths named but not there:\n{}", missing.join("\n"));
}

/// Every text file under `dir` (what the path check reads).
fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("images") && !p.ends_with("pyodide") {
                walk(&p, out);
            }
        } else if p
            .extension()
            .is_some_and(|x| ["rs", "md", "mjs", "js", "py", "css", "html", "sh"].contains(&x.to_str().unwrap_or("")))
        {
            out.push(p);
        }
    }
}
