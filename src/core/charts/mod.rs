//! The geometry and maths behind the page's charts: scales and ticks, the timeline's lanes and
//! segments, completion step lines, and the Amdahl fit. The Yew components in `ui/charts` only
//! draw what these compute.

pub mod amdahl;
pub mod lanes;
pub mod scale;
pub mod speedup;
pub mod steps;
