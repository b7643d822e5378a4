//! `localStorage`, as JSON. Storage may be missing or full (private windows, quotas, embedded
//! frames with storage blocked); every call here degrades to "nothing stored" instead of failing.

use serde::{de::DeserializeOwned, Serialize};

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads and parses `key`; `None` when absent, unreadable or from an older format.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = store()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Writes `value` under `key`; returns whether it was stored.
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    let Ok(text) = serde_json::to_string(value) else {
        return false;
    };
    store().is_some_and(|s| s.set_item(key, &text).is_ok())
}
