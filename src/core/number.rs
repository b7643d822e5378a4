//! Numbers as people type them, shared by the URL presets and the demos' fields.

/// A whole number as typed: digits only (an optional leading `+`), any size.
/// `Some(u32::MAX)` stands for anything larger than u32.
pub fn whole_number(value: &str) -> Option<u32> {
    let digits = value.trim().strip_prefix('+').unwrap_or(value.trim());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<u32>().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digits with an optional `+`, surrounding spaces allowed; anything larger saturates.
    #[test]
    fn whole_numbers() {
        assert_eq!(whole_number(" +42 "), Some(42));
        assert_eq!(whole_number("99999999999"), Some(u32::MAX));
        assert_eq!(whole_number("4.2"), None);
        assert_eq!(whole_number(""), None);
        assert_eq!(whole_number("-1"), None);
    }
}
