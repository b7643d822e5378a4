//! Renders the teaching notes (notes/<topic>.<lang>.md, topics listed in notes/TOPICS) to HTML at
//! build time, so no Markdown parser ships in the page. A topic without both translations, or a
//! note without a `# Title` first line, fails the build with a message saying which.

use pulldown_cmark::{html, Options, Parser};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const LANGS: [&str; 2] = ["zh", "en"];

fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH));
    // Code blocks and tables scroll sideways on narrow screens: keyboard users must be able to
    // focus them to scroll.
    out.replace("<pre>", "<pre tabindex=\"0\">").replace("<table>", "<table tabindex=\"0\">")
}

/// The opening of a note for an embedded experiment: the text before its first `##` heading, or
/// its first section when a heading comes first.
fn lead(body: &str) -> &str {
    let mut cuts = body.match_indices("\n## ").map(|(i, _)| i).chain([body.len()]);
    let first = cuts.next().unwrap_or(body.len());
    if body[..first].trim().is_empty() {
        &body[..cuts.next().unwrap_or(body.len())]
    } else {
        &body[..first]
    }
}

fn main() {
    println!("cargo:rerun-if-changed=notes");
    let topics_text = fs::read_to_string("notes/TOPICS").expect("notes/TOPICS lists the topic ids, one per line");
    let topics: Vec<&str> = topics_text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out = String::from(
        "/// A note in one language: (title, html, lead); the lead is the text before the first `##`.\n\
         pub type Rendered = (&'static str, &'static str, &'static str);\n\
         /// Every topic: (id, [zh, en]).\n\
         pub static NOTES: &[(&str, [Rendered; 2])] = &[\n",
    );
    for id in &topics {
        let mut rendered = Vec::new();
        for lang in LANGS {
            let path = format!("notes/{id}.{lang}.md");
            println!("cargo:rerun-if-changed={path}");
            let text = fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!("topic `{id}` has no {lang} note: write {path} (every topic needs zh and en)")
            });
            let first = text.lines().next().unwrap_or_default();
            let title = first
                .strip_prefix("# ")
                .unwrap_or_else(|| panic!("{path} must start with a `# Title` line"))
                .trim()
                .to_string();
            let body = &text[first.len()..];
            let lead = lead(body);
            rendered.push((title, render(body), render(lead)));
        }
        let [zh, en] = [&rendered[0], &rendered[1]];
        writeln!(out, "    ({id:?}, [({:?}, {:?}, {:?}), ({:?}, {:?}, {:?})]),", zh.0, zh.1, zh.2, en.0, en.1, en.2)
            .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("notes.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
