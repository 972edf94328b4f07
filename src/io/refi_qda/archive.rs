//! The zip side of `.qdpx`: reproducible writing, and reading that trusts
//! nothing (entry names that leave the archive, sizes past the limit,
//! headers that understate what an entry expands to).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

use crate::io::import::ImportError;

/// A fast deflate level: the default (6) took a third of a large export's
/// time. Level 2 is about as fast as 1 (whose simpler matching made the
/// 100,000-passage export half as large again) and nearly as small as 6.
const DEFLATE_LEVEL: i64 = 2;

/// Zips `entries` (name, contents) in the given order. Every entry gets the
/// same fixed timestamp (1980-01-01, the zip epoch), system and permissions,
/// so the same entries always give byte-identical archives.
pub(crate) fn write_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut written = HashSet::new();
    for (name, data) in entries {
        // Only a project with two documents of one id (which `check`
        // refuses) repeats a name; keep the first rather than fail.
        if !written.insert(name) {
            continue;
        }
        // Names are ours (fixed names and GUIDs), the writer is in memory:
        // nothing here can fail.
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(data).map_err(Into::into))
            .unwrap_or_else(|e| unreachable!("zipping {name} in memory: {e}"));
    }
    zip.finish()
        .unwrap_or_else(|e| unreachable!("finishing a zip in memory: {e}"))
        .into_inner()
}

/// Whether an entry name (or a path inside the archive) could point outside
/// it: absolute, with a drive letter, or with a `..` component. Backslashes
/// count as separators, as Windows tools write them.
pub(crate) fn is_unsafe_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    name.starts_with('/')
        || name.starts_with('\\')
        || drive
        || name.split(['/', '\\']).any(|part| part == "..")
        || name.contains('\0')
}

/// An opened `.qdpx`: every entry name checked, every declared size
/// checked, entries read on demand within `limit` bytes.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names with `\` as `/`, to their index.
    names: HashMap<String, usize>,
    file: String,
    limit: u64,
}

impl<'a> Archive<'a> {
    pub(crate) fn open(bytes: &'a [u8], file: &str, limit: u64) -> Result<Self, ImportError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Malformed {
            file: file.to_owned(),
            message: format!("not a zip archive, as a REFI-QDA project (.qdpx) must be ({e})"),
        })?;
        if zip.metadata().has_duplicate_names() {
            // Which of two same-named entries a reader sees is arbitrary.
            return Err(ImportError::Malformed {
                file: file.to_owned(),
                message: "the archive holds two entries of the same name".to_owned(),
            });
        }
        let mut names = HashMap::new();
        for index in 0..zip.len() {
            let entry = zip
                .by_index_data(index)
                .map_err(|e| ImportError::Malformed {
                    file: file.to_owned(),
                    message: format!("archive entry {index}: {e}"),
                })?;
            let name = entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
            if is_unsafe_name(&name) {
                return Err(ImportError::UnsafeEntry {
                    file: file.to_owned(),
                    entry: name,
                });
            }
            if entry.size() > limit {
                return Err(too_large(file, &name, limit));
            }
            names.insert(name.replace('\\', "/"), index);
        }
        Ok(Self {
            zip,
            names,
            file: file.to_owned(),
            limit,
        })
    }

    /// The contents of entry `name`, or `None` when there is no such entry.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(&index) = self.names.get(name) else {
            return Ok(None);
        };
        let malformed = |e: zip::result::ZipError| ImportError::Malformed {
            file: self.file.clone(),
            message: format!("archive entry {name}: {e}"),
        };
        let entry = self.zip.by_index(index).map_err(malformed)?;
        read_limited(entry, name, self.limit, &self.file).map(Some)
    }
}

/// Reads at most `limit` bytes; an entry that yields more is refused
/// whatever its header declared (a zip bomb can understate its size).
pub(crate) fn read_limited(
    reader: impl Read,
    entry: &str,
    limit: u64,
    file: &str,
) -> Result<Vec<u8>, ImportError> {
    let mut data = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| ImportError::Malformed {
            file: file.to_owned(),
            message: format!("archive entry {entry} cannot be read: {e}"),
        })?;
    if data.len() as u64 > limit {
        return Err(too_large(file, entry, limit));
    }
    Ok(data)
}

fn too_large(file: &str, entry: &str, limit: u64) -> ImportError {
    ImportError::TooLarge {
        file: file.to_owned(),
        entry: entry.to_owned(),
        limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
        write_zip(&[(name.to_owned(), data.to_vec())])
    }

    /// Rewrites the declared uncompressed size of the only entry, in its
    /// local header and in the central directory, as a lying archive would.
    fn declare_size(zip: &mut [u8], size: u32) {
        let patch = |zip: &mut [u8], signature: &[u8], offset: usize| {
            let at = zip
                .windows(4)
                .position(|w| w == signature)
                .expect("header present");
            zip[at + offset..at + offset + 4].copy_from_slice(&size.to_le_bytes());
        };
        patch(zip, b"PK\x03\x04", 22);
        patch(zip, b"PK\x01\x02", 24);
    }

    #[test]
    fn unsafe_names() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "\\x",
            "C:\\x",
            "c:x",
            "a\\..\\b",
        ] {
            assert!(is_unsafe_name(bad), "{bad}");
        }
        for good in ["project.qde", "sources/a.txt", "a..b.txt", "sources/..x"] {
            assert!(!is_unsafe_name(good), "{good}");
        }
    }

    #[test]
    fn reading_stops_past_the_limit_whatever_the_header_says() {
        let err = read_limited(std::io::repeat(b'x').take(1000), "e", 100, "f").unwrap_err();
        assert!(
            matches!(err, ImportError::TooLarge { limit: 100, .. }),
            "{err}"
        );
        assert_eq!(read_limited(&b"abc"[..], "e", 3, "f").unwrap(), b"abc");
    }

    #[test]
    fn declared_size_past_the_limit_is_refused_on_open() {
        let zip = zip_of("big.txt", &[b'a'; 200]);
        let err = Archive::open(&zip, "f", 100).err().expect("refused");
        assert!(
            matches!(&err, ImportError::TooLarge { entry, .. } if entry == "big.txt"),
            "{err}"
        );
    }

    /// The zip crate stops an entry at its declared size, so a lying header
    /// is refused before `read_limited`'s own limit (tested above) is hit.
    #[test]
    fn an_understated_size_is_caught_while_reading() {
        let mut zip = zip_of("bomb.txt", &[b'a'; 5000]);
        declare_size(&mut zip, 10);
        let mut archive = Archive::open(&zip, "f", 100).expect("declared size is small");
        let err = archive.read("bomb.txt").unwrap_err();
        assert!(matches!(err, ImportError::Malformed { .. }), "{err}");
        assert!(err.to_string().contains("bomb.txt"), "{err}");
        assert!(err.to_string().contains("declared"), "{err}");
    }

    #[test]
    fn identical_input_gives_identical_zips() {
        assert_eq!(zip_of("a", b"hello"), zip_of("a", b"hello"));
    }
}
