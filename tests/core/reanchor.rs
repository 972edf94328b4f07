//! Re-anchoring coded passages on a revised text: the bundled example coding
//! on a revised brief, small hand-made cases, and a property over random
//! edits.

use briefmark::assets;
use briefmark::model::anchor::{MIN_SIMILARITY, Placement, ReanchorReport, reanchor};
use briefmark::model::document::DocumentRepr;
use briefmark::model::markup::parse;
use briefmark::model::{Block, BlockKind, Document, DocumentId, Passage, Problem, Project};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

const REVISED_BRIEF: &str = include_str!("../fixtures/reanchor/revised-brief.txt");

/// A one-paragraph document over `text`.
fn doc(text: &str) -> Document {
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId("d".into()),
        title: String::new(),
        text: text.into(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.chars().count(),
        }],
        spans: vec![],
    })
    .expect("test document")
}

/// A passage over the first occurrence of `quote` in `d` at or after `from` (code points).
fn passage_on(d: &Document, quote: &str, from: usize) -> Passage {
    let byte = d.byte_of(from)
        + d.text()[d.byte_of(from)..]
            .find(quote)
            .expect("quote in text");
    let start = d.char_of(byte);
    let when = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    Passage::new(d, start, start + quote.chars().count(), "tester", when)
}

/// Code-point range of the only occurrence of `needle` in `d`.
fn unique_range(d: &Document, needle: &str) -> (usize, usize) {
    let text = d.text();
    let byte = text.find(needle).expect("needle in text");
    assert_eq!(
        text.rfind(needle),
        Some(byte),
        "{needle:?} occurs more than once"
    );
    let start = d.char_of(byte);
    (start, start + needle.chars().count())
}

fn single(old: &Document, new: &Document, p: &Passage) -> (Passage, Placement, ReanchorReport) {
    let (mut placed, report) = reanchor(std::slice::from_ref(p), old, new);
    assert_eq!(report.results.len(), 1);
    assert_eq!(report.results[0].passage, p.id);
    let placement = report.results[0].placement;
    (placed.remove(0), placement, report)
}

// ---------------------------------------------------------------------------
// The real case: the example coding on a revised brief.
// ---------------------------------------------------------------------------

/// Word changes made inside coded passages in `revised-brief.txt`.
const WORD_CHANGES: [(&str, &str); 4] = [
    ("The frosting of relations", "The freezing of relations"),
    ("Iran's tough reaction", "Iran's harsh reaction"),
    (
        "through Moscow's blame during",
        "through Moscow's mediation during",
    ),
    (
        "path of renormalizing relations",
        "path of normalizing relations",
    ),
];

