//! A worker's own side of its channel to the page: the global scope and posting to the page. Apart
//! from `worker_entry` (which installs each role's handler) so that the roles' modules can post
//! without importing the module that imports them.

use super::msg::Encode;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

/// This worker's global scope (workers only).
pub(crate) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the page (workers only).
pub(crate) fn post(msg: &impl Encode) {
    let (value, transfer) = msg.encode();
    scope().post_message_with_transfer(&value, &transfer).expect("a worker can always post to its page");
}
