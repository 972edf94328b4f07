//! The whole project as JSON, with full fidelity and importable again: for
//! scripts (Python's `json`, R's jsonlite, jq) and for moving a project
//! between tools that do not read RON.
//!
//! - [`to_json`]: one pretty-printed object,
//!   `{"format": "briefmark", "version": 3, "documents", "codebook", "coders",
//!   "passages", "orphans", "relations", "links", "assignment"}`, each field
//!   as in the project file (`docs/project-file.md`); `orphans` are the
//!   passages a revision left without their text, with their quote and no
//!   offsets.
//! - [`to_jsonl`]: JSON Lines, one compact record per line, each with a
//!   `"type"`: first the `project` record (`format`, `version`, `counts`,
//!   `coders`), then one `document` per document, one `dimension` (with its
//!   codes) per dimension, one `passage` per passage, one `orphan` per
//!   passage that needs re-placing (no offsets), one `relation` per
//!   relation type, one `link` per link (an assignment rides on the
//!   `project` record). Line-oriented tools (`jq -c`, `grep`, pandas'
//!   `read_json(lines=True)`) can pick records by type. `counts` says how
//!   many records of each kind follow, so that a file cut short, or one
//!   that lost lines, is refused instead of read with fewer passages.
//!
//! Passages are written in position order; the same project always gives
//! the same bytes. Importing checks the format marker and version (the
//! project file's rule, `migrate::check_version`), the counts, then the
//! project itself ([`validated`]), so nothing broken gets in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use super::import::{ImportError, validated};
use super::migrate::{UnreadableVersion, check_version};
use crate::model::{
    Assignment, Codebook, Dimension, Document, FORMAT_VERSION, Link, Orphan, Passage, Project,
    Relation, default_relations,
};

/// The value of the `format` field that marks a briefmark export.
pub const FORMAT: &str = "briefmark";

/// The project as one pretty-printed JSON object, ending with a newline.
pub fn to_json(project: &Project) -> String {
    let out = JsonOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        documents: &project.documents,
        codebook: &project.codebook,
        coders: &project.coders,
        passages: project.passages_in_order(),
        orphans: &project.orphans,
        relations: &project.relations,
        links: &project.links,
        assignment: project.assignment.as_ref(),
    };
    serde_json::to_string_pretty(&out).map_or_else(|e| unserializable(&e), |s| s + "\n")
}

/// The project as JSON Lines: one record per line, each line ending with `\n`.
pub fn to_jsonl(project: &Project) -> String {
    let head = RecordOut::Project {
        format: FORMAT,
        version: FORMAT_VERSION,
        counts: counts(project),
        coders: &project.coders,
        assignment: project.assignment.as_ref(),
    };
    let records = std::iter::once(head)
        .chain(project.documents.iter().map(RecordOut::Document))
        .chain(project.codebook.dimensions.iter().map(RecordOut::Dimension))
        .chain(
            project
                .passages_in_order()
                .into_iter()
                .map(RecordOut::Passage),
        )
        .chain(project.orphans.iter().map(RecordOut::Orphan))
        .chain(project.relations.iter().map(RecordOut::Relation))
        .chain(project.links.iter().map(RecordOut::Link));
    let mut out = String::new();
    for record in records {
        // Compact JSON escapes line breaks inside strings, so one record is one line.
        out += &serde_json::to_string(&record).unwrap_or_else(|e| unserializable(&e));
        out.push('\n');
    }
    out
}

/// Reads a project written by [`to_json`]; `file` names it in errors.
///
/// Refuses another format or a newer version (`Malformed`), broken JSON
/// (`Malformed`, with line and column), and a project that does not hold
/// together (`Invalid`: selections outside the text, unknown codes,
/// duplicate ids).
pub fn from_json(text: &str, file: &str) -> Result<Project, ImportError> {
    let text = without_bom(text);
    let syntax = |e: serde_json::Error| malformed(file, format!("not valid briefmark JSON: {e}"));
    // The marker first: a newer version may not fit this build's types, and
    // "too new" says more than the field that failed.
    let probe: Probe = serde_json::from_str(text).map_err(syntax)?;
    check_header(probe.format.as_deref(), probe.version, file, "")?;
    let json: JsonIn = serde_json::from_str(text).map_err(syntax)?;
    let project = Project {
        version: json.version,
        documents: json.documents,
        codebook: json.codebook,
        coders: json.coders,
        passages: json.passages.into(),
        orphans: json.orphans,
        // Version 1 had no relation types: it gets the defaults, as the
        // project file's migration gives them.
        relations: json.relations.unwrap_or_else(default_relations),
        links: json.links,
        assignment: json.assignment,
    };
    validated(project, file)
}

/// Reads a project written by [`to_jsonl`]; `file` names it in errors,
/// which also give the line number. Blank lines are skipped. A file whose
/// records do not match the counts its `project` record declares is
/// refused (`Malformed`), naming what is missing.
pub fn from_jsonl(text: &str, file: &str) -> Result<Project, ImportError> {
    from_jsonl_with_warnings(text, file).map(|(project, _)| project)
}

