//! Text documents from any bytes (`io::text_document::from_bytes`: encoding
//! sniffing, then the markup parser): a document or `ReadError::NotText`,
//! never a panic. Decoded UTF-8 input keeps its text, line ends as `\n`.

#![no_main]

use std::path::Path;

use briefmark::io::ReadError;
use briefmark::io::decode::decode_document;
use briefmark::io::text_document::from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.txt");
    match decode_document(data, path) {
        Ok(decoded) => {
            if let Ok(text) = std::str::from_utf8(data) {
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                assert_eq!(decoded.text, text, "UTF-8 changed by decoding");
                assert!(decoded.note.is_none());
            }
        }
        Err(ReadError::NotText { .. }) => {}
        Err(e) => panic!("unexpected error kind: {e}"),
    }
    match from_bytes(path, data) {
        Ok(import) => {
            let doc = &import.document;
            assert_eq!(doc.char_len(), doc.text().chars().count());
        }
        Err(e) => assert!(matches!(e, ReadError::NotText { .. }), "{e}"),
    }
});
