//! What an embedded note shows, cut from the notes' HTML (rendered by build.rs): the opening,
//! then the "Try it" steps, whose preset links keep `embed=1` so that they open in the frame.

/// The headings of the "Try it" sections (`## Try it` / `## 动手试试`), as rendered.
const TRY_IT: [&str; 2] = ["<h2>Try it</h2>", "<h2>动手试试</h2>"];

/// The "Try it" section of a rendered note (up to the next `<h2>`), if it has one.
pub fn try_it(body: &str) -> Option<&str> {
    let start = TRY_IT.iter().find_map(|h| body.find(h))?;
    let rest = &body[start + 1..];
    let end = rest.find("<h2").map_or(body.len(), |i| start + 1 + i);
    Some(&body[start..end])
}

/// An embedded note: its `lead`, then the "Try it" section of its `body`, with every preset link
/// (`href="?exp=…"`) turned into one that stays embedded (`href="?embed=1&amp;exp=…"`).
pub fn embedded(body: &str, lead: &str) -> String {
    let steps = try_it(body).unwrap_or_default();
    format!("{lead}{steps}").replace("href=\"?exp=", "href=\"?embed=1&amp;exp=")
}

#[cfg(test)]
mod tests {
    use super::{embedded, try_it};
    use crate::core::topics::Topic;

    include!(concat!(env!("OUT_DIR"), "/notes.rs"));

    /// Every topic with steps to try (all but the reference sections) has a "Try it" section in
    /// both languages that stops at the next section, so an embedded experiment or demo shows
    /// its steps and no more.
    #[test]
    fn try_it_sections_are_found() {
        for (id, both) in NOTES {
            if Topic::from_id(id).is_some_and(|t| t.row().reference) {
                continue;
            }
            for (_, body, _) in both {
                let steps = try_it(body).unwrap_or_else(|| panic!("{id}: no Try it section"));
                assert!(!steps[4..].contains("<h2"), "{id}: the section runs into the next one");
                assert!(steps.len() > 100, "{id}: an empty Try it section");
            }
        }
    }

    /// Embedded, every preset link keeps `embed=1`; nothing else of the body is added.
    #[test]
    fn embedded_links_stay_in_the_frame() {
        let (_, all) = NOTES.iter().find(|(id, _)| *id == "experiment-cpu").unwrap();
        let (_, body, lead) = all[NOTE_LANGS.iter().position(|l| *l == "en").unwrap()];
        let html = embedded(body, lead);
        assert!(html.starts_with(lead));
        assert!(html.contains("href=\"?embed=1&amp;exp=cpu&amp;n=20000"), "{html}");
        assert!(!html.contains("href=\"?exp="));
        assert!(!html.contains("<h2>Exercises</h2>"));
        // A demo's links too: the queue note's steps fill the producer/consumer demo in the frame.
        let (_, all) = NOTES.iter().find(|(id, _)| *id == "queues").unwrap();
        let (_, body, lead) = all[NOTE_LANGS.iter().position(|l| *l == "en").unwrap()];
        let html = embedded(body, lead);
        assert!(html.contains("href=\"?embed=1&amp;exp=producer-consumer&amp;producers=3"), "{html}");
        assert!(!html.contains("href=\"?exp="));
    }
}
