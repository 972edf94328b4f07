//! The REFI-QDA codebook importer (`io::refi_qda::from_qdc`) on any bytes:
//! a typed `ImportError` or a codebook, never a panic. A codebook it accepts
//! is exported and imported again: every code keeps its colour, definition
//! and rules. Names may change once, as the export numbers duplicate names
//! (" (2)"), and ids with them (a `.qdc` has no ids: they are slugs of the
//! names); a second export and import must then change nothing.

#![no_main]

use briefmark::io::refi_qda::{from_qdc, to_qdc};
use briefmark::model::{Code, Codebook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(codebook) = from_qdc(data, "fuzz.qdc") else {
        return;
    };
    let once = again(&codebook);
    assert_eq!(
        content(&codebook),
        content(&once),
        "content changed by export and import"
    );
    assert_eq!(
        once,
        again(&once),
        "a second export and import changed the codebook"
    );
});

fn again(codebook: &Codebook) -> Codebook {
    from_qdc(to_qdc(codebook).as_bytes(), "again.qdc").expect("own .qdc imports")
}

/// Each dimension's description and each code's colour and texts.
fn content(codebook: &Codebook) -> Vec<(String, Vec<[String; 5]>)> {
    let code = |c: &Code| {
        let texts = [
            &c.definition,
            &c.when_to_use,
            &c.when_not_to_use,
            &c.example,
        ];
        let [a, b, d, e] = texts.map(|t| t.to_owned());
        [format!("{:?}", c.color), a, b, d, e]
    };
    let dimension = |d: &briefmark::model::Dimension| {
        (d.description.clone(), d.codes.iter().map(code).collect())
    };
    codebook.dimensions.iter().map(dimension).collect()
}