/// As [`from_jsonl`], with a warning when the file declares no counts (an
/// export of an older briefmark), so that lost lines could not be detected.
pub fn from_jsonl_with_warnings(
    text: &str,
    file: &str,
) -> Result<(Project, Vec<String>), ImportError> {
    let (mut project, declared) = read_records(text, file)?;
    let mut warnings = Vec::new();
    match declared {
        Some(declared) => check_counts(&declared, &project, file)?,
        None => warnings.push(format!(
            "{file}: its project record declares no record counts (an older export), \
             so lines missing from it could not be detected"
        )),
    }
    if project.version < 2 {
        project.relations = default_relations();
    }
    Ok((validated(project, file)?, warnings))
}

/// The records of a JSON Lines file as a project (not yet checked), and
/// the counts its `project` record declares.
fn read_records(text: &str, file: &str) -> Result<(Project, Option<Declared>), ImportError> {
    let mut project: Option<Project> = None;
    let mut declared = None;
    for (index, line) in without_bom(text).lines().enumerate() {
        let n = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        if project.is_none() {
            // As in `from_json`: a newer version is named before its
            // records, which may not fit this build's types, are read.
            if let Ok(Probe {
                format: Some(format),
                version,
            }) = serde_json::from_str::<Probe>(line)
                && format == FORMAT
            {
                check_header(Some(&format), version, file, &format!("line {n}: "))?;
            }
        }
        let record: RecordIn =
            serde_json::from_str(line).map_err(|e| malformed(file, at_line(n, &e)))?;
        match (record, project.as_mut()) {
            (
                RecordIn::Project {
                    format,
                    version,
                    counts,
                    coders,
                    assignment,
                },
                None,
            ) => {
                check_header(Some(&format), Some(version), file, &format!("line {n}: "))?;
                declared = counts;
                project = Some(Project {
                    version,
                    documents: Vec::new(),
                    codebook: Codebook::default(),
                    coders,
                    passages: Default::default(),
                    orphans: Vec::new(),
                    // Filled from `relation` records, or defaulted below for version 1.
                    relations: Vec::new(),
                    links: Vec::new(),
                    assignment,
                });
            }
            (RecordIn::Project { .. }, Some(_)) => {
                return Err(malformed(
                    file,
                    format!("line {n}: a second \"project\" record"),
                ));
            }
            (_, None) => {
                let want = "the first record must be {\"type\": \"project\", \"format\": \"briefmark\", …}";
                return Err(malformed(file, format!("line {n}: {want}")));
            }
            (RecordIn::Document(d), Some(p)) => p.documents.push(d),
            (RecordIn::Dimension(d), Some(p)) => p.codebook.dimensions.push(d),
            (RecordIn::Passage(x), Some(p)) => p.passages.push(x),
            (RecordIn::Orphan(o), Some(p)) => p.orphans.push(o),
            (RecordIn::Relation(r), Some(p)) => p.relations.push(r),
            (RecordIn::Link(l), Some(p)) => p.links.push(l),
        }
    }
    let mut project =
        project.ok_or_else(|| malformed(file, "no records; the file is empty".into()))?;
    // Dimensions came one record each, not as a codebook read whole: codes
    // from an export older than keys get theirs here.
    project.codebook.assign_keys();
    Ok((project, declared))
}

/// Each kind of record that follows the `project` one, keyed as in
/// `counts`, with how many `project` has: in the order they are written.
/// A new kind of record is one more entry here.
fn counts(project: &Project) -> Counts {
    Counts([
        ("documents", project.documents.len()),
        ("dimensions", project.codebook.dimensions.len()),
        ("passages", project.passages.len()),
        ("orphans", project.orphans.len()),
        ("relations", project.relations.len()),
        ("links", project.links.len()),
    ])
}

