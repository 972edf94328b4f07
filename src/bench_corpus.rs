//! Synthetic corpora for the benchmarks (`benches/`, `docs/performance.md`).
//!
//! Deterministic: the same calls give the same projects on every machine
//! (a small LCG, fixed times, ids derived from the generator), so figures
//! taken on different days measure the same work.
//!
//! - [`one_megabyte_source`]: the brief's paragraphs in its own markup, each
//!   ending in an underlined counter so that no two blocks are alike (no
//!   layout or galley cache can fold repeats), until the file is 1 MiB.
//! - [`one_megabyte_project`]: that document with [`PASSAGES_1MB`] passages
//!   over the [`CODES`] codes of [`bench_codebook`], overlapping and nested.
//! - [`hundred_thousand_passages_project`]: [`DOCUMENTS_100K`] documents (the
//!   brief, made unique per document) and [`PASSAGES_100K`] passages.
//! - [`one_megabyte_script_project`]: the same for a document in Persian
//!   (`assets/examples/persian.txt`) or in the region's scripts mixed
//!   (`assets/examples/scripts.txt`), a 1 MiB file as the English one.
//! - [`agreement_raters`]: two coders' codings of the 1 MB document, the
//!   second a perturbation of the first (shifted boundaries, changed,
//!   dropped and added passages).

use chrono::{DateTime, TimeZone, Utc};

use crate::analysis::agreement::Rater;
use crate::assets;
use crate::model::markup;
use crate::model::{
    Code, CodeId, Codebook, Dimension, DimensionId, Document, DocumentId, Passage, PassageId,
    Project, Rgb,
};

/// Size of the generated 1 MB document's markup source, in bytes.
pub const ONE_MEGABYTE: usize = 1024 * 1024;
/// Passages on the 1 MB document.
pub const PASSAGES_1MB: usize = 10_000;
/// Codes in the benchmark codebook.
pub const CODES: usize = 20;
/// Documents and passages of the large project.
pub const DOCUMENTS_100K: usize = 200;
pub const PASSAGES_100K: usize = 100_000;
/// Id of the 1 MB document.
pub const ONE_MEGABYTE_ID: &str = "brief-1mb";

const SEED: u64 = 0x5eed_b71e_f3a2_0001;

/// A 64-bit LCG (Knuth's MMIX constants) with its output mixed, so low bits are usable.
#[derive(Clone, Debug)]
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The low bits of an LCG are weak: mix the high ones down.
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^ (z >> 33)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A version-4-shaped UUID from the generator (deterministic).
    pub fn uuid(&mut self) -> String {
        let bytes =
            ((u128::from(self.next_u64()) << 64) | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

/// The fixed time stamped on generated passages.
pub fn bench_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 15, 9, 30, 0)
        .single()
        .unwrap_or_default()
}

/// The brief's blocks as plain text (title, byline, headings, paragraphs).
fn brief_paragraphs() -> Vec<String> {
    let brief = assets::default_project().documents.remove(0);
    brief
        .blocks()
        .iter()
        .map(|b| brief.slice(b.start, b.end).to_owned())
        .collect()
}

/// Markup of the brief's paragraphs, each ending in an underlined counter
/// `[tag.round.i]`, repeated until at least `bytes` long.
fn unique_source(tag: &str, bytes: usize) -> String {
    let paragraphs = brief_paragraphs();
    let mut source = String::with_capacity(bytes + 4096);
    'fill: for round in 0.. {
        for (i, para) in paragraphs.iter().enumerate() {
            if source.len() >= bytes {
                break 'fill;
            }
            if !source.is_empty() {
                source.push_str("\n\n");
            }
            source.push_str(para);
            source.push_str(&format!(" <u>[{tag}{round}.{i}]</u>"));
        }
    }
    source
}

/// The text a script benchmark's document is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// The bundled brief.
    English,
    /// `assets/examples/persian.txt`: right to left, with numbers, Latin
    /// abbreviations and guillemets inside.
    Persian,
    /// `assets/examples/scripts.txt`: a paragraph per script of the region
    /// (Armenian, Georgian, Cyrillic, Arabic script, Hebrew, Greek, …).
    Mixed,
}

impl Script {
    pub const ALL: [Script; 3] = [Script::English, Script::Persian, Script::Mixed];

