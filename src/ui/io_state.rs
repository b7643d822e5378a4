//! The I/O panel's state and its reducer.

use super::state::Run;
use crate::core::images::Manifest;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{io_entries, IoEntry, IoOutcome, IoReport};
use crate::core::preset::{IoField, IoSettings, Problem, Source};
use crate::core::report::Status;
use crate::modes::io::IoEvent;
use crate::modes::Cancel;
use crate::web::download::ImageUrl;
use std::rc::Rc;
use yew::prelude::*;

/// Where a mode stands in the current run.
#[derive(Clone, Debug, PartialEq)]
pub enum IoRow {
    /// Queued behind other modes.
    Waiting,
    /// Downloading: requests finished of all.
    Running { done: u32, total: u32 },
    /// Finished, with the requests it finished of all.
    Finished(Status, u32, u32),
    /// Not run: cancelled before its turn.
    Skipped,
}

/// A thumbnail in the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// Request index.
    pub index: u32,
    /// Order in which the program received it.
    pub order: u32,
    /// Object URL of the image, `None` when the request failed.
    pub image: Option<ImageUrl>,
}

/// Everything the I/O panel shows.
#[derive(Clone)]
pub struct IoState {
    /// The typed fields, by [`IoField::index`].
    pub fields: [String; IoField::COUNT],
    /// Where the images come from.
    pub source: Source,
    /// `bounded` in submission order.
    pub ordered: bool,
    /// The pasted URLs.
    pub urls_text: String,
    /// Modes ticked.
    pub modes: Vec<IoMode>,
    /// Running or not.
    pub run: Run,
    /// Progress per mode.
    pub rows: Vec<(IoMode, IoRow)>,
    /// Outcomes of the current or last run.
    pub outcomes: Vec<Rc<IoOutcome>>,
    /// Thumbnails per mode.
    pub tiles: Vec<(IoMode, Vec<Tile>)>,
    /// Whose thumbnails are shown.
    pub shown: Option<IoMode>,
    /// The round in progress (1-based) and the rounds of the run; `(0, 0)` before a run.
    pub round: (u32, u32),
    /// The last finished run (also restored after a reload).
    pub report: Option<Rc<IoReport>>,
    /// `report` came from storage.
    pub restored: bool,
    /// The bundled images.
    pub manifest: Rc<Manifest>,
}

/// Everything that changes the I/O panel.
pub enum IoAction {
    /// Typed into a field.
    SetField(IoField, String),
    /// Picked a source.
    SetSource(Source),
    /// Flipped the order of `bounded`.
    SetOrdered(bool),
    /// Edited the URL list.
    SetUrls(String),
    /// Ticked or unticked a mode.
    ToggleMode(IoMode),
    /// A run began.
    Started(Cancel, Vec<IoMode>),
    /// Round `.1` of `.2` of a mode begins: its thumbnails start afresh.
    Round(IoMode, u32, u32),
    /// What happened in a mode since the last update (progress, results handed over).
    Events(IoMode, Vec<IoEvent>),
    /// A mode finished.
    ModeFinished(Rc<IoOutcome>),
    /// Cancel pressed.
    CancelRequested,
    /// The run is over.
    Finished(Rc<IoReport>),
    /// Show this mode's thumbnails.
    Show(IoMode),
}

/// The URLs of a pasted list: one per line, blank lines and `#` comments skipped.
pub fn url_lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

impl IoState {
    /// A panel showing `settings`.
    pub fn new(settings: &IoSettings, restored: Option<IoReport>) -> IoState {
        IoState {
            fields: IoField::ALL.map(|f| settings.field_text(f)),
            source: settings.source,
            ordered: settings.ordered,
            urls_text: String::new(),
            modes: settings.modes.clone(),
            run: Run::Idle,
            rows: Vec::new(),
            outcomes: Vec::new(),
            tiles: Vec::new(),
            shown: None,
            round: (0, 0),
            restored: restored.is_some(),
            report: restored.map(Rc::new),
            manifest: Rc::new(Manifest::bundled()),
        }
    }

