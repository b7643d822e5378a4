//! The Python cell's one parameter: `code=`, the cell's code as base64url of UTF-8 (see
//! [`crate::core::pycell::link`]). A link that cannot be read leaves the cell as it was and
//! says why.

use super::Problem;
use crate::core::lang::Lang;
use crate::core::pycell::link;

/// What a URL presets in the cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PySettings {
    /// The shared code, decoded; `None` without (a readable) `code=`.
    pub code: Option<String>,
}

impl PySettings {
    /// Applies one URL parameter; `false` when the key is not the cell's.
    pub fn apply(&mut self, key: &str, value: &str, problems: &mut Vec<Problem>) -> bool {
        if key != "code" {
            return false;
        }
        match link::decode(value) {
            Ok(code) => self.code = Some(code),
            Err(error) => problems.push(Problem::BadCode { error }),
        }
        true
    }

    /// The link's query that opens `code` in the cell and runs it.
    pub fn share_query(code: &str, lang: Lang) -> String {
        format!("exp=py&code={}&run=1&lang={}", link::encode(code), lang.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::preset::tests::{q, ISOLATED};
    use crate::core::preset::Experiment;
    use crate::core::pycell::link::CodeError;

    /// A shared link comes back as the same code, set to run.
    #[test]
    fn share_link_round_trips() {
        let code = "import asyncio\nprint('你好', 1 + 1)\n";
        let p = q(&PySettings::share_query(code, Lang::En), ISOLATED);
        assert_eq!((p.experiment, p.run, p.lang), (Some(Experiment::Py), true, Some(Lang::En)));
        assert_eq!(p.py.code.as_deref(), Some(code));
        assert!(p.given && p.problems.is_empty());
    }

    /// Bad base64 or bad UTF-8 is a problem with the reason; the cell keeps its own code.
    #[test]
    fn bad_code_is_reported() {
        let p = q("exp=py&code=a*b", ISOLATED);
        assert_eq!(p.py.code, None);
        assert_eq!(p.problems, vec![Problem::BadCode { error: CodeError::BadChar { position: 1, ch: '*' } }]);
        let p = q("exp=py&code=__4&run=1", ISOLATED);
        assert_eq!(p.problems, vec![Problem::BadCode { error: CodeError::NotUtf8 { offset: 0 } }]);
        let p = q("exp=cpu&code=Zm9v", ISOLATED);
        assert_eq!(p.problems, vec![Problem::UnknownParam { key: "code".into() }], "code= is the cell's only");
        let p = q("exp=py&n=5", ISOLATED);
        assert_eq!(p.problems, vec![Problem::UnknownParam { key: "n".into() }]);
    }
}