    pub fn name(self) -> &'static str {
        match self {
            Script::English => "english",
            Script::Persian => "persian",
            Script::Mixed => "mixed",
        }
    }

    /// The sample's blocks as plain text (title, headings, paragraphs).
    pub fn paragraphs(self) -> Vec<String> {
        let sample = match self {
            Script::English => return brief_paragraphs(),
            Script::Persian => include_str!("../assets/examples/persian.txt"),
            Script::Mixed => include_str!("../assets/examples/scripts.txt"),
        };
        let doc = markup::parse(DocumentId("sample".into()), sample).document;
        (doc.blocks().iter())
            .map(|b| doc.slice(b.start, b.end).to_owned())
            .collect()
    }
}

/// A 1 MiB file of `script` ([`ONE_MEGABYTE`] bytes of UTF-8, as the
/// English one: Persian has about half as many characters, two bytes
/// each) in paragraphs of at least the brief's mean length (the sample's
/// joined), each ending in its own counter as in [`one_megabyte_source`]:
/// the markup a `.txt` file would hold.
pub fn one_megabyte_script_source(script: Script) -> String {
    // Paragraphs as long as the brief's on average, so the three documents
    // differ in their text, not in how many blocks (and so list rows,
    // stripe pieces, layouts) they cut it into.
    let brief = brief_paragraphs();
    let mean = brief.iter().map(|p| p.chars().count()).sum::<usize>() / brief.len().max(1);
    let mut paragraphs: Vec<String> = Vec::new();
    if script == Script::English {
        paragraphs = brief;
    }
    for para in (script != Script::English)
        .then(|| script.paragraphs())
        .into_iter()
        .flatten()
    {
        match paragraphs.last_mut() {
            Some(last) if last.chars().count() < mean => {
                last.push(' ');
                last.push_str(&para);
            }
            _ => paragraphs.push(para),
        }
    }
    let mut source = String::with_capacity(ONE_MEGABYTE + 4096);
    'fill: for round in 0.. {
        for (i, para) in paragraphs.iter().enumerate() {
            if source.len() >= ONE_MEGABYTE {
                break 'fill;
            }
            source.push_str(&format!("{para} <u>[{round}.{i}]</u>\n\n"));
        }
    }
    source
}

/// [`one_megabyte_script_source`] parsed, with [`PASSAGES_1MB`] passages
/// laid as on the English one.
pub fn one_megabyte_script_project(script: Script) -> Project {
    let source = one_megabyte_script_source(script);
    let id = DocumentId(format!("{}-1mb", script.name()));
    coded_1mb(markup::parse(id, &source).document)
}

/// The 1 MB document's markup source (what a `.txt` file would hold).
pub fn one_megabyte_source() -> String {
    unique_source("", ONE_MEGABYTE)
}

/// The 1 MB document, parsed from [`one_megabyte_source`].
pub fn one_megabyte_document() -> Document {
    markup::parse(
        DocumentId(ONE_MEGABYTE_ID.to_owned()),
        &one_megabyte_source(),
    )
    .document
}

/// The brief's paragraphs, marked up, in paragraphs of their own (as
/// `.txt`), at least `bytes` long: the same text as
/// [`one_paragraph_source`], with its paragraph breaks.
pub fn paragraphs_source(bytes: usize) -> String {
    unique_source("", bytes)
}

/// The brief's paragraphs run together into one paragraph of at least
/// `bytes` bytes (as `.txt`): a file with no paragraph breaks (hostile, or
/// a bad PDF extraction), which the reading pane must lay out in pieces.
pub fn one_paragraph_source(bytes: usize) -> String {
    unique_source("", bytes).replace("\n\n", " ")
}

/// [`one_paragraph_source`] as a document of one paragraph block.
pub fn one_paragraph_document(bytes: usize) -> Document {
    let text = one_paragraph_source(bytes);
    let text = markup::parse(DocumentId("one-paragraph".into()), &text)
        .document
        .text()
        .to_owned();
    let end = text.chars().count();
    let repr = crate::model::document::DocumentRepr {
        id: DocumentId("one-paragraph".into()),
        title: "One paragraph".into(),
        info: Default::default(),
        blocks: vec![crate::model::Block {
            kind: crate::model::BlockKind::Paragraph,
            start: 0,
            end,
        }],
        spans: Vec::new(),
        text,
    };
    match Document::new(repr) {
        Ok(doc) => doc,
        Err(e) => unreachable!("one block over the whole text is valid: {e}"),
    }
}

