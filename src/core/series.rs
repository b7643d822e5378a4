//! The charts' series colours, read from the mode tables: one CSS rule per mode id
//! (`.series-<id> { --s: … }`, light and dark), so a new mode brings its colour with its row.

use super::cpu_modes::CpuMode;
use super::ids::Colour;
use super::io_modes::IoMode;

/// Every series id with its colour, CPU modes first, each id once (the I/O table's
/// `serial` and `workers` are the CPU table's: a test checks they agree).
pub fn series() -> Vec<(&'static str, Colour)> {
    let mut out: Vec<(&'static str, Colour)> = CpuMode::ALL.iter().map(|m| (m.id(), m.row().colour)).collect();
    for m in IoMode::ALL {
        if !out.iter().any(|(id, _)| *id == m.id()) {
            out.push((m.id(), m.row().colour));
        }
    }
    out
}

/// The style sheet that gives each `.series-<id>` its colour in `--s`.
pub fn series_css() -> String {
    let rules = |pick: fn(&Colour) -> &'static str| -> String {
        series().iter().map(|(id, c)| format!(".series-{id} {{ --s: {}; }}\n", pick(c))).collect()
    };
    format!("{}@media (prefers-color-scheme: dark) {{\n{}}}\n", rules(|c| c.light), rules(|c| c.dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every mode of both experiments has a rule, each id once, with both themes' colours.
    #[test]
    fn every_mode_has_a_colour() {
        let css = series_css();
        for id in CpuMode::IDS.iter().chain(IoMode::IDS) {
            assert_eq!(css.matches(&format!(".series-{id} ")).count(), 2, "{id}: one light and one dark rule");
        }
        assert!(css.contains(".series-rayon { --s: #0b5fb0; }") && css.contains(".series-rayon { --s: #6cb0ff; }"));
        for (_, c) in series() {
            for hex in [c.light, c.dark] {
                assert!(
                    hex.len() == 7 && hex.starts_with('#') && hex[1..].bytes().all(|b| b.is_ascii_hexdigit()),
                    "{hex}"
                );
            }
        }
    }
}