    /// The inputs, checked: the settings and (for the URL source) the URLs.
    pub fn settings(&self) -> Result<(IoSettings, Vec<String>), Vec<Problem>> {
        let mut s = IoSettings {
            source: self.source,
            ordered: self.ordered,
            modes: self.modes.clone(),
            ..IoSettings::default()
        };
        let mut problems = Vec::new();
        // A capped count comes back as a problem too: in a field, the learner fixes it.
        for f in IoField::ALL {
            s.apply(f.id(), &self.fields[f.index()], &mut problems);
        }
        let urls: Vec<String> = url_lines(&self.urls_text).into_iter().map(String::from).collect();
        if problems.is_empty() {
            Ok((s, urls))
        } else {
            Err(problems)
        }
    }

    /// Whether a run is in progress.
    pub fn busy(&self) -> bool {
        !matches!(self.run, Run::Idle)
    }

    /// Rows of the results table.
    pub fn entries(&self) -> Vec<IoEntry> {
        if self.outcomes.is_empty() {
            self.report.as_ref().map(|r| r.runs.clone()).unwrap_or_default()
        } else {
            io_entries(&self.outcomes)
        }
    }

    /// Fires the running run's Cancel signal (called by the Cancel button before it dispatches
    /// [`IoAction::CancelRequested`]: the reducer only records the state).
    pub fn fire_cancel(&self) {
        if let Run::Running(cancel) = &self.run {
            cancel.fire();
        }
    }

    fn set_row(&mut self, mode: IoMode, row: IoRow) {
        if let Some(r) = self.rows.iter_mut().find(|(m, _)| *m == mode) {
            r.1 = row;
        }
    }
}

impl Reducible for IoState {
    type Action = IoAction;

    fn reduce(self: Rc<Self>, action: IoAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            IoAction::SetField(f, v) => s.fields[f.index()] = v,
            IoAction::SetSource(src) => s.source = src,
            IoAction::SetOrdered(o) => s.ordered = o,
            IoAction::SetUrls(t) => s.urls_text = t,
            IoAction::ToggleMode(m) => {
                if let Some(pos) = s.modes.iter().position(|x| *x == m) {
                    s.modes.remove(pos);
                } else {
                    s.modes.push(m);
                    s.modes.sort();
                }
            }
            IoAction::Started(cancel, modes) => {
                // The old thumbnails' object URLs are revoked when the last state holding
                // them is dropped (`ImageUrl`), not here.
                s.run = Run::Running(cancel);
                s.rows = modes.iter().map(|m| (*m, IoRow::Waiting)).collect();
                s.tiles = modes.iter().map(|m| (*m, Vec::new())).collect();
                s.shown = modes.first().copied();
                s.outcomes.clear();
                s.round = (0, 0);
                s.restored = false;
            }
            IoAction::Round(mode, r, of) => {
                s.round = (r, of);
                // A new round's thumbnails replace the last round's (their URLs revoke on drop).
                if let Some((_, tiles)) = s.tiles.iter_mut().find(|(m, _)| *m == mode) {
                    tiles.clear();
                }
            }
            IoAction::Events(mode, events) => {
                s.shown = Some(mode);
                for e in events {
                    match e {
                        IoEvent::Progress { done, total } => s.set_row(mode, IoRow::Running { done, total }),
                        IoEvent::Delivered { index, order, image } => {
                            if let Some((_, tiles)) = s.tiles.iter_mut().find(|(m, _)| *m == mode) {
                                tiles.push(Tile { index, order, image });
                            }
                        }
                    }
                }
            }
            IoAction::ModeFinished(o) => {
                let done = o.requests.len() as u32;
                let total = match s.rows.iter().find(|(m, _)| *m == o.mode) {
                    Some((_, IoRow::Running { total, .. })) => *total,
                    _ => done,
                };
                s.set_row(o.mode, IoRow::Finished(o.status, done, total));
                match s.outcomes.iter_mut().find(|x| x.mode == o.mode) {
                    Some(slot) => *slot = o,
                    None => s.outcomes.push(o),
                }
            }
            IoAction::CancelRequested => {
                if let Run::Running(_) = &s.run {
                    s.run = Run::Stopping;
                }
            }
            IoAction::Finished(report) => {
                for (_, row) in s.rows.iter_mut() {
                    if matches!(row, IoRow::Waiting | IoRow::Running { .. }) {
                        *row = IoRow::Skipped;
                    }
                }
                s.report = Some(report);
                s.run = Run::Idle;
            }
            IoAction::Show(m) => s.shown = Some(m),
        }
        Rc::new(s)
    }
}
