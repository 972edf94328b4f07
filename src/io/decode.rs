//! Text documents in the encodings people actually have: UTF-8 (with or
//! without a byte-order mark), UTF-16 with a byte-order mark, and legacy
//! Windows-1252 files from older Word and Windows tools. Binary files are
//! refused rather than shown as garbage.

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
    match std::str::from_utf8(bytes) {
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
