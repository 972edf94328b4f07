//! The codebook: dimensions, each holding codes.
//!
//! A dimension marked `exclusive` lets a passage hold at most one of its
//! codes (the default "Causal role" and "Level" both are).
//!
//! Each code keeps its own number key (1–9, or none), so adding or moving
//! a code renumbers nothing. A code read without a key (a file from before
//! keys, another tool's codebook) gets one once, by [`Codebook::assign_keys`]:
//! in display order, the lowest key free, so an old codebook's first nine
//! codes get the keys they always had.

use serde::{Deserialize, Serialize};

/// Stable id of a code; survives renames, referenced by passages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CodeId(pub String);

/// Stable id of a dimension.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DimensionId(pub String);

/// An sRGB colour, written `"#rrggbb"` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rgb(pub u8, pub u8, pub u8);

impl TryFrom<String> for Rgb {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii());
        let parse = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        hex.and_then(|h| Some(Rgb(parse(h, 0)?, parse(h, 2)?, parse(h, 4)?)))
            .ok_or_else(|| format!("colour {s:?} is not of the form \"#rrggbb\""))
    }
}

impl From<Rgb> for String {
    fn from(c: Rgb) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }
}

/// A code and what a coder needs to apply it consistently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    pub color: Rgb,
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub when_to_use: String,
    #[serde(default)]
    pub when_not_to_use: String,
    #[serde(default)]
    pub example: String,
    /// The analyst's memo about the code (how it is being used, doubts);
    /// left out of the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Its number key, 1–9, or `None`. Read as [`Code::UNASSIGNED`] when
    /// the file has no `key`, until [`Codebook::assign_keys`] gives one.
    #[serde(default = "Code::unassigned")]
    pub key: Option<u8>,
}

impl Code {
    /// A code with a name and colour and nothing else written yet (no key:
    /// the caller gives it `Codebook::free_key`).
    pub fn named(id: CodeId, name: &str, color: Rgb) -> Self {
        Self {
            id,
            name: name.to_owned(),
            color,
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            memo: String::new(),
            key: None,
        }
    }

    /// A code whose key is still to be given (see [`Codebook::assign_keys`]);
    /// never written to a file.
    pub const UNASSIGNED: Option<u8> = Some(0);

    /// The key of a code read without one (serde's default).
    pub fn unassigned() -> Option<u8> {
        Self::UNASSIGNED
    }

    /// The number key (1–9) this code answers to, if any.
    pub fn key(&self) -> Option<usize> {
        self.key.map(usize::from).filter(|k| KEYS.contains(k))
    }
}

/// The number keys codes can have.
pub const KEYS: std::ops::RangeInclusive<usize> = 1..=9;

/// A group of codes answering one question about a passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: DimensionId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub exclusive: bool,
    #[serde(default)]
    pub codes: Vec<Code>,
}

/// The editable header of a dimension (everything but its codes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DimensionHeader {
    pub name: String,
    pub description: String,
    pub exclusive: bool,
}

/// Every codebook read (project file, codebook file, JSON, recovery)
/// goes through [`CodebookFile`], so codes read without keys get them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "CodebookFile")]
pub struct Codebook {
    pub dimensions: Vec<Dimension>,
}

/// A codebook as read, before its codes' keys are given.
#[derive(Deserialize)]
struct CodebookFile {
    dimensions: Vec<Dimension>,
}

impl From<CodebookFile> for Codebook {
    fn from(file: CodebookFile) -> Self {
        let mut book = Codebook {
            dimensions: file.dimensions,
        };
        book.assign_keys();
        book
    }
}

/// Colours offered to new codes, distinct on light and dark backgrounds.
pub const PALETTE: [Rgb; 10] = [
    Rgb(0xd9, 0x82, 0x2b),
    Rgb(0x2f, 0x7f, 0xc1),
    Rgb(0x3a, 0x9d, 0x5d),
    Rgb(0x8e, 0x5b, 0xb5),
    Rgb(0xc0, 0x39, 0x2b),
    Rgb(0x16, 0xa0, 0x85),
    Rgb(0xb0, 0x8d, 0x1a),
    Rgb(0xd3, 0x5d, 0x9b),
    Rgb(0x5d, 0x6d, 0x7e),
    Rgb(0x7f, 0x8c, 0x1d),
];

impl Codebook {
    /// All codes in display order.
    pub fn codes(&self) -> impl Iterator<Item = (&Dimension, &Code)> {
        self.dimensions
            .iter()
            .flat_map(|d| d.codes.iter().map(move |c| (d, c)))
    }

    pub fn code(&self, id: &CodeId) -> Option<&Code> {
        self.codes().map(|(_, c)| c).find(|c| &c.id == id)
    }

    /// The codes' names, in the order given, joined ("Pretext, Bilateral"),
    /// or "none"; a code missing from the codebook shows its id.
    pub fn name_list(&self, ids: &[CodeId]) -> String {
        let names: Vec<&str> = (ids.iter())
            .map(|id| self.code(id).map_or(id.0.as_str(), |c| c.name.as_str()))
            .collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    }

