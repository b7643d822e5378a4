//! The Python cell's parameters: `code=`, the cell's code as base64url of UTF-8 (see
//! [`crate::core::pycell::link`]), and `trace=0|1`, whether a run records its asyncio tasks for
//! the lanes (on unless `trace=0`), `clock=real|virtual`, the clock the run reads, and `step=1`,
//! step through the event loop (the virtual clock with it). A link that cannot be read leaves the
//! cell as it was and says why.

use super::{Expected, Problem};
use crate::core::lang::Lang;
use crate::core::pycell::{link, Clock};

/// What a URL presets in the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PySettings {
    /// The shared code, decoded; `None` without (a readable) `code=`.
    pub code: Option<String>,
    /// Trace the run's asyncio tasks (`trace=0` turns it off).
    pub trace: bool,
    /// The clock the run reads.
    pub clock: Clock,
    /// Step through the event loop (`step=1`).
    pub step: bool,
}

impl Default for PySettings {
    fn default() -> Self {
        PySettings { code: None, trace: true, clock: Clock::Real, step: false }
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
            "trace" | "step" => match (value.trim(), key) {
                ("1" | "true", "trace") => self.trace = true,
                ("0" | "false", "trace") => self.trace = false,
                ("1" | "true", _) => {
                    self.step = true;
                    self.clock = Clock::Virtual;
                }
                ("0" | "false", _) => self.step = false,
                _ => {
                    problems.push(Problem::BadValue { key: key.into(), value: value.into(), expected: Expected::Flag })
                }
            },
            "clock" => match Clock::from_id(value.trim()) {
                // `step=1` needs the virtual clock, whatever order the two come in.
                Some(clock) => self.clock = if self.step { Clock::Virtual } else { clock },
                None => problems.push(Problem::BadValue {
                    key: key.into(),
                    value: value.into(),
                    expected: Expected::OneOf(Clock::IDS),
                }),
            },
            _ => return false,
        }
        true
    }

    /// The link's query that opens `code` in the cell and runs it with these settings (each
    /// written only when it is not the default).
    pub fn share_query(code: &str, trace: bool, clock: Clock, step: bool, lang: Lang) -> String {
        let trace = if trace { "" } else { "&trace=0" };
        let clock = if clock == Clock::Virtual && !step { "&clock=virtual" } else { "" };
        let step = if step { "&step=1" } else { "" };
        format!("exp=py&code={}{trace}{clock}{step}&run=1&lang={}", link::encode(code), lang.tag())
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
        let p = q(&PySettings::share_query(code, true, Clock::Real, false, Lang::En), ISOLATED);
        assert_eq!((p.experiment, p.run, p.lang), (Some(Experiment::Py), true, Some(Lang::En)));
        assert_eq!((p.py.code.as_deref(), p.py.trace, p.py.clock, p.py.step), (Some(code), true, Clock::Real, false));
        assert!(p.given && p.problems.is_empty());
        let p = q(&PySettings::share_query(code, false, Clock::Virtual, false, Lang::Zh), ISOLATED);
        assert_eq!(
            (p.py.code.as_deref(), p.py.trace, p.py.clock, p.py.step),
            (Some(code), false, Clock::Virtual, false)
        );
        let query = PySettings::share_query(code, true, Clock::Virtual, true, Lang::En);
        assert!(query.contains("&step=1") && !query.contains("clock="), "{query}");
        let p = q(&query, ISOLATED);
        assert_eq!((p.py.clock, p.py.step), (Clock::Virtual, true));
    }

    /// `step=1` brings the virtual clock, whatever `clock=` says or where it stands.
    #[test]
    fn stepping_means_the_virtual_clock() {
        for query in ["exp=py&step=1", "exp=py&clock=real&step=1", "exp=py&step=1&clock=real"] {
            let p = q(query, ISOLATED);
            assert_eq!((p.py.clock, p.py.step), (Clock::Virtual, true), "{query}");
            assert!(p.problems.is_empty(), "{query}");
        }
        let p = q("exp=py&clock=sundial", ISOLATED);
        assert_eq!(p.py.clock, Clock::Real);
        assert_eq!(
            p.problems,
            vec![Problem::BadValue {
                key: "clock".into(),
                value: "sundial".into(),
                expected: Expected::OneOf(Clock::IDS)
            }]
        );
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
