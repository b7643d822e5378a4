//! Saving a text as a file the learner downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`.
///
/// # Errors
/// The browser refused to create the blob or the link (the text says which).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not {what}");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("create the file"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("create a link to the file"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("find the document"))?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| fail("create a link"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoking at once can cancel the download in some browsers; a minute later is safe.
    wasm_bindgen_futures::spawn_local(async move {
        super::clock::sleep(60_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// An object URL for a buffer of bytes (e.g. a downloaded image), `None` if the browser refuses.
pub fn object_url(buffer: &js_sys::ArrayBuffer, mime: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(buffer), &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
