//! RON reading and writing shared by the project, codebook and recovery
//! files.
//!
//! Files from other machines: a reader accepts a UTF-8 byte-order mark and
//! CRLF line ends (git's `core.autocrlf` on Windows), read as LF. That is
//! exact because the writer never writes a carriage return: strings holding
//! one are written escaped (`"…\r\n…"`), all others raw, with their line
//! breaks as they are, so diffs stay readable. See `docs/project-file.md`.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A RON text that could not be read, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct RonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, RonError> {
    ron::from_str(&as_written(text)).map_err(|e: ron::error::SpannedError| RonError {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// The text as briefmark wrote it, whatever happened on the way: a
/// leading byte-order mark dropped, each CRLF read as LF. A file of
/// briefmark's holds no CR ([`to_ron`]), so every CRLF in it was an LF.
pub fn as_written(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A search for one byte (memchr) first: a project of 90 MB is read
    // without a second look when, as nearly always, it holds no CR.
    if text.contains('\r') && text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Pretty, deterministic RON: the same value always gives the same text,
/// and the text never holds a carriage return.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Raw strings keep the document's paragraphs on their own lines, so
        // a diff of a project shows which paragraph or memo changed.
        .escape_strings(false);
    // Our types serialize to RON without failing (no maps with non-string keys).
    let text = ron::ser::to_string_pretty(value, config)
        .unwrap_or_else(|e| unreachable!("RON serialization: {e}"));
    escape_carriage_returns(text)
}

/// Rewrites each string of `text` (RON written with `escape_strings(false)`)
/// that holds a carriage return as an escaped string, so no CR is left for
/// a CRLF conversion to merge with the LF after it. Nothing else holds a
/// CR: the serializer writes line ends as LF and the model has no `char`s.
fn escape_carriage_returns(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text.as_str();
    while let Some((start, open, close)) = next_string(rest) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let body_start = open.len();
        let Some(body_len) = from[body_start..].find(close.as_str()) else {
            // Not the serializer's output after all: leave it as it is.
            out.push_str(from);
            return out;
        };
        let token_len = body_start + body_len + close.len();
        let body = &from[body_start..body_start + body_len];
        if body.contains('\r') {
            // The default serializer escapes, as the reader expects.
            let escaped = ron::to_string(body)
                .unwrap_or_else(|e| unreachable!("RON serialization of a string: {e}"));
            out.push_str(&escaped);
        } else {
            out.push_str(&from[..token_len]);
        }
        rest = &from[token_len..];
    }
    out.push_str(rest);
    out
}

/// Where the next string literal in unescaped RON starts, with its opening
/// (`"`, `r#"`, …) and closing (`"`, `"#`, …) delimiters. Unescaped
/// strings hold no `"` (those with one are raw), so a plain string ends at
/// the next `"`, and a raw one at `"` and its number of `#`.
fn next_string(text: &str) -> Option<(usize, String, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some((i, "\"".into(), "\"".into())),
            b'r' if i == 0 || !is_ident_byte(bytes[i - 1]) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(i + 1 + hashes) == Some(&b'"') {
                    let marks = "#".repeat(hashes);
                    return Some((i, format!("r{marks}\""), format!("\"{marks}")));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_strings_with_a_carriage_return_are_escaped() {
        let value = (
            "plain\nlines".to_owned(),
            "a \"quote\" and\r\na CRLF".to_owned(),
            "raw \\ kept".to_owned(),
            "lone\rreturn".to_owned(),
        );
        let text = to_ron(&value);
        assert_eq!(
            text,
            "(\"plain\nlines\", \"a \\\"quote\\\" and\\r\\na CRLF\", r#\"raw \\ kept\"#, \"lone\\rreturn\")"
        );
        assert_eq!(
            from_ron::<(String, String, String, String)>(&text),
            Ok(value)
        );
    }

    #[test]
    fn a_byte_order_mark_and_crlf_read_as_written() {
        assert_eq!(as_written("\u{feff}(a,\r\nb)\r"), "(a,\nb)\r");
        assert!(matches!(as_written("(a,\nb)"), Cow::Borrowed(_)));
        let value = vec!["two\nlines".to_owned(), "r#\"x\"#".to_owned()];
        let crlf = format!("\u{feff}{}", to_ron(&value).replace('\n', "\r\n"));
        assert_eq!(from_ron::<Vec<String>>(&crlf), Ok(value));
    }
}
