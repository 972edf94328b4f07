//! RON reading and writing shared by the project, codebook and recovery
//! files.
//!
//! Files from other machines: a reader accepts a UTF-8 byte-order mark and
//! CRLF line ends (git's `core.autocrlf` on Windows), read as LF. That is
//! exact because the writer never writes a carriage return: strings holding
//! one are written escaped (`"…\r\n…"`), all others raw, with their line
//! breaks as they are, so diffs stay readable. See `docs/project-file.md`.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

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
    // Our types serialize to RON without failing (no maps with non-string keys).
    let text = ron::ser::to_string_pretty(value, pretty())
        .unwrap_or_else(|e| unreachable!("RON serialization: {e}"));
    escape_carriage_returns(text)
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Raw strings keep the document's paragraphs on their own lines, so
        // a diff of a project shows which paragraph or memo changed.
        .escape_strings(false)
}

/// Writes [`to_ron`]'s text into `out` (a file from the start), streamed:
/// a project of 100 MB is written without its whole text in memory.
/// Growing and freeing a string that size made the kernel hold the
/// process's memory map for milliseconds at a time, and the window's
/// thread, writing nothing, waited at its next page fault. A string that
/// holds a carriage return (rare) makes it start over with [`to_ron`].
pub fn write_ron<T: Serialize>(out: &mut BufWriter<File>, value: &T) -> std::io::Result<()> {
    let mut sink = Sink {
        out,
        error: None,
        carriage_return: false,
    };
    let written = ron::ser::to_writer_pretty(&mut sink, value, pretty());
    let (error, carriage_return) = (sink.error, sink.carriage_return);
    if let Some(e) = error {
        return Err(e);
    }
    written.unwrap_or_else(|e| unreachable!("RON serialization: {e}"));
    if carriage_return {
        out.flush()?;
        let file = out.get_mut();
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        out.write_all(to_ron(value).as_bytes())?;
    }
    Ok(())
}

/// RON's text into a file, noting a carriage return and the first error.
struct Sink<'a> {
    out: &'a mut BufWriter<File>,
    error: Option<std::io::Error>,
    carriage_return: bool,
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.carriage_return |= s.contains('\r');
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error.get_or_insert(e);
            std::fmt::Error
        })
    }
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

    /// Streamed into a file, the text is `to_ron`'s, byte for byte; a
    /// string with a CR starts the file over.
    #[test]
    fn the_streamed_text_is_to_ron_s() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        let plain = crate::assets::example_project();
        let mut with_cr = plain.clone();
        with_cr.passages[3].memo = "one\r\ntwo".into();
        for project in [&plain, &with_cr] {
            let file = std::fs::File::create(&path).unwrap();
            let mut out = BufWriter::new(file);
            write_ron(&mut out, project).unwrap();
            out.flush().unwrap();
            drop(out);
            let written = std::fs::read_to_string(&path).unwrap();
            assert_eq!(written, to_ron(project));
        }
        assert!(to_ron(&with_cr).contains("\"one\\r\\ntwo\""));
    }

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