#[test]
fn the_example_coding_follows_a_revised_brief() {
    let project = assets::example_project();
    let old = &project.documents[0];
    let new = parse(DocumentId(assets::BRIEF_ID.into()), REVISED_BRIEF).document;
    let passages = &project.passages;
    assert_eq!(passages.len(), 44);

    let (placed, report) = reanchor(passages, old, &new);
    assert_eq!(placed.len(), 44);
    assert_eq!(report.results.len(), 44);

    // The paragraph deleted from the revision ("Before publicly acknowledging…").
    let deleted = *old
        .blocks()
        .iter()
        .find(|b| {
            old.slice(b.start, b.end)
                .starts_with("Before publicly acknowledging")
        })
        .expect("deleted paragraph in the original");

    let mut seen = (0, 0, 0, 0);
    for ((before, after), result) in passages.iter().zip(&placed).zip(&report.results) {
        assert_eq!(result.passage, before.id);
        assert_eq!(after.id, before.id);
        assert_eq!(after.codes, before.codes, "codes travel with the passage");
        let changed = WORD_CHANGES
            .iter()
            .find(|(from, _)| before.quote.contains(from));
        let inside_deleted = before.start >= deleted.start && before.end <= deleted.end;
        if new.text().contains(before.quote.as_str()) {
            // Still there word for word: placed exactly.
            assert!(
                matches!(
                    result.placement,
                    Placement::Unchanged | Placement::Moved { .. }
                ),
                "{:?}: {:?}",
                before.quote,
                result.placement
            );
            assert_eq!(new.slice(after.start, after.end), before.quote);
            assert_eq!(after.quote, before.quote);
            assert_eq!(
                after.prefix,
                new.slice(after.start.saturating_sub(32), after.start)
            );
            assert_eq!(after.suffix, new.slice(after.end, after.end + 32));
            if let Placement::Moved { from, to } = result.placement {
                assert_eq!(from, (before.start, before.end));
                assert_eq!(to, (after.start, after.end));
                seen.1 += 1;
            } else {
                assert_eq!((after.start, after.end), (before.start, before.end));
                seen.0 += 1;
            }
        } else if let Some((from_words, to_words)) = changed {
            // Reworded: re-placed fuzzily on exactly the revised wording.
            let expected_quote = before.quote.replacen(from_words, to_words, 1);
            let expected = unique_range(&new, &expected_quote);
            let Placement::Fuzzy {
                from,
                to,
                similarity,
            } = result.placement
            else {
                panic!("{:?}: {:?}", before.quote, result.placement);
            };
            assert_eq!(from, (before.start, before.end));
            assert_eq!(to, expected, "{expected_quote:?}");
            assert_eq!((after.start, after.end), expected);
            assert_eq!(after.quote, expected_quote);
            assert!((MIN_SIMILARITY..1.0).contains(&similarity), "{similarity}");
            seen.2 += 1;
        } else {
            assert!(
                inside_deleted,
                "{:?} neither kept, reworded nor deleted",
                before.quote
            );
            assert_eq!(result.placement, Placement::Orphan);
            assert_eq!(after, before, "an orphan comes back untouched");
            seen.3 += 1;
        }
    }

    // Hand count: the two passages before the first edit (the brief's first
    // two sentences) keep their range; five passages hold a changed word
    // (one sentence each for "frosting", "tough" and "blame"; "renormalizing"
    // is in a sentence and in a clause coded inside it); the deleted
    // paragraph held two passages; the other 35 moved with the three
    // inserted sentences and the deletion.
    assert_eq!(seen, (2, 35, 5, 2));
    assert_eq!(
        (report.unchanged, report.moved, report.fuzzy, report.orphans),
        (2, 35, 5, 2)
    );
    assert_eq!(
        report.to_string(),
        "2 unchanged, 35 moved, 5 re-placed fuzzily, 2 need re-placing"
    );

    // Left in place, the two orphans' old ranges would no longer hold their
    // quotes: revising the project keeps them apart, without a position,
    // and the revised project checks clean.
    let mut stale = project.clone();
    stale.documents = vec![new.clone()];
    stale.passages = placed.into();
    let problems = stale.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| matches!(p, Problem::QuoteMismatch { .. }))
    );
    let mut revised = project.clone();
    let id = new.id().clone();
    revised.revise_document(&id, new).unwrap();
    assert_eq!((revised.passages.len(), revised.orphans.len()), (42, 2));
    assert_eq!(revised.problems(), []);
}

#[test]
fn an_unchanged_brief_leaves_every_passage_in_place() {
    let project: Project = assets::example_project();
    let d = &project.documents[0];
    let (placed, report) = reanchor(&project.passages, d, d);
    assert_eq!(placed, project.passages);
    assert_eq!(report.unchanged, 44);
    assert_eq!(
        report.to_string(),
        "44 unchanged, 0 moved, 0 re-placed fuzzily, 0 need re-placing"
    );
}

// ---------------------------------------------------------------------------
// Small cases.
// ---------------------------------------------------------------------------

#[test]
fn context_decides_between_repeats_of_a_quote() {
    let old = doc("The cat sat by the door. A dog barked. The cat sat on the mat.");
    let p = passage_on(&old, "The cat sat", 0);
    assert_eq!((p.start, p.end), (0, 11));
    // The sentences swap: the nearer repeat is the wrong one.
    let new = doc("A dog barked. The cat sat on the mat. The cat sat by the door.");
    let (after, placement, _) = single(&old, &new, &p);
    assert_eq!(
        placement,
        Placement::Moved {
            from: (0, 11),
            to: (38, 49)
        }
    );
    assert_eq!(new.slice(38, 61), "The cat sat by the door");
    assert_eq!(after.suffix, " by the door.");
    assert_eq!(after.prefix, "barked. The cat sat on the mat. ");

    // And the other one follows its own context.
    let q = passage_on(&old, "The cat sat", 1);
    let (_, placement, _) = single(&old, &new, &q);
    assert_eq!(
        placement,
        Placement::Moved {
            from: (39, 50),
            to: (14, 25)
        }
    );
}

