//! Files and figures at scale (issue 7): open and save the 100,000-passage
//! project, export it as CSV and QDPX, agreement of two coders on the 1 MB
//! document, statistics. See `docs/performance.md`.
//!
//! `cargo bench --bench model_io`

use std::hint::black_box;
use std::time::{Duration, Instant};

use briefmark::analysis::{agreement, stats};
use briefmark::bench_corpus;
use briefmark::io::export::{self, ExportOptions, Format};
use briefmark::io::recovery::{self, Autosaver};
use briefmark::io::{self, project_file};
use briefmark::model::{ConflictPolicy, Edit, IndexChange, Passage, PassageIndex, Project};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use serde_json::json;

#[path = "common/extra.rs"]
mod extra;

fn slow_group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group
}

fn files(c: &mut Criterion) {
    let project = bench_corpus::hundred_thousand_passages_project();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corpus-100k.briefmark.ron");
    project_file::save(&project, &path).expect("saved");
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let quoted: usize = project
        .passages
        .iter()
        .map(|p| p.quote.chars().count())
        .sum();
    let text: usize = project.documents.iter().map(|d| d.text().len()).sum();

    let mut group = slow_group(c, "project_100k");
    // What File → Open and `briefmark check` do: read, parse, validate ranges.
    group.bench_function("open", |b| {
        b.iter(|| {
            let opened = io::open(&path).expect("opens");
            assert_eq!(opened.project.passages.len(), bench_corpus::PASSAGES_100K);
            opened
        })
    });
    // What Save does: sort, pretty RON, temp file, fsync, rename, .bak.
    group.bench_function("save", |b| {
        b.iter(|| project_file::save(&project, &path).expect("saves"))
    });
    // What File → Export… and `briefmark export` do: render, write atomically.
    for (name, format) in [("export_csv", Format::Csv), ("export_qdpx", Format::Qdpx)] {
        let out = dir
            .path()
            .join(format!("corpus-100k.{}", format.extension()));
        group.bench_function(name, |b| {
            b.iter(|| export::export_to(&project, format, ExportOptions::default(), &out))
        });
    }
    group.bench_function("stats", |b| b.iter(|| stats::compute(black_box(&project))));
    history_and_autosave(&mut group, &project, dir.path());
    group.finish();
    let export = |f: Format| dir.path().join(format!("corpus-100k.{}", f.extension()));
    extra::write_extra(
        "corpus_100k",
        &json!({
            "documents": project.documents.len(),
            "passages": project.passages.len(),
            "text_bytes": text,
            "mean_passage_chars": quoted as f64 / project.passages.len() as f64,
            "project_file_bytes": size(&path),
            "csv_bytes": size(&export(Format::Csv)),
            "qdpx_bytes": size(&export(Format::Qdpx)),
        }),
    );
}

/// Undo and autosave at scale: the edit an import leaves in the history
/// (`Edit::between`), and the UI thread's cost of an autosave (following
/// one passage edit and a due tick) against copying the project, which
/// is what a due tick cost before (`clone`).
fn history_and_autosave(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    project: &Project,
    dir: &std::path::Path,
) {
    group.bench_function("clone", |b| b.iter(|| black_box(project).clone()));
    // An import of the 1 MB project (its document and 10,000 passages).
    let mut imported = project.clone();
    imported.merge(
        bench_corpus::one_megabyte_project(),
        ConflictPolicy::KeepOurs,
    );
    group.bench_function("edit_between_import", |b| {
        b.iter(|| Edit::between(black_box(project), black_box(&imported)))
    });
    let mut saver = Autosaver::new(dir.join("corpus-100k.recovery"));
    saver.reset(project);
    saver.wait();
    let passage = project.passages[bench_corpus::PASSAGES_100K / 2].id.clone();
    let mut n = 0_u64;
    group.bench_function("autosave_ui_cost", |b| {
        b.iter(|| {
            n += 1;
            let edit = Edit::SetMemo {
                passage: passage.clone(),
                memo: format!("memo {n}"),
                modified: bench_corpus::bench_time(),
            };
            saver.follow(edit);
            let now = Instant::now();
            // Due at once: the tick starts a write whenever none is under way.
            saver.edited(now.checked_sub(recovery::DELAY).unwrap_or(now));
            saver.tick(now, project, None);
        })
    });
    saver.wait();
}

fn agreement_1mb(c: &mut Criterion) {
    let raters = bench_corpus::agreement_raters();
    let options = agreement::Options::default();
    let mut group = slow_group(c, "agreement_1mb");
    group.bench_function("two_coders", |b| {
        b.iter(|| agreement::agree(black_box(&raters), &options).expect("computes"))
    });
    let project = bench_corpus::one_megabyte_project();
    group.bench_function("stats", |b| b.iter(|| stats::compute(black_box(&project))));
    group.finish();

    // The passage index and the document map strip built from scratch (on
    // opening, and after edits beyond one passage), and the index following
    // one coding edit (`IndexChange`): a passage added, then removed.
    let mut group = c.benchmark_group("model_1mb");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("passage_index_build", |b| {
        b.iter(|| PassageIndex::build(black_box(&project)))
    });
    let doc = project.documents[0].id().clone();
    group.bench_function("document_map", |b| {
        b.iter(|| stats::document_map(black_box(&project), &doc))
    });
    let mut edited = project.clone();
    let mut index = PassageIndex::build(&edited);
    let text = edited.documents[0].clone();
    let middle = text.char_len() / 2;
    let edit = |edited: &mut Project, index: &mut PassageIndex, edit: Edit| {
        let change = IndexChange::of(&edit, edited);
        edit.apply(edited).expect("a coding edit applies");
        index.update(edited, &change);
    };
    group.bench_function("passage_index_add_remove", |b| {
        b.iter(|| {
            let p = Passage::new(&text, middle, middle + 120, "Bench", chrono::Utc::now());
            let id = p.id.clone();
            edit(&mut edited, &mut index, Edit::AddPassage(p));
            edit(&mut edited, &mut index, Edit::RemovePassage(id));
        })
    });
    group.finish();
}

criterion_group!(benches, files, agreement_1mb);
criterion_main!(benches);
