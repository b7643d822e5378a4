//! The I/O panel's state and its reducer: its inputs and thumbnails, beside the run ([`Live`])
//! every experiment shares.

use super::live::{Live, LiveAction};
use crate::core::images::Manifest;
use crate::core::io_modes::IoMode;
use crate::core::io_report::{Io, IoReport};
use crate::core::preset::{IoField, IoSettings, Problem, Source};
use crate::modes::io::IoEvent;
use crate::modes::Phase;
use crate::web::download::ImageUrl;
use std::rc::Rc;
use yew::prelude::*;

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
    /// The run: going, done, or restored.
    pub live: Live<Io>,
    /// Thumbnails per mode.
    pub tiles: Vec<(IoMode, Vec<Tile>)>,
    /// Whose thumbnails are shown.
    pub shown: Option<IoMode>,
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
    /// The run moved along (a new round of a mode starts its thumbnails afresh).
    Live(LiveAction<Io>),
    /// What happened in a mode since the last update (progress, results handed over).
    Events(IoMode, Vec<IoEvent>),
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
            live: Live::new(restored),
            tiles: Vec::new(),
            shown: None,
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

    fn tiles_of(&mut self, mode: IoMode) -> &mut Vec<Tile> {
        match self.tiles.iter().position(|(m, _)| *m == mode) {
            Some(i) => &mut self.tiles[i].1,
            None => {
                self.tiles.push((mode, Vec::new()));
                &mut self.tiles.last_mut().expect("just pushed").1
            }
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
            IoAction::Live(a) => {
                match &a {
                    // The old thumbnails' object URLs are revoked when the last state holding
                    // them is dropped (`ImageUrl`), not here.
                    LiveAction::Started(_, modes, _) => {
                        s.tiles = modes.iter().map(|m| (*m, Vec::new())).collect();
                        s.shown = modes.first().copied();
                    }
                    // A new round's thumbnails replace the last round's.
                    LiveAction::Round(mode, ..) => s.tiles_of(*mode).clear(),
                    _ => {}
                }
                s.live.reduce(a);
            }
            IoAction::Events(mode, events) => {
                s.shown = Some(mode);
                for e in events {
                    match e {
                        IoEvent::Progress { done, total } => {
                            s.live.reduce(LiveAction::Phase(mode, Phase::Running { done, total }));
                        }
                        IoEvent::Delivered { index, order, image } => {
                            s.tiles_of(mode).push(Tile { index, order, image })
                        }
                    }
                }
            }
            IoAction::Show(m) => s.shown = Some(m),
        }
        Rc::new(s)
    }
}