#[test]
fn equal_context_falls_back_to_the_nearest_repeat() {
    // Every "la" in the middle has the same 32 characters around it.
    let old = doc(&"la ".repeat(40));
    let p = passage_on(&old, "la", 60);
    assert_eq!((p.start, p.end), (60, 62));
    let new = doc(&format!("z {}", "la ".repeat(40)));
    let (_, placement, _) = single(&old, &new, &p);
    assert_eq!(
        placement,
        Placement::Moved {
            from: (60, 62),
            to: (62, 64)
        }
    );
}

#[test]
fn an_insertion_before_the_passage_moves_it() {
    let old = doc("Alpha beta gamma. Delta epsilon zeta. Eta theta.");
    let p = passage_on(&old, "Delta epsilon zeta.", 0);
    assert_eq!((p.start, p.end), (18, 37));
    let new = doc("New opening sentence here. Alpha beta gamma. Delta epsilon zeta. Eta theta.");
    let (after, placement, report) = single(&old, &new, &p);
    assert_eq!(
        placement,
        Placement::Moved {
            from: (18, 37),
            to: (45, 64)
        }
    );
    assert_eq!((after.start, after.end), (45, 64));
    assert_eq!(after.quote, "Delta epsilon zeta.");
    assert_eq!(after.prefix, "entence here. Alpha beta gamma. ");
    assert_eq!(report.moved, 1);
}

#[test]
fn a_typo_inside_the_quote_is_placed_fuzzily() {
    let old = doc("We studied the relations between the two neighbours closely. Then we left.");
    let p = passage_on(&old, "the relations between the two neighbours", 0);
    assert_eq!((p.start, p.end), (11, 51));
    let new =
        doc("Finally, we studied the relatoins between the two neighbors closely. Then we left.");
    let (after, placement, report) = single(&old, &new, &p);
    let Placement::Fuzzy {
        from,
        to,
        similarity,
    } = placement
    else {
        panic!("{placement:?}");
    };
    assert_eq!(from, (11, 51));
    assert_eq!(to, (20, 59));
    assert_eq!(after.quote, "the relatoins between the two neighbors");
    // Three edits: the transposition counts as two substitutions, the
    // dropped "u" as one deletion.
    assert!(
        (similarity - (1.0 - 3.0 / 40.0)).abs() < 1e-6,
        "{similarity}"
    );
    assert_eq!(
        report.to_string(),
        "0 unchanged, 0 moved, 1 re-placed fuzzily, 0 need re-placing"
    );
}

#[test]
fn a_deleted_quote_becomes_an_orphan() {
    let old = doc("First sentence stays. The doomed sentence disappears entirely. Last one stays.");
    let p = passage_on(&old, "The doomed sentence disappears entirely.", 0);
    let new = doc("First sentence stays. Last one stays.");
    let (after, placement, report) = single(&old, &new, &p);
    assert_eq!(placement, Placement::Orphan);
    assert_eq!(after, p);
    assert_eq!(
        report.to_string(),
        "0 unchanged, 0 moved, 0 re-placed fuzzily, 1 needs re-placing"
    );
}

#[test]
fn non_ascii_offsets_are_code_points() {
    let old = doc("Détente — “fragile” 🙂 indeed. The café’s owner said: ça va.");
    let cafe = passage_on(&old, "The café’s owner", 0);
    let detente = passage_on(&old, "Détente — “fragile” 🙂 indeed", 0);
    assert_eq!((cafe.start, cafe.end), (30, 46));
    assert_eq!((detente.start, detente.end), (0, 28));
    let new = doc(
        "Préface — 🙂🙂 inserted. Détente — “fragile” 🙂🙂 indeed. The café’s owner said: ça va.",
    );
    let (placed, report) = reanchor(&[cafe.clone(), detente.clone()], &old, &new);
    assert_eq!(
        report.results[0].placement,
        Placement::Moved {
            from: (30, 46),
            to: (54, 70)
        }
    );
    assert_eq!(new.slice(54, 70), "The café’s owner");
    assert_eq!(placed[0].quote, "The café’s owner");
    let Placement::Fuzzy { to, similarity, .. } = report.results[1].placement else {
        panic!("{:?}", report.results[1].placement);
    };
    assert_eq!(to, (23, 52));
    assert_eq!(placed[1].quote, "Détente — “fragile” 🙂🙂 indeed");
    assert!((similarity - (1.0 - 1.0 / 28.0)).abs() < 1e-6);
}

