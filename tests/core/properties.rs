//! Properties over random input: the markup parser never panics and keeps
//! its ranges inside the text; any memo survives a save and a load.

use briefmark::assets;
use briefmark::io::project_file;
use briefmark::model::DocumentId;
use briefmark::model::markup::parse;
use proptest::prelude::*;

fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Zé—“” .,]{0,12}",
        Just("<u>".to_owned()),
        Just("</u>".to_owned()),
        Just("<b>".to_owned()),
        Just("</i>".to_owned()),
        Just("<x>".to_owned()),
        Just("<".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n\n\n\n".to_owned()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn markup_ranges_fit_the_text(source in markup()) {
        let parsed = parse(DocumentId("d".into()), &source);
        let doc = &parsed.document;
        let len = doc.char_len();
        for b in doc.blocks() {
            prop_assert!(b.start < b.end && b.end <= len);
            prop_assert!(!doc.slice(b.start, b.end).contains("\n\n"));
        }
        for w in doc.blocks().windows(2) {
            prop_assert_eq!(doc.slice(w[0].end, w[1].start), "\n\n");
        }
        for s in doc.spans() {
            prop_assert!(s.start < s.end && s.end <= len);
        }
        prop_assert!(!doc.text().contains("<u>") && !doc.text().contains("</u>"));
    }

    #[test]
    fn any_memo_survives_save_and_load(memo in any::<String>()) {
        let mut project = assets::example_project();
        project.passages[0].memo = memo.clone();
        let text = project_file::to_string(&project);
        let loaded = project_file::parse(&text, "p").expect("own output parses");
        let first = loaded.passages.iter().find(|p| p.id == project.passages[0].id).unwrap();
        prop_assert_eq!(&first.memo, &memo);
    }
}