/// Counts as written, in record order (a JSON object).
struct Counts([(&'static str, usize); 6]);

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// Counts as read: kinds this build does not know are not checked (their
/// records are refused as unknown types anyway), nor are kinds left out.
type Declared = BTreeMap<String, usize>;

/// Refuses a project whose records are not as many as `declared`, e.g.
/// "the file is incomplete: 3 of 44 passages and 1 of 7 links are missing".
fn check_counts(declared: &Declared, project: &Project, file: &str) -> Result<(), ImportError> {
    let (mut missing, mut lost, mut extra) = (Vec::new(), 0, Vec::new());
    for (kind, found) in counts(project).0 {
        match declared.get(kind) {
            Some(&want) if found < want => {
                missing.push(format!("{} of {want} {kind}", want - found));
                lost += want - found;
            }
            Some(&want) if found > want => extra.push(format!("{found} {kind}, not {want}")),
            _ => {}
        }
    }
    let mut problems = Vec::new();
    if !missing.is_empty() {
        let verb = if lost == 1 { "is" } else { "are" };
        problems.push(format!(
            "the file is incomplete: {} {verb} missing",
            listed(&missing)
        ));
    }
    if !extra.is_empty() {
        problems.push(format!(
            "the file holds more records than its project record declares: {}",
            listed(&extra)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(malformed(file, problems.join("; ")))
    }
}

/// "a", "a and b", "a, b and c".
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    format: &'static str,
    version: u32,
    documents: &'a [Document],
    codebook: &'a Codebook,
    coders: &'a [String],
    passages: Vec<&'a Passage>,
    orphans: &'a [Orphan],
    relations: &'a [Relation],
    links: &'a [Link],
    #[serde(skip_serializing_if = "Option::is_none")]
    assignment: Option<&'a Assignment>,
}

/// Only the marker, read before the rest so a newer file gets a clear error.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with \"format\": \"briefmark\"")]
struct Probe {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
#[serde(expecting = "a briefmark project object")]
struct JsonIn {
    version: u32,
    documents: Vec<Document>,
    codebook: Codebook,
    #[serde(default)]
    coders: Vec<String>,
    #[serde(default)]
    passages: Vec<Passage>,
    #[serde(default)]
    orphans: Vec<Orphan>,
    #[serde(default)]
    relations: Option<Vec<Relation>>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    assignment: Option<Assignment>,
}

/// One JSON Lines record; `"type"` comes first on each line.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum RecordOut<'a> {
    Project {
        format: &'static str,
        version: u32,
        counts: Counts,
        coders: &'a [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        assignment: Option<&'a Assignment>,
    },
    Document(&'a Document),
    Dimension(&'a Dimension),
    Passage(&'a Passage),
    Orphan(&'a Orphan),
    Relation(&'a Relation),
    Link(&'a Link),
}

#[derive(Deserialize)]
#[serde(
    tag = "type",
    rename_all = "lowercase",
    expecting = "an object with a \"type\" of project, document, dimension, passage, orphan, relation or link"
)]
enum RecordIn {
    Project {
        format: String,
        version: u32,
        /// Absent from exports older than the counts.
        #[serde(default)]
        counts: Option<Declared>,
        #[serde(default)]
        coders: Vec<String>,
        #[serde(default)]
        assignment: Option<Assignment>,
    },
    Document(Document),
    Dimension(Dimension),
    Passage(Passage),
    Orphan(Orphan),
    Relation(Relation),
    Link(Link),
}

/// Refuses files of another format, and versions the project file
/// refuses too (0, or newer than this build).
fn check_header(
    format: Option<&str>,
    version: Option<u32>,
    file: &str,
    place: &str,
) -> Result<(), ImportError> {
    if format != Some(FORMAT) {
        let found = format.map_or("none".to_owned(), |f| format!("{f:?}"));
        return Err(malformed(
            file,
            format!(
                "{place}not a briefmark export: expected \"format\": \"{FORMAT}\", found {found}"
            ),
        ));
    }
    let Some(v) = version else {
        return Err(malformed(file, format!("{place}no \"version\" field")));
    };
    match check_version(v) {
        Ok(()) => Ok(()),
        Err(UnreadableVersion::NoSuchVersion) => Err(malformed(
            file,
            format!("{place}it says it is format version 0; versions start at 1"),
        )),
        Err(UnreadableVersion::TooNew) => Err(malformed(
            file,
            format!(
                "{place}written by a newer briefmark (format version {v}); this build reads versions up to {FORMAT_VERSION}. Update briefmark to import it."
            ),
        )),
    }
}

/// A JSON Lines error at line `n` of the file. serde_json counts lines of
/// the one record it was given, so its "at line 1 column C" is replaced.
fn at_line(n: usize, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    format!("line {n}, column {}: {message}", e.column())
}

fn malformed(file: &str, message: String) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        message,
    }
}

/// Editors on Windows may save UTF-8 with a byte-order mark; JSON forbids it.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Our types serialize without failing: no maps with non-string keys, no
/// fallible `Serialize` impls.
fn unserializable(e: &serde_json::Error) -> ! {
    unreachable!("project to JSON: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_checks_name_the_problem() {
        let msg = |r: Result<(), ImportError>| r.map_err(|e| e.to_string()).err();
        assert_eq!(msg(check_header(Some("briefmark"), Some(1), "f", "")), None);
        let other = msg(check_header(Some("refi"), Some(1), "f", "")).unwrap_or_default();
        assert!(other.contains("found \"refi\""), "{other}");
        let newer = msg(check_header(Some("briefmark"), Some(9), "f", "line 1: "));
        let newer = newer.unwrap_or_default();
        assert!(
            newer.starts_with("f: line 1: written by a newer"),
            "{newer}"
        );
        assert!(
            newer.contains("version 9") && newer.contains(&format!("up to {FORMAT_VERSION}")),
            "{newer}"
        );
    }

    #[test]
    fn line_errors_carry_the_file_line() {
        let e = serde_json::from_str::<RecordIn>("{\"type\": ").err();
        let message = e.map(|e| at_line(7, &e)).unwrap_or_default();
        assert!(message.starts_with("line 7, column "), "{message}");
        assert!(!message.contains("at line 1"), "{message}");
    }
}
