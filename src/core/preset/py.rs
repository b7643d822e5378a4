//! The Python cell's parameters: `code=`, the cell's code as base64url of UTF-8 (see
//! [`crate::core::pycell::link`]), and `trace=0|1`, whether a run records its asyncio tasks for
//! the lanes (on unless `trace=0`). A link that cannot be read leaves the cell as it was and says
//! why.

use super::{Expected, Problem};
use crate::core::lang::Lang;
use crate::core::pycell::link;

/// What a URL presets in the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PySettings {
    /// The shared code, decoded; `None` without (a readable) `code=`.
    pub code: Option<String>,
    /// Trace the run's asyncio tasks (`trace=0` turns it off).
    pub trace: bool,
}

impl Default for PySettings {
    fn default() -> Self {
        PySettings { code: None, trace: true }
    }
}

impl PySettings {
    /// Applies one URL parameter; `false` when the key is not the cell's.
    pub fn apply(&mut self, key: &str, value: &str, problems: &mut Vec<Problem>) -> bool {
        match key {
            "code" => match link::decode(value) {
                Ok(code) => self.code = Some(code),
                Err(error) => problems.push(Problem::BadCode { error }),
            },
            "trace" => match value.trim() {
                "1" | "true" => self.trace = true,
                "0" | "false" => self.trace = false,
                _ => {
                    problems.push(Problem::BadValue { key: key.into(), value: value.into(), expected: Expected::Flag })
                }
            },
            _ => return false,
        }
        true
    }

    /// The link's query that opens `code` in the cell and runs it (`trace=0` kept when tracing
    /// is off).
    pub fn share_query(code: &str, trace: bool, lang: Lang) -> String {
        let trace = if trace { "" } else { "&trace=0" };
        format!("exp=py&code={}{trace}&run=1&lang={}", link::encode(code), lang.tag())
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
        let p = q(&PySettings::share_query(code, true, Lang::En), ISOLATED);
        assert_eq!((p.experiment, p.run, p.lang), (Some(Experiment::Py), true, Some(Lang::En)));
        assert_eq!((p.py.code.as_deref(), p.py.trace), (Some(code), true));
        assert!(p.given && p.problems.is_empty());
        let p = q(&PySettings::share_query(code, false, Lang::Zh), ISOLATED);
        assert_eq!((p.py.code.as_deref(), p.py.trace), (Some(code), false));
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
        let p = q("exp=py&trace=maybe", ISOLATED);
        assert!(p.py.trace, "a bad trace= keeps tracing on");
        assert_eq!(
            p.problems,
            vec![Problem::BadValue { key: "trace".into(), value: "maybe".into(), expected: Expected::Flag }]
        );
        let p = q("exp=py&n=5", ISOLATED);
        assert_eq!(p.problems, vec![Problem::UnknownParam { key: "n".into() }]);
    }
}
