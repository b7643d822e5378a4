//! The bundled thumbnails (`www/images`, made by `tools/gen_images.py`) and which one each
//! request of a run downloads.

use serde::{Deserialize, Serialize};

/// One bundled image, as listed in `images/manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    /// File name under `images/`.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex SHA-256 of the file.
    pub sha256: String,
}

/// `images/manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The images, in order.
    pub images: Vec<ImageInfo>,
}

impl Manifest {
    /// The manifest of the images bundled with this build (compiled in, so the sizes and hashes
    /// the page checks against are those of the files shipped beside it).
    pub fn bundled() -> Manifest {
        serde_json::from_str(include_str!("../../www/images/manifest.json")).expect("the bundled manifest parses")
    }
}

/// The image request `j` (0-based) downloads: runs longer than the set cycle through it.
pub fn image_for(manifest: &Manifest, j: u32) -> Option<&ImageInfo> {
    let n = manifest.images.len();
    (n > 0).then(|| &manifest.images[j as usize % n])
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a download's first bytes say it is, if it is an image format browsers decode.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"BM", "image/bmp"),
        (b"\x00\x00\x01\x00", "image/x-icon"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && (&bytes[8..12] == b"avif" || &bytes[8..12] == b"avis") {
        return Some("image/avif");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    if head.trim_start().starts_with("<svg") || (head.contains("<?xml") && head.contains("<svg")) {
        return Some("image/svg+xml");
    }
    SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest::bundled()
    }

    /// The committed manifest lists 48 images, and requests cycle through them.
    #[test]
    fn requests_cycle_through_the_set() {
        let m = manifest();
        assert_eq!(m.images.len(), 48);
        assert_eq!(image_for(&m, 0).unwrap().name, "img-01.png");
        assert_eq!(image_for(&m, 48).unwrap().name, "img-01.png");
        assert_eq!(image_for(&m, 59).unwrap().name, "img-12.png");
        assert!(image_for(&Manifest { images: vec![] }, 3).is_none());
    }

    /// The manifest's sizes match the files on disk.
    #[test]
    fn manifest_matches_files() {
        for img in manifest().images {
            let path = format!("{}/www/images/{}", env!("CARGO_MANIFEST_DIR"), img.name);
            assert_eq!(std::fs::metadata(&path).unwrap().len(), img.bytes, "{}", img.name);
        }
    }

    /// Formats are recognised by their first bytes; text and HTML are not images.
    #[test]
    fn sniffing() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"RIFF\x10\x00\x00\x00WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_image(b"  <svg xmlns='http://www.w3.org/2000/svg'/>"), Some("image/svg+xml"));
        assert_eq!(sniff_image(b"<!doctype html><html>"), None);
        assert_eq!(sniff_image(b"{\"json\": true}"), None);
        assert_eq!(sniff_image(b""), None);
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}
