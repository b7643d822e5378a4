//! How a mode's run ended: shared by every experiment's report, its history and its charts.

use crate::id_table;

id_table! {
    /// How a mode's run ended.
    pub enum Status {
        /// Every task computed.
        Done = "done",
        /// Stopped by the learner; the partial figures are kept but never reported as done.
        Cancelled = "cancelled",
        /// Could not run (the error says why).
        Failed = "failed",
    }
}