#[test]
fn an_empty_new_document_orphans_everything() {
    let old = doc("Some text with a passage — é 🙂 — and more.");
    let whole = passage_on(&old, "Some text with a passage — é 🙂 — and more.", 0);
    let short = passage_on(&old, "é", 0);
    let mut empty = passage_on(&old, "passage", 0);
    empty.end = empty.start;
    empty.quote.clear();
    empty.suffix = old.slice(empty.start, empty.start + 32).to_owned();
    let new = doc("");
    let passages = [whole, short, empty];
    let (placed, report) = reanchor(&passages, &old, &new);
    assert_eq!(placed, passages);
    assert_eq!(report.orphans, 3);
    assert!(
        report
            .results
            .iter()
            .all(|r| r.placement == Placement::Orphan)
    );
}

#[test]
fn an_empty_passage_follows_its_context() {
    let old = doc("abcdefghij klmnopqrst uvw");
    let when = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let p = Passage::new(&old, 10, 10, "tester", when);
    assert_eq!(
        (p.prefix.as_str(), p.suffix.as_str()),
        ("abcdefghij", " klmnopqrst uvw")
    );
    let new = doc("XYZ abcdefghij klmnopqrst uvw");
    let (after, placement, _) = single(&old, &new, &p);
    assert_eq!(
        placement,
        Placement::Moved {
            from: (10, 10),
            to: (14, 14)
        }
    );
    assert_eq!(after.quote, "");
    let gone = doc("something else entirely");
    let (_, placement, _) = single(&old, &gone, &p);
    assert_eq!(placement, Placement::Orphan);
}

#[test]
fn a_short_quote_needs_its_context_to_be_placed_fuzzily() {
    let old = doc("The value reported here: Baku2024 and the rest stays as it was.");
    let p = passage_on(&old, "Baku2024", 0);
    assert_eq!((p.start, p.end), (25, 33));
    let confirmed = doc("The value reported here: Baku2025 and the rest stays as it was.");
    let (_, placement, _) = single(&old, &confirmed, &p);
    assert_eq!(
        placement,
        Placement::Fuzzy {
            from: (25, 33),
            to: (25, 33),
            similarity: 0.875
        }
    );
    let elsewhere = doc("Totally different words now. Baku2025 appears without its context.");
    let (_, placement, _) = single(&old, &elsewhere, &p);
    assert_eq!(placement, Placement::Orphan);
}

#[test]
fn a_quote_longer_than_the_text_is_an_orphan() {
    let old = doc("A long original sentence that will not survive the cut.");
    let p = passage_on(
        &old,
        "A long original sentence that will not survive the cut.",
        0,
    );
    let new = doc("A long");
    let (_, placement, _) = single(&old, &new, &p);
    assert_eq!(placement, Placement::Orphan);
}

// ---------------------------------------------------------------------------
// Property: never panics; placed passages always hold their quote.
// ---------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof!["[ab ]{1,6}", "[a-zé—🙂 .]{1,8}", Just("\n\n".to_owned())],
        0..20,
    )
    .prop_map(|v| v.concat())
}

/// An edit: at a fraction of the text, delete some chars and insert some.
#[derive(Clone, Debug)]
struct RandomEdit {
    at: f64,
    delete: usize,
    insert: String,
}

fn random_edit() -> impl Strategy<Value = RandomEdit> {
    (0.0..=1.0f64, 0usize..12, "[ab é🙂.]{0,10}").prop_map(|(at, delete, insert)| RandomEdit {
        at,
        delete,
        insert,
    })
}

fn apply(text: &str, edits: &[RandomEdit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = ((chars.len() as f64) * e.at) as usize;
        let end = (at + e.delete).min(chars.len());
        chars.splice(at..end, e.insert.chars());
    }
    chars.into_iter().collect()
}

