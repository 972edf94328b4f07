//! The text formats `briefmark stats` and `briefmark agree` write.

use std::str::FromStr;

/// How figures are written: for reading, for R and pandas, or for programs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextFormat {
    /// Aligned plain text for a terminal.
    #[default]
    Table,
    /// Tidy CSV: one row per figure.
    Csv,
    /// The report's structure, pretty-printed.
    Json,
}

/// A format name that is not `table`, `csv` or `json`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}; use table, csv or json")]
pub struct UnknownFormat(pub String);

impl FromStr for TextFormat {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Self::Table),
            "csv" => Ok(Self::Csv),
            "json" => Ok(Self::Json),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_any_case() {
        assert_eq!("CSV".parse(), Ok(TextFormat::Csv));
        assert_eq!("table".parse(), Ok(TextFormat::Table));
        assert_eq!(
            "xlsx".parse::<TextFormat>(),
            Err(UnknownFormat("xlsx".into()))
        );
    }
}