    pub fn dimension_of(&self, id: &CodeId) -> Option<&Dimension> {
        self.codes().find(|(_, c)| &c.id == id).map(|(d, _)| d)
    }

    pub fn dimension(&self, id: &DimensionId) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| &d.id == id)
    }

    /// Position of a code in display order (0-based).
    pub fn code_index(&self, id: &CodeId) -> Option<usize> {
        self.codes().position(|(_, c)| &c.id == id)
    }

    /// The code bound to number key `n` (1–9).
    pub fn code_for_key(&self, n: usize) -> Option<&CodeId> {
        (self.codes().map(|(_, c)| c))
            .find(|c| c.key() == Some(n))
            .map(|c| &c.id)
    }

    /// The lowest number key no code has, for a new code (`None` when all
    /// nine are taken).
    pub fn free_key(&self) -> Option<u8> {
        KEYS.into_iter()
            .find(|&k| self.code_for_key(k).is_none())
            .and_then(|k| u8::try_from(k).ok())
    }

    /// Gives a key to every code that has none yet ([`Code::UNASSIGNED`]),
    /// in display order, the lowest free one each (none when 1–9 are
    /// taken); a key outside 1–9, or one an earlier code already holds,
    /// counts as not given. Run on every codebook read or merged in.
    pub fn assign_keys(&mut self) {
        let mut taken = [false; 10];
        let mut pending = Vec::new();
        for (d, dim) in self.dimensions.iter_mut().enumerate() {
            for (c, code) in dim.codes.iter_mut().enumerate() {
                match code.key() {
                    Some(k) if !taken[k] => taken[k] = true,
                    _ if code.key.is_none() => {}
                    _ => pending.push((d, c)),
                }
            }
        }
        for (d, c) in pending {
            let free = (1..taken.len()).find(|&k| !taken[k]);
            if let Some(k) = free {
                taken[k] = true;
            }
            self.dimensions[d].codes[c].key = free.and_then(|k| u8::try_from(k).ok());
        }
    }

    /// `code` with number key `key`, and, when another code holds that key,
    /// that code with `code`'s old key (the two swap): the edits' new
    /// values, `code`'s first.
    pub fn with_key(&self, code: &Code, key: Option<u8>) -> Vec<Code> {
        let mut out = vec![Code {
            key,
            ..code.clone()
        }];
        let holder = key
            .map(usize::from)
            .and_then(|k| self.codes().map(|(_, c)| c).find(|c| c.key() == Some(k)));
        if let Some(other) = holder.filter(|o| o.id != code.id) {
            out.push(Code {
                key: code.key,
                ..other.clone()
            });
        }
        out
    }

    /// A fresh id derived from `name`, unique among codes and dimensions.
    pub fn fresh_id(&self, name: &str) -> String {
        let base: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() {
            "code".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.has_id(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Whether a code or dimension already uses `id`.
    pub fn has_id(&self, id: &str) -> bool {
        self.codes().any(|(_, c)| c.id.0 == id) || self.dimensions.iter().any(|d| d.id.0 == id)
    }

    /// A palette colour not yet used, or the least used one.
    pub fn next_color(&self) -> Rgb {
        let uses = |c: &Rgb| self.codes().filter(|(_, code)| code.color == *c).count();
        PALETTE
            .iter()
            .min_by_key(|c| uses(c))
            .copied()
            .unwrap_or(PALETTE[0])
    }

    /// Removes codes of `codes` that an exclusive dimension forbids alongside `adding`.
    pub fn exclusive_rivals(&self, adding: &CodeId) -> Vec<CodeId> {
        match self.dimension_of(adding) {
            Some(d) if d.exclusive => d
                .codes
                .iter()
                .filter(|c| &c.id != adding)
                .map(|c| c.id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: &str) -> Code {
        Code {
            memo: String::new(),
            id: CodeId(id.into()),
            name: id.into(),
            color: PALETTE[0],
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            key: Code::UNASSIGNED,
        }
    }

    fn book() -> Codebook {
        let mut book = Codebook {
            dimensions: vec![
                Dimension {
                    id: DimensionId("role".into()),
                    name: "Role".into(),
                    description: String::new(),
                    exclusive: true,
                    codes: vec![code("pretext"), code("cause")],
                },
                Dimension {
                    id: DimensionId("misc".into()),
                    name: "Misc".into(),
                    description: String::new(),
                    exclusive: false,
                    codes: vec![code("a"), code("b")],
                },
            ],
        };
        book.assign_keys();
        book
    }

    fn keys(b: &Codebook) -> Vec<(String, Option<u8>)> {
        b.codes().map(|(_, c)| (c.id.0.clone(), c.key)).collect()
    }

    fn insert(b: &mut Codebook, dim: usize, at: usize, id: &str) {
        let key = b.free_key();
        b.dimensions[dim].codes.insert(at, Code { key, ..code(id) });
    }

    #[test]
    fn a_new_code_takes_the_lowest_free_key_and_renumbers_nothing() {
        let mut b = book();
        insert(&mut b, 0, 0, "new");
        assert_eq!(
            keys(&b),
            [
                ("new".to_owned(), Some(5)),
                ("pretext".to_owned(), Some(1)),
                ("cause".to_owned(), Some(2)),
                ("a".to_owned(), Some(3)),
                ("b".to_owned(), Some(4)),
            ]
        );
        assert_eq!(b.code_for_key(3), Some(&CodeId("a".into())));
        assert_eq!(b.code_for_key(5), Some(&CodeId("new".into())));
        // Deleting a code frees its key for the next new one.
        b.dimensions[0].codes.remove(1);
        assert_eq!(b.code_for_key(1), None);
        assert_eq!(b.free_key(), Some(1));
    }

    #[test]
    fn keys_are_given_once_in_display_order_up_to_nine() {
        let mut b = Codebook::default();
        let codes: Vec<Code> = (0..11).map(|i| code(&format!("c{i}"))).collect();
        b.dimensions.push(Dimension {
            id: DimensionId("d".into()),
            name: "D".into(),
            description: String::new(),
            exclusive: false,
            codes,
        });
        // One code already holds 1 and one (a bad file) claims it too.
        b.dimensions[0].codes[3].key = Some(1);
        b.dimensions[0].codes[5].key = Some(1);
        b.dimensions[0].codes[6].key = None;
        b.assign_keys();
        let got: Vec<Option<u8>> = b.codes().map(|(_, c)| c.key).collect();
        assert_eq!(
            got,
            [
                Some(2),
                Some(3),
                Some(4),
                Some(1),
                Some(5),
                Some(6),
                None,
                Some(7),
                Some(8),
                Some(9),
                None
            ]
        );
    }

    #[test]
    fn a_codebook_read_without_keys_gets_todays_and_one_with_keys_keeps_them() {
        let code = |id: &str, key: &str| {
            format!("(id: \"{id}\", name: \"{id}\", color: \"#000000\"{key})")
        };
        let read = |codes: [String; 3]| -> Vec<Option<u8>> {
            let text = format!(
                "(dimensions: [(id: \"d\", name: \"D\", codes: [{}])])",
                codes.join(", ")
            );
            let book: Codebook = ron::from_str(&text).expect("codebook");
            book.codes().map(|(_, c)| c.key).collect()
        };
        let old = read([code("a", ""), code("b", ""), code("c", "")]);
        assert_eq!(old, [Some(1), Some(2), Some(3)]);
        let kept = read([
            code("a", ", key: Some(7)"),
            code("b", ", key: None"),
            code("c", ", key: Some(2)"),
        ]);
        assert_eq!(kept, [Some(7), None, Some(2)]);
    }

    #[test]
    fn setting_a_taken_key_swaps_it() {
        let b = book();
        let pretext = b.code(&CodeId("pretext".into())).expect("code");
        let changed = b.with_key(pretext, Some(3));
        let got: Vec<_> = changed.iter().map(|c| (c.id.0.as_str(), c.key)).collect();
        assert_eq!(got, [("pretext", Some(3)), ("a", Some(1))]);
        let freed = b.with_key(pretext, None);
        let got: Vec<_> = freed.iter().map(|c| (c.id.0.as_str(), c.key)).collect();
        assert_eq!(got, [("pretext", None)]);
    }

    #[test]
    fn keys_follow_display_order() {
        let b = book();
        assert_eq!(b.code_for_key(1), Some(&CodeId("pretext".into())));
        assert_eq!(b.code_for_key(3), Some(&CodeId("a".into())));
        assert_eq!(b.code_for_key(5), None);
        assert_eq!(b.code_for_key(0), None);
    }

    #[test]
    fn rivals_only_in_exclusive_dimensions() {
        let b = book();
        assert_eq!(
            b.exclusive_rivals(&CodeId("pretext".into())),
            vec![CodeId("cause".into())]
        );
        assert!(b.exclusive_rivals(&CodeId("a".into())).is_empty());
    }

    #[test]
    fn fresh_ids_are_slugs_and_unique() {
        let b = book();
        assert_eq!(b.fresh_id("Économie & Trade"), "économie-trade");
        assert_eq!(b.fresh_id("Cause"), "cause-2");
        assert_eq!(b.fresh_id("!!"), "code");
    }

    #[test]
    fn colours_round_trip_as_hex() {
        let c = Rgb::try_from("#0a1B2c".to_owned()).unwrap();
        assert_eq!(c, Rgb(10, 27, 44));
        assert_eq!(String::from(c), "#0a1b2c");
        assert!(Rgb::try_from("red".to_owned()).is_err());
        assert!(Rgb::try_from("#ééé".to_owned()).is_err());
    }
}
