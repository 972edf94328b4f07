//! The REFI-QDA codebook importer (`io::refi_qda::from_qdc`) on any bytes:
//! a typed `ImportError` or a codebook, never a panic. A codebook it accepts
//! is exported again and must import to the same codebook.

#![no_main]

use briefmark::io::refi_qda::{from_qdc, to_qdc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(codebook) = from_qdc(data, "fuzz.qdc") else {
        return;
    };
    let back = from_qdc(to_qdc(&codebook).as_bytes(), "again.qdc").expect("own .qdc imports");
    assert_eq!(codebook, back, "changed by export and import");
});
