//! Analysis of a coded project: frequencies, co-occurrence and retrieval
//! (`stats`), agreement between coders (`agreement`) and where two codings
//! differ along the text (`compare`). Pure: no UI types.

pub mod agreement;
pub mod compare;
pub mod format;
pub mod stats;
