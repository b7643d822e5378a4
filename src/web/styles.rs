//! Style rules built at run time, added through CSSOM: the strict CSP forbids inline `<style>`
//! and `style=""`, but browsers do not apply `style-src` to a constructed style sheet (see
//! WICG/construct-stylesheets#98; pdf.js relies on the same for its strict CSP).

use wasm_bindgen::JsValue;

/// Adds `css` to the document as a constructed style sheet (after the page's own sheets).
///
/// # Errors
/// When the browser has no constructable style sheets or refuses the text.
pub fn adopt(document: &web_sys::Document, css: &str) -> Result<(), JsValue> {
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(css)?;
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    Ok(())
}