proptest! {
    #[test]
    fn reanchoring_never_panics_and_keeps_quotes_true(
        old_text in text(),
        ranges in prop::collection::vec((0.0..=1.0f64, 0.0..=1.0f64), 0..6),
        edits in prop::collection::vec(random_edit(), 0..4),
    ) {
        let old = doc(&old_text);
        let len = old.char_len();
        let when = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let passages: Vec<Passage> = ranges
            .iter()
            .map(|&(a, b)| {
                let (a, b) = ((a * len as f64) as usize, (b * len as f64) as usize);
                Passage::new(&old, a.min(b), a.max(b), "tester", when)
            })
            .collect();
        let new = doc(&apply(&old_text, &edits));
        let (placed, report) = reanchor(&passages, &old, &new);
        prop_assert_eq!(placed.len(), passages.len());
        prop_assert_eq!(
            report.unchanged + report.moved + report.fuzzy + report.orphans,
            passages.len()
        );
        for ((before, after), result) in passages.iter().zip(&placed).zip(&report.results) {
            match result.placement {
                Placement::Orphan => prop_assert_eq!(after, before),
                placement => {
                    prop_assert!(after.start <= after.end && after.end <= new.char_len());
                    prop_assert_eq!(new.slice(after.start, after.end), after.quote.as_str());
                    if let Placement::Fuzzy { similarity, .. } = placement {
                        prop_assert!((MIN_SIMILARITY..=1.0).contains(&similarity));
                    } else {
                        prop_assert_eq!(&after.quote, &before.quote);
                    }
                }
            }
            if !before.quote.is_empty() && new.text().contains(before.quote.as_str()) {
                prop_assert!(
                    matches!(result.placement, Placement::Unchanged | Placement::Moved { .. }),
                    "exact quote not placed exactly: {:?}", result.placement
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Scale: a 1 MB document.
// ---------------------------------------------------------------------------

/// Deterministic prose-like text of about `bytes` bytes (a small LCG picks
/// words, so no two sentences are alike).
fn big_text(bytes: usize) -> String {
    const WORDS: [&str; 16] = [
        "relations",
        "Baku",
        "Moscow",
        "détente",
        "corridor",
        "the",
        "of",
        "and",
        "sanctions",
        "peacekeepers",
        "regional",
        "crisis",
        "Armenia",
        "Ukraine",
        "summit",
        "—",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = String::with_capacity(bytes + 64);
    let mut words = 0;
    while out.len() < bytes {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        out.push_str(WORDS[(seed >> 33) as usize % WORDS.len()]);
        out.push_str(&format!("{}", (seed >> 40) % 97));
        words += 1;
        out.push_str(match words % 120 {
            0 => ".\n\n",
            n if n % 12 == 0 => ". ",
            _ => " ",
        });
    }
    out
}

#[test]
fn a_one_megabyte_document_reanchors_quickly() {
    let old_text = big_text(1 << 20);
    let old = doc(&old_text);
    let len = old.char_len();
    let when = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    // 60 passages of 150 code points spread over the text.
    let passages: Vec<Passage> = (0..60)
        .map(|i| {
            let start = (len / 61) * (i + 1);
            Passage::new(&old, start, start + 150, "tester", when)
        })
        .collect();
    // Revise: an insertion near the start, one passage loses its middle
    // (orphan), one gets a word changed (fuzzy).
    let mut new_text: Vec<char> = old_text.chars().collect();
    let fuzzy = &passages[40];
    new_text.splice(fuzzy.start + 70..fuzzy.start + 74, "XXXXXX".chars());
    let orphan = &passages[30];
    new_text.drain(orphan.start + 20..orphan.end - 20);
    new_text.splice(100..100, "An inserted opening sentence. ".chars());
    let new = doc(&new_text.into_iter().collect::<String>());

    let clock = std::time::Instant::now();
    let (placed, report) = reanchor(&passages, &old, &new);
    let took = clock.elapsed();
    assert_eq!(
        (report.moved, report.fuzzy, report.orphans),
        (58, 1, 1),
        "{report}"
    );
    assert_eq!(report.results[30].placement, Placement::Orphan);
    let Placement::Fuzzy { to, .. } = report.results[40].placement else {
        panic!("{:?}", report.results[40].placement);
    };
    // Shifted by the 30-character insertion and the 110 characters cut from
    // passage 30; four characters became six.
    let start = fuzzy.start + 30 - 110;
    assert_eq!(to, (start, start + 152));
    assert_eq!(placed[40].quote.chars().count(), 152);
    // Generous for unoptimised test builds on a busy machine.
    assert!(took.as_secs() < 20, "took {took:?}");
}
