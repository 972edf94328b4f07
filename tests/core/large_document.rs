//! A 50 MB document through the normal path: a `.txt` of the brief's
//! paragraphs, repeated with a counter so every paragraph is unique, opened
//! with `io::open`, coded near its end, saved as a project and loaded back.
//! Exact char counts, code-point offsets and quotes; no timing assertions
//! (the durations are printed, for a look with `--nocapture`).

use std::time::Instant;

use briefmark::assets;
use briefmark::io::{self, project_file};
use briefmark::model::{CodeId, Passage, Style};
use chrono::{TimeZone, Utc};

/// Size of the generated source file.
const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// The generated file's markup and the plain text it must give.
struct Big {
    source: String,
    text: String,
    paragraphs: usize,
    /// The last paragraph's plain text.
    last: String,
}

/// The brief's paragraphs (plain, from its parsed blocks), each followed
/// by an underlined counter, until the file is `TARGET_BYTES` long.
fn big_document() -> Big {
    let brief = assets::default_project().documents.remove(0);
    let paragraphs: Vec<&str> = brief
        .blocks()
        .iter()
        .map(|b| brief.slice(b.start, b.end))
        .collect();
    let mut big = Big {
        source: String::with_capacity(TARGET_BYTES + 20_000),
        text: String::with_capacity(TARGET_BYTES),
        paragraphs: 0,
        last: String::new(),
    };
    'fill: for round in 0.. {
        for (i, para) in paragraphs.iter().enumerate() {
            if big.source.len() >= TARGET_BYTES {
                break 'fill;
            }
            if big.paragraphs > 0 {
                big.source.push_str("\n\n");
                big.text.push_str("\n\n");
            }
            let counter = format!("[{round}.{i}]");
            big.source.push_str(&format!("{para} <u>{counter}</u>"));
            big.last = format!("{para} {counter}");
            big.text.push_str(&big.last);
            big.paragraphs += 1;
        }
    }
    big
}

#[test]
fn a_50_mb_document_opens_codes_saves_and_loads_exactly() {
    let big = big_document();
    assert!(big.source.len() >= TARGET_BYTES);
    let dir = tempfile::tempdir().expect("temp dir");
    let txt = dir.path().join("big-brief.txt");
    std::fs::write(&txt, &big.source).expect("written");

    let clock = Instant::now();
    let opened = io::open(&txt).expect("a 50 MB text opens");
    eprintln!("open: {:?}", clock.elapsed());
    assert!(
        opened.is_new && opened.warnings.is_empty(),
        "{:?}",
        opened.warnings
    );
    let mut project = opened.project;
    let doc = &project.documents[0];
    let chars = big.text.chars().count();
    assert_eq!(doc.char_len(), chars);
    assert_eq!(doc.text(), big.text);
    assert_eq!(doc.blocks().len(), big.paragraphs);
    assert_eq!(doc.blocks().last().map(|b| b.end), Some(chars));
    let underlined = doc.spans().iter().filter(|s| s.style == Style::Underline);
    assert_eq!(underlined.count(), big.paragraphs, "one counter each");

    // A passage over the whole last paragraph, offsets counted independently.
    let last_chars = big.last.chars().count();
    let (start, end) = (chars - last_chars, chars);
    assert_eq!(doc.byte_of(start), big.text.len() - big.last.len());
    let when = Utc
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("a time");
    let mut passage = Passage::new(doc, start, end, "Ana", when);
    assert_eq!((passage.start, passage.end), (start, end));
    assert_eq!(passage.quote, big.last);
    assert_eq!(doc.slice(start, end), big.last);
    assert!(passage.prefix.ends_with("\n\n") && passage.suffix.is_empty());
    let code: CodeId = project
        .codebook
        .codes()
        .next()
        .map(|(_, c)| c.id.clone())
        .expect("a code");
    passage.codes.push(code);
    project.passages.push(passage);
    assert!(project.check().is_ok());

    let saved = dir.path().join("big.briefmark.ron");
    let clock = Instant::now();
    project_file::save(&project, &saved).expect("saved");
    eprintln!("save: {:?}", clock.elapsed());
    let clock = Instant::now();
    let loaded = io::open(&saved).expect("loads again");
    eprintln!("load: {:?}", clock.elapsed());
    assert!(!loaded.is_new);
    assert_eq!(loaded.project, project);
    assert_eq!(loaded.project.passages[0].quote, big.last);
}

/// Past the import limit, a file is refused before it is parsed, with a
/// message that says why (the file is sparse: no 256 MB written to disk).
#[test]
fn a_file_past_the_import_limit_is_refused_with_a_clear_message() {
    use briefmark::io::import::{ImportError, MAX_ENTRY_BYTES};
    use briefmark::io::import_files::import_paths;
    use briefmark::model::ConflictPolicy;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("created");
    file.set_len(MAX_ENTRY_BYTES + 1).expect("sized");
    let result = import_paths(&[path], assets::default_project(), ConflictPolicy::KeepOurs);
    let Err(err) = result else {
        panic!("a file past the limit was imported")
    };
    assert!(matches!(err, ImportError::Malformed { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("huge.txt"), "{message}");
    assert!(message.contains("larger than 256 MB"), "{message}");
}
