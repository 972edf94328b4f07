use briefmark::model::*;
fn main() {
    let mut project = briefmark::assets::default_project();
    let items: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string("assets/examples/example-coding.json").unwrap(),
    )
    .unwrap();
    let doc = project.documents[0].clone();
    let coder = "Reference coder";
    let base = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    for (i, it) in items.iter().enumerate() {
        let q = it["quote"].as_str().unwrap();
        let b = doc
            .text()
            .find(q)
            .unwrap_or_else(|| panic!("not found {q}"));
        assert!(doc.text()[b + 1..].find(q).is_none());
        let s = doc.char_of(b);
        let e = s + q.chars().count();
        let t = base + chrono::Duration::minutes(3 * i as i64);
        let mut p = Passage::new(&doc, s, e, coder, t);
        p.codes = it["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| CodeId(c.as_str().unwrap().into()))
            .collect();
        p.memo = it["memo"].as_str().unwrap().into();
        project.note_coder(coder);
        project.passages.push(p);
    }
    println!("{:?}", project.check());
    std::fs::write(
        "assets/examples/azerbaijan-russia-brief.example.briefmark.ron",
        briefmark::io::project_file::to_string(&project),
    )
    .unwrap();
}
