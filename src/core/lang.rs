//! The page's languages: one table, read by the switch, `<html lang>`, URLs and the notes.

use crate::id_table;

id_table! {
    /// A language the page is written in. Every text in the UI is an exhaustive `match` on this, so
    /// a missing translation is a compile error; the language switch lists [`Lang::ALL`].
    #[derive(Default)]
    pub enum Lang: LangRow {
        /// Simplified Chinese, the tutorial's language.
        #[default]
        Zh = "zh" => LangRow { html_lang: "zh-CN", name: "中文" },
        /// English.
        En = "en" => LangRow { html_lang: "en", name: "English" },
    }
}

/// What the page needs to know about a language: one row per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangRow {
    /// The value of `<html lang>` (with its script or region, for fonts and screen readers).
    pub html_lang: &'static str,
    /// The language's name in itself, for the switch.
    pub name: &'static str,
}

impl Lang {
    /// The BCP 47 tag written into URLs, storage and element ids (`zh`, `en`): its wire id.
    pub fn tag(self) -> &'static str {
        self.id()
    }

    /// Reads a tag such as `en`, `en-GB`, `zh`, `zh-Hans-CN` (case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::from_id(&primary)
    }

    /// The first supported language in the browser's preference list, else English.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regional tags map to their language; unknown ones fall through to the next preference.
    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_preferences(["fr-FR", "zh-TW", "en"]), Lang::Zh);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
    }
}
