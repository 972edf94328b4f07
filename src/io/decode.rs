//! Text documents in the encodings people actually have: UTF-8 (with or
//! without a byte-order mark), UTF-16 or UTF-32 with a byte-order mark, and
//! legacy Windows-1252 files from older Word and Windows tools. Binary files
//! are refused rather than shown as garbage. Line ends come out as `\n`
//! whatever the file used (`\r\n` from Windows, a lone `\r` from old Macs),
//! so every reader of text documents sees one kind.

use std::path::Path;

use super::ReadError;

/// Bytes looked at to tell text from binary.
const SNIFF: usize = 8192;

/// A decoded document and, when it was not UTF-8, which encoding it was in.
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes a text document's bytes; `path` names it in messages.
pub fn decode_document(bytes: &[u8], path: &Path) -> Result<Decoded, ReadError> {
    let mut decoded = decode_text(bytes, path)?;
    if decoded.text.contains('\r') {
        decoded.text = unix_line_ends(&decoded.text);
    }
    Ok(decoded)
}

/// `\r\n` and a lone `\r` as `\n`.
fn unix_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn decode_text(bytes: &[u8], path: &Path) -> Result<Decoded, ReadError> {
    // Before UTF-16: the UTF-32LE mark starts with the UTF-16LE one.
    if let Some((big_endian, name)) = utf32_bom(bytes) {
        let text = decode_utf32(&bytes[4..], big_endian)
            .map_err(|why| not_text(path, &format!("invalid {name} text: {why}")))?;
        let note = Some(format!("{}: decoded from {name}", path.display()));
        return Ok(Decoded { text, note });
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(not_text(path, &format!("invalid {} text", encoding.name())));
        }
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("{}: decoded from {}", path.display(), encoding.name()));
        return Ok(Decoded {
            text: text.into_owned(),
            note,
        });
    }
    if looks_binary(bytes) {
        return Err(not_text(path, "binary data, not a text document"));
    }
    // simdutf8's `basic` check: valid or not, as `std::str::from_utf8`,
    // several times faster on text that is not ASCII.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            note: None,
        }),
        Err(_) => {
            // Not UTF-8 and no byte-order mark: the usual culprit is Windows-1252.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = Some(format!(
                "{}: not UTF-8; decoded as Windows-1252",
                path.display()
            ));
            Ok(Decoded {
                text: text.into_owned(),
                note,
            })
        }
    }
}

/// Whether the bytes start with a UTF-32 byte-order mark: big-endian?, name.
fn utf32_bom(bytes: &[u8]) -> Option<(bool, &'static str)> {
    match bytes.get(..4)? {
        [0xff, 0xfe, 0, 0] => Some((false, "UTF-32LE")),
        [0, 0, 0xfe, 0xff] => Some((true, "UTF-32BE")),
        _ => None,
    }
}

/// UTF-32 (after its byte-order mark): four bytes a character.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Result<String, String> {
    if !bytes.len().is_multiple_of(4) {
        return Err(format!(
            "{} bytes is not a whole number of characters",
            bytes.len()
        ));
    }
    let mut text = String::with_capacity(bytes.len() / 4);
    for (i, unit) in bytes.chunks_exact(4).enumerate() {
        let unit = [unit[0], unit[1], unit[2], unit[3]];
        let value = if big_endian {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        let c = char::from_u32(value)
            .ok_or_else(|| format!("character {} (0x{value:X}) is not a valid character", i + 1))?;
        text.push(c);
    }
    Ok(text)
}

/// NUL bytes, or many control characters, mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

fn not_text(path: &Path, why: &str) -> ReadError {
    ReadError::NotText {
        path: path.display().to_string(),
        why: why.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
        decode_document(bytes, Path::new("doc.txt"))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("détente — “x”".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.note), ("détente — “x”", None));
        let d = decode(b"\xef\xbb\xbfabc").unwrap();
        assert_eq!(d.text, "abc", "the mark is not part of the text");
    }

    #[test]
    fn utf16_with_bom_is_decoded_and_said_so() {
        let mut le = vec![0xff, 0xfe];
        le.extend("détente".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "détente");
        assert_eq!(d.note.as_deref(), Some("doc.txt: decoded from UTF-16LE"));
        let mut be = vec![0xfe, 0xff];
        be.extend("“ok”".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().text, "“ok”");
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        let bom: u32 = 0xfeff;
        let units = std::iter::once(bom).chain(text.chars().map(u32::from));
        if big_endian {
            units.flat_map(u32::to_be_bytes).collect()
        } else {
            units.flat_map(u32::to_le_bytes).collect()
        }
    }

    #[test]
    fn utf32_with_bom_is_decoded_not_read_as_utf16() {
        let d = decode(&utf32("détente 🕊", false)).unwrap();
        assert_eq!(d.text, "détente 🕊");
        assert_eq!(d.note.as_deref(), Some("doc.txt: decoded from UTF-32LE"));
        let d = decode(&utf32("“ok”", true)).unwrap();
        assert_eq!(d.text, "“ok”");
        assert_eq!(d.note.as_deref(), Some("doc.txt: decoded from UTF-32BE"));
        assert_eq!(decode(&utf32("", false)).unwrap().text, "");
    }

    #[test]
    fn broken_utf32_is_refused_saying_why() {
        let mut cut = utf32("ab", false);
        cut.pop();
        let err = decode(&cut).err().unwrap().to_string();
        assert_eq!(
            err,
            "doc.txt cannot be read as text (invalid UTF-32LE text: 7 bytes is not a whole number of characters)"
        );
        let mut surrogate = utf32("a", true);
        surrogate.extend(0xd800u32.to_be_bytes());
        let err = decode(&surrogate).err().unwrap().to_string();
        assert!(
            err.ends_with("(invalid UTF-32BE text: character 2 (0xD800) is not a valid character)"),
            "{err}"
        );
    }

    #[test]
    fn every_line_end_becomes_a_newline() {
        let d = decode(b"one\r\ntwo\rthree\n\rfour\r\r").unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n\nfour\n\n");
        let mut le = vec![0xff, 0xfe];
        le.extend("a\rb".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap().text, "a\nb", "in every encoding");
        assert_eq!(decode(b"d\xe9\r\rx").unwrap().text, "d\u{e9}\n\nx");
    }

    #[test]
    fn windows_1252_is_decoded_and_said_so() {
        // "détente – “x”" in Windows-1252: é=E9, en dash=96, curly quotes=93/94.
        let d = decode(b"d\xe9tente \x96 \x93x\x94").unwrap();
        assert_eq!(d.text, "détente – “x”");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_is_refused() {
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").err().unwrap();
        assert!(err.to_string().contains("binary data"), "{err}");
        assert!(
            decode(&[]).is_ok(),
            "an empty file is an empty document, not binary"
        );
    }
}
