//! The shipped codebook and example are sound teaching material.

use briefmark::assets;

#[test]
fn default_codebook_has_two_exclusive_dimensions_fully_described() {
    let book = assets::default_codebook();
    let dims: Vec<(&str, bool, Vec<&str>)> = book
        .dimensions
        .iter()
        .map(|d| {
            (
                d.name.as_str(),
                d.exclusive,
                d.codes.iter().map(|c| c.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        dims,
        [
            ("Causal role", true, vec!["Pretext", "Cause"]),
            ("Level", true, vec!["Bilateral", "Regional"])
        ]
    );
    let text = assets::default_project().documents[0].text().to_owned();
    for (_, code) in book.codes() {
        for field in [&code.definition, &code.when_to_use, &code.when_not_to_use] {
            assert!(
                field.len() > 80,
                "{}: a field is too thin to teach with",
                code.name
            );
        }
        assert_eq!(
            text.matches(code.example.as_str()).count(),
            1,
            "{}: example must quote the brief",
            code.name
        );
    }
}

#[test]
fn example_uses_every_code_and_only_the_default_codebook() {
    let example = assets::example_project();
    for (_, code) in example.codebook.codes() {
        assert!(
            example.passages_with(&code.id) >= 5,
            "{} is used at least 5 times",
            code.name
        );
    }
    assert_eq!(example.coders, ["Reference coder"]);
}
