//! Analysis of a coded project: frequencies, co-occurrence and retrieval
//! (`stats`), and agreement between coders (`agreement`). Pure: no UI types.

pub mod agreement;
pub mod stats;
