//! Renders the teaching notes (notes/<topic>.<lang>.md, topics listed in notes/TOPICS) to HTML at
//! build time, so no Markdown parser ships in the page. The languages are the tags the notes are
//! written in (`notes/<topic>.<tag>.md`, any number of them); a topic missing a language another
//! topic has, or a note without a `# Title` first line, fails the build with a message saying
//! which. (`ui/notes.rs` checks at compile time that every `Lang` has notes.)

use pulldown_cmark::{html, Options, Parser};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// The languages the notes of `topics` are written in: every `<topic>.<tag>.md` tag, sorted.
fn languages(topics: &[&str]) -> Vec<String> {
    let mut tags: Vec<String> = fs::read_dir("notes")
        .expect("notes/ exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let (stem, tag) = name.strip_suffix(".md")?.rsplit_once('.')?;
            topics.contains(&stem).then(|| tag.to_string())
        })
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

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
    let langs = languages(&topics);
    let mut out = format!(
        "/// A note in one language: (title, html, lead); the lead is the text before the first `##`.\n\
         pub type Rendered = (&'static str, &'static str, &'static str);\n\
         /// The languages of the notes, in the order of each topic's list.\n\
         pub const NOTE_LANGS: [&str; {n}] = {langs:?};\n\
         /// Every topic: (id, one note per language of `NOTE_LANGS`).\n\
         pub static NOTES: &[(&str, [Rendered; {n}])] = &[\n",
        n = langs.len()
    );
    for id in &topics {
        let mut rendered = Vec::new();
        for lang in &langs {
            let path = format!("notes/{id}.{lang}.md");
            println!("cargo:rerun-if-changed={path}");
            let text = fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!("topic `{id}` has no {lang} note: write {path} (every topic needs every language: {langs:?})")
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
        let notes: Vec<String> = rendered.iter().map(|(t, b, l)| format!("({t:?}, {b:?}, {l:?})")).collect();
        writeln!(out, "    ({id:?}, [{}]),", notes.join(", ")).expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("notes.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
