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
/// It is revoked when its last clone is dropped (so a state that forgets its thumbnails frees
/// them, with nothing to call).
pub fn object_url(buffer: &js_sys::ArrayBuffer, mime: &str) -> Option<ImageUrl> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(buffer), &options).ok()?;
    Some(ImageUrl(gloo_file::ObjectUrl::from(blob)))
}

/// An object URL that revokes itself when its last clone is dropped.
#[derive(Clone)]
pub struct ImageUrl(gloo_file::ObjectUrl);

impl ImageUrl {
    /// The URL, for an `<img src>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for ImageUrl {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Debug for ImageUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