/// Twenty codes in four dimensions of five; the first two dimensions are
/// exclusive (a passage holds at most one code of each).
pub fn bench_codebook() -> Codebook {
    const DIMENSIONS: [(&str, bool); 4] = [
        ("Causal role", true),
        ("Level", true),
        ("Actor", false),
        ("Instrument", false),
    ];
    let palette = crate::model::codebook::PALETTE;
    let dimensions = DIMENSIONS
        .iter()
        .enumerate()
        .map(|(d, &(name, exclusive))| Dimension {
            id: DimensionId(format!("dim-{d}")),
            name: name.to_owned(),
            description: format!("Benchmark dimension {d}"),
            exclusive,
            codes: (0..CODES / DIMENSIONS.len())
                .map(|c| {
                    let k = d * (CODES / DIMENSIONS.len()) + c;
                    let Rgb(r, g, b) = palette[k % palette.len()];
                    Code {
                        id: CodeId(format!("code-{k:02}")),
                        name: format!("{name} {}", c + 1),
                        // Shifted per round of the palette so colours stay distinct.
                        color: Rgb(r, g.wrapping_add((k / palette.len()) as u8 * 40), b),
                        definition: format!("Benchmark code {k}"),
                        when_to_use: String::new(),
                        when_not_to_use: String::new(),
                        example: String::new(),
                        key: Code::UNASSIGNED,
                        memo: String::new(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut codebook = Codebook { dimensions };
    codebook.assign_keys();
    codebook
}

/// One to three codes, at most one from each exclusive dimension.
fn pick_codes(rng: &mut Lcg, codebook: &Codebook) -> Vec<CodeId> {
    let n = 1 + rng.below(3);
    let mut dims: Vec<usize> = (0..codebook.dimensions.len()).collect();
    let mut codes = Vec::with_capacity(n);
    for _ in 0..n {
        let d = dims.swap_remove(rng.below(dims.len()));
        let dim = &codebook.dimensions[d];
        codes.push(dim.codes[rng.below(dim.codes.len())].id.clone());
    }
    codes
}

/// `count` passages on `doc`: starts spread evenly with jitter, lengths of a
/// phrase to a few paragraphs (so they overlap and nest), 1–3 codes each,
/// a memo on one in ten.
fn passages_on(
    rng: &mut Lcg,
    doc: &Document,
    codebook: &Codebook,
    count: usize,
    coders: &[&str],
) -> Vec<Passage> {
    let len = doc.char_len();
    let step = (len / count.max(1)).max(1);
    let when = bench_time();
    (0..count)
        .map(|i| {
            let start = (i * step + rng.below(step)).min(len.saturating_sub(1));
            // Mostly a sentence, sometimes a paragraph, rarely several
            // (about 300 characters on average).
            let span = match rng.below(100) {
                0..=74 => 30 + rng.below(220),
                75..=96 => 250 + rng.below(750),
                _ => 1000 + rng.below(1500),
            };
            let end = (start + span).min(len);
            let coder = coders[rng.below(coders.len())];
            let mut p = Passage::new(doc, start, end, coder, when);
            p.id = PassageId(rng.uuid());
            p.codes = pick_codes(rng, codebook);
            if rng.chance(10) {
                p.memo = format!(
                    "Memo {i}: why this passage carries these codes, \"quoted\", with a comma."
                );
            }
            p
        })
        .collect()
}

/// The 1 MB document, [`PASSAGES_1MB`] passages over [`CODES`] codes.
pub fn one_megabyte_project() -> Project {
    coded_1mb(one_megabyte_document())
}

/// `doc` with [`PASSAGES_1MB`] passages by Ana over the bench codebook.
fn coded_1mb(doc: Document) -> Project {
    let codebook = bench_codebook();
    let mut rng = Lcg::new(SEED);
    let passages = passages_on(&mut rng, &doc, &codebook, PASSAGES_1MB, &["Ana"]);
    let mut project = Project::new(vec![doc], codebook);
    project.coders = vec!["Ana".to_owned()];
    project.passages = passages.into();
    project.sort_passages();
    project
}

/// [`DOCUMENTS_100K`] documents (each the brief with its own counters) and
/// [`PASSAGES_100K`] passages by three coders.
pub fn hundred_thousand_passages_project() -> Project {
    let codebook = bench_codebook();
    let mut rng = Lcg::new(SEED ^ 0x100_000);
    let brief_len = assets::BRIEF.len();
    let coders = ["Ana", "Ben", "Chen"];
    let mut documents = Vec::with_capacity(DOCUMENTS_100K);
    let mut passages = Vec::with_capacity(PASSAGES_100K);
    for d in 0..DOCUMENTS_100K {
        let source = unique_source(&format!("d{d}."), brief_len);
        let doc = markup::parse(DocumentId(format!("brief-{d:03}")), &source).document;
        let count = PASSAGES_100K / DOCUMENTS_100K;
        passages.extend(passages_on(&mut rng, &doc, &codebook, count, &coders));
        documents.push(doc);
    }
    let mut project = Project::new(documents, codebook);
    project.coders = coders.iter().map(|c| (*c).to_owned()).collect();
    project.passages = passages.into();
    project.sort_passages();
    project
}

/// Two coders' codings of the 1 MB document: "A" is
/// [`one_megabyte_project`]; "B" keeps 85% of A's passages (a third of
/// those with boundaries moved by up to 40 characters, one in ten with one
/// code changed), drops the rest and adds 10% of its own.
pub fn agreement_raters() -> [Rater; 2] {
    let a = one_megabyte_project();
    let mut rng = Lcg::new(SEED ^ 0xa9ee);
    let doc = &a.documents[0];
    let len = doc.char_len();
    let mut kept: Vec<Passage> = Vec::with_capacity(a.passages.len());
    for p in &a.passages {
        if !rng.chance(85) {
            continue;
        }
        let (mut start, mut end) = (p.start, p.end);
        if rng.chance(33) {
            start = (start + rng.below(81)).saturating_sub(40).min(len);
            end = (end + rng.below(81)).saturating_sub(40).clamp(start, len);
        }
        let mut q = Passage::new(doc, start, end, "Ben", bench_time());
        q.id = PassageId(rng.uuid());
        q.codes = p.codes.clone();
        if rng.chance(10) {
            // Another code of the same dimension (passages hold codes of
            // distinct dimensions, so no repeat and exclusivity holds).
            if let Some(dim) = a.codebook.dimension_of(&q.codes[0]) {
                q.codes[0] = dim.codes[rng.below(dim.codes.len())].id.clone();
            }
        }
        kept.push(q);
    }
    let extra = a.passages.len() / 10;
    kept.extend(passages_on(&mut rng, doc, &a.codebook, extra, &["Ben"]));
    let mut b = Project::new(a.documents.clone(), a.codebook.clone());
    b.coders = vec!["Ben".to_owned()];
    b.passages = kept.into();
    b.sort_passages();
    [Rater::new("Ana", a), Rater::new("Ben", b)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_megabyte_project_has_its_sizes_and_checks() {
        let source = one_megabyte_source();
        assert!(source.len() >= ONE_MEGABYTE && source.len() < ONE_MEGABYTE + 4096);
        let p = one_megabyte_project();
        assert_eq!(p.documents.len(), 1);
        let doc = &p.documents[0];
        assert!(doc.text().len() >= 1_000_000, "{}", doc.text().len());
        assert!(doc.blocks().len() > 500, "{}", doc.blocks().len());
        // Every block is unique: no cache can fold repeats.
        let mut texts: Vec<&str> = (doc.blocks().iter())
            .map(|b| doc.slice(b.start, b.end))
            .collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), doc.blocks().len());
        assert_eq!(p.codebook.codes().count(), CODES);
        assert_eq!(p.passages.len(), PASSAGES_1MB);
        let summary = p.check().expect("the generated project is sound");
        assert_eq!(summary.codes_used, CODES);
        // Passages overlap: some start before the previous one ends.
        let overlapping = p.passages.windows(2).filter(|w| w[1].start < w[0].end);
        assert!(overlapping.count() > PASSAGES_1MB / 4);
        assert_eq!(one_megabyte_project(), p, "deterministic");
    }

    #[test]
    fn the_hundred_thousand_passage_project_has_its_sizes_and_checks() {
        let p = hundred_thousand_passages_project();
        assert_eq!(p.documents.len(), DOCUMENTS_100K);
        assert_eq!(p.passages.len(), PASSAGES_100K);
        let summary = p.check().expect("the generated project is sound");
        assert_eq!(summary.passages, PASSAGES_100K);
        let ids: std::collections::HashSet<_> = p.documents.iter().map(|d| d.id()).collect();
        assert_eq!(ids.len(), DOCUMENTS_100K);
    }

    #[test]
    fn the_agreement_raters_code_the_same_document_differently() {
        let [a, b] = agreement_raters();
        assert_eq!(a.project.documents, b.project.documents);
        b.project.check().expect("rater B's project is sound");
        let n = b.project.passages.len();
        assert!(
            n > PASSAGES_1MB * 8 / 10 && n < PASSAGES_1MB * 11 / 10,
            "{n}"
        );
        let moved = (a.project.passages.iter().zip(&b.project.passages))
            .filter(|(x, y)| (x.start, x.end) != (y.start, y.end))
            .count();
        assert!(moved > 0);
    }
}
