//! The codebook as REFI-QDA `<Code>` trees, both ways. Shared by `.qdc`
//! and the `<CodeBook>` of `.qdpx`.
//!
//! A dimension is a non-codable parent code, its codes codable children.
//! What a coder needs to apply a code (definition, when to use, when not
//! to use, example) goes into `<Description>` as labelled paragraphs, which
//! other tools show as the code's memo and the importer splits again.

use std::collections::{HashMap, HashSet};

use super::guid;
use super::ids::Ids;
use super::sidecar::{CodeExtra, DimensionExtra, Sidecar};
use super::xml::{Element, XmlOut};
use crate::io::import::ImportError;
use crate::model::{Code, CodeId, Codebook, Dimension, DimensionId, Rgb};

/// Labels of the paragraphs after the definition, in their fixed order.
const LABELS: [&str; 3] = ["When to use: ", "When not to use: ", "Example: "];

/// Names as exported. QualCoder merges codes by name, so every name is made
/// unique over all codes and dimensions: later duplicates get " (2)", " (3)".
pub(crate) struct ExportNames {
    pub dimensions: Vec<String>,
    pub codes: Vec<Vec<String>>,
}

impl ExportNames {
    pub(crate) fn new(codebook: &Codebook) -> Self {
        let mut seen = HashSet::new();
        let mut unique = |name: &str| {
            let mut candidate = name.to_owned();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{name} ({n})");
                n += 1;
            }
            candidate
        };
        let mut dimensions = Vec::new();
        let mut codes = Vec::new();
        for dim in &codebook.dimensions {
            dimensions.push(unique(&dim.name));
            codes.push(dim.codes.iter().map(|c| unique(&c.name)).collect());
        }
        Self { dimensions, codes }
    }
}

/// Writes `<Codes>` with every dimension and code.
pub(crate) fn write_codes(out: &mut XmlOut, codebook: &Codebook, names: &ExportNames) {
    out.start("Codes", &[]);
    for (d, dim) in codebook.dimensions.iter().enumerate() {
        let attrs = [
            ("guid", Some(guid::dimension(&dim.id.0))),
            ("name", Some(names.dimensions[d].clone())),
            ("isCodable", Some("false".to_owned())),
        ];
        let has_content = !dim.description.is_empty() || !dim.codes.is_empty();
        write_code_start(out, &attrs, has_content);
        out.text_element("Description", &dim.description);
        for (c, code) in dim.codes.iter().enumerate() {
            let attrs = [
                ("guid", Some(guid::code(&code.id.0))),
                ("name", Some(names.codes[d][c].clone())),
                ("isCodable", Some("true".to_owned())),
                ("color", Some(String::from(code.color))),
            ];
            let text = description(code);
            write_code_start(out, &attrs, !text.is_empty());
            out.text_element("Description", &text);
            if !text.is_empty() {
                out.end("Code");
            }
        }
        if has_content {
            out.end("Code");
        }
    }
    out.end("Codes");
}

/// `<Code …>` (to be closed by the caller) or, with nothing inside, `<Code …/>`.
fn write_code_start(out: &mut XmlOut, attrs: &[(&str, Option<String>)], has_content: bool) {
    let attrs: Vec<(&str, Option<&str>)> = attrs.iter().map(|(k, v)| (*k, v.as_deref())).collect();
    if has_content {
        out.start("Code", &attrs);
    } else {
        out.empty("Code", &attrs);
    }
}

/// Records ids, exclusivity and renamed names in `briefmark.json`.
pub(crate) fn fill_sidecar(sidecar: &mut Sidecar, codebook: &Codebook, names: &ExportNames) {
    let renamed = |real: &str, exported: &str| (real != exported).then(|| real.to_owned());
    for (d, dim) in codebook.dimensions.iter().enumerate() {
        sidecar.dimensions.insert(
            guid::dimension(&dim.id.0),
            DimensionExtra {
                id: dim.id.clone(),
                exclusive: dim.exclusive,
                name: renamed(&dim.name, &names.dimensions[d]),
            },
        );
        for (c, code) in dim.codes.iter().enumerate() {
            sidecar.codes.insert(
                guid::code(&code.id.0),
                CodeExtra {
                    id: code.id.clone(),
                    name: renamed(&code.name, &names.codes[d][c]),
                    key: code.key,
                },
            );
        }
    }
}

/// The definition, then the labelled paragraphs; empty fields are left out.
pub(crate) fn description(code: &Code) -> String {
    let labelled = [
        ("", &code.definition),
        (LABELS[0], &code.when_to_use),
        (LABELS[1], &code.when_not_to_use),
        (LABELS[2], &code.example),
    ];
    labelled
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(label, text)| format!("{label}{text}"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Splits a description back into definition, when to use, when not to use
/// and example. A paragraph starting with a label opens that field (labels
/// only in their order, so an example may mention "When to use: "); other
/// paragraphs belong to the field open before them. Text without labels
/// (another tool's memo) is all definition.
pub(crate) fn parse_description(text: &str) -> [String; 4] {
    let mut fields: [Option<String>; 4] = Default::default();
    let mut current = 0;
    for para in text.split("\n\n") {
        let labelled =
            (current + 1..4).find_map(|j| para.strip_prefix(LABELS[j - 1]).map(|rest| (j, rest)));
        match (labelled, &mut fields[current]) {
            (Some((j, rest)), _) => {
                current = j;
                fields[j] = Some(rest.to_owned());
            }
            (None, Some(field)) => {
                field.push_str("\n\n");
                field.push_str(para);
            }
            (None, field @ None) => *field = Some(para.to_owned()),
        }
    }
    fields.map(Option::unwrap_or_default)
}

/// A `<Code>` as read, before it becomes a dimension or a code.
#[derive(Debug)]
pub(crate) struct CodeNode {
    /// Normalised (see `guid::normalized`).
    pub guid: String,
    pub name: String,
    pub codable: bool,
    pub color: Option<Rgb>,
    pub description: String,
    pub children: Vec<CodeNode>,
}

/// The `<Code>` children of `<Codes>`, recursively.
pub(crate) fn read_nodes(parent: &Element, file: &str) -> Result<Vec<CodeNode>, ImportError> {
    parent
        .children_named("Code")
        .map(|el| read_node(el, file))
        .collect()
}

fn read_node(el: &Element, file: &str) -> Result<CodeNode, ImportError> {
    let guid = el.attr("guid").ok_or_else(|| ImportError::Malformed {
        file: file.to_owned(),
        message: format!(
            "<Code name={:?}> has no guid",
            el.attr("name").unwrap_or("")
        ),
    })?;
    Ok(CodeNode {
        guid: guid::normalized(guid),
        name: el.attr("name").unwrap_or("").to_owned(),
        // Required by the schema; a tool that leaves it out means a code.
        codable: !matches!(el.attr("isCodable").map(str::trim), Some("false" | "0")),
        color: el.attr("color").and_then(parse_color),
        description: el.child_text("Description").to_owned(),
        children: read_nodes(el, file)?,
    })
}

/// `#rrggbb` or `#rgb` (both allowed by the schema's RGBType).
fn parse_color(s: &str) -> Option<Rgb> {
    let s = s.trim();
    let hex = s.strip_prefix('#')?;
    let six = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => hex.to_owned(),
    };
    Rgb::try_from(format!("#{six}")).ok()
}

/// The imported codebook and what each code GUID became.
pub(crate) struct Imported {
    pub codebook: Codebook,
    pub by_guid: HashMap<String, CodeId>,
}

/// One dimension to be: a non-codable top-level code (`head`), or the
/// "Codes" dimension gathering codable codes that have no such parent.
struct Group<'a> {
    head: Option<&'a CodeNode>,
    codes: Vec<&'a CodeNode>,
}

/// Builds the codebook: each non-codable top-level code is a dimension
/// holding every codable code below it (deeper levels flattened); codable
/// top-level codes and theirs go into a last dimension "Codes". Ids,
/// exclusivity and real names come from `briefmark.json` when it has them.
pub(crate) fn build(nodes: &[CodeNode], sidecar: Option<&Sidecar>) -> Imported {
    let groups = group(nodes);
    let dim_extra = |n: &CodeNode| sidecar.and_then(|s| s.dimensions.get(&n.guid));
    let code_extra = |n: &CodeNode| sidecar.and_then(|s| s.codes.get(&n.guid));
    // Separate id spaces, as `Project::check` has: a dimension and a code
    // may share an id.
    let (mut dim_ids, mut code_ids) = (Ids::default(), Ids::default());
    for g in &groups {
        if let Some(extra) = g.head.and_then(dim_extra) {
            dim_ids.reserve(&extra.id.0);
        }
        for extra in g.codes.iter().filter_map(|n| code_extra(n)) {
            code_ids.reserve(&extra.id.0);
        }
    }
    let mut imported = Imported {
        codebook: Codebook::default(),
        by_guid: HashMap::new(),
    };
    for g in groups {
        let extra = g.head.and_then(dim_extra);
        let name = match (g.head, extra) {
            (_, Some(DimensionExtra { name: Some(n), .. })) => n.clone(),
            (Some(head), _) => head.name.clone(),
            (None, _) => "Codes".to_owned(),
        };
        let slug_of = if g.head.is_some() {
            name.as_str()
        } else {
            "codes"
        };
        let id = dim_ids.take(extra.map(|e| e.id.0.as_str()), slug_of);
        imported.codebook.dimensions.push(Dimension {
            id: DimensionId(id),
            name,
            description: g.head.map_or(String::new(), |h| h.description.clone()),
            exclusive: extra.is_some_and(|e| e.exclusive),
            codes: Vec::new(),
        });
        for node in g.codes {
            let code = make_code(node, code_extra(node), &mut code_ids, &imported.codebook);
            imported.by_guid.insert(node.guid.clone(), code.id.clone());
            if let Some(dim) = imported.codebook.dimensions.last_mut() {
                dim.codes.push(code);
            }
        }
    }
    imported.codebook.assign_keys();
    imported
}

fn group(nodes: &[CodeNode]) -> Vec<Group<'_>> {
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    for node in nodes {
        if node.codable {
            loose.push(node);
            codable_below(node, &mut loose);
        } else {
            let mut codes = Vec::new();
            codable_below(node, &mut codes);
            groups.push(Group {
                head: Some(node),
                codes,
            });
        }
    }
    if !loose.is_empty() {
        groups.push(Group {
            head: None,
            codes: loose,
        });
    }
    groups
}

/// Every codable code below `node`, depth first.
fn codable_below<'a>(node: &'a CodeNode, out: &mut Vec<&'a CodeNode>) {
    for child in &node.children {
        if child.codable {
            out.push(child);
        }
        codable_below(child, out);
    }
}

fn make_code(node: &CodeNode, extra: Option<&CodeExtra>, ids: &mut Ids, so_far: &Codebook) -> Code {
    let name = extra
        .and_then(|e| e.name.clone())
        .unwrap_or_else(|| node.name.clone());
    let id = ids.take(extra.map(|e| e.id.0.as_str()), &name);
    let [definition, when_to_use, when_not_to_use, example] = parse_description(&node.description);
    Code {
        memo: String::new(),
        id: CodeId(id),
        name,
        color: node.color.unwrap_or_else(|| so_far.next_color()),
        definition,
        when_to_use,
        when_not_to_use,
        example,
        key: extra.map_or(Code::UNASSIGNED, |e| e.key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(definition: &str, when: &str, not: &str, example: &str) -> Code {
        Code {
            memo: String::new(),
            id: CodeId("c".into()),
            name: "C".into(),
            color: Rgb(0, 0, 0),
            definition: definition.into(),
            when_to_use: when.into(),
            when_not_to_use: not.into(),
            example: example.into(),
            key: None,
        }
    }

    #[test]
    fn descriptions_split_back_into_their_fields() {
        for c in [
            code("Def.", "Use.", "Not.", "Ex."),
            code("", "Use.", "", "Ex."),
            code("Two\n\nparagraphs.", "", "Not.", ""),
            code("", "", "", ""),
            code(
                "Def.",
                "",
                "",
                "Example: in the example\n\nWhen to use: too",
            ),
        ] {
            let text = description(&c);
            let [d, w, n, e] = parse_description(&text);
            assert_eq!(
                (d, w, n, e),
                (
                    c.definition.clone(),
                    c.when_to_use.clone(),
                    c.when_not_to_use.clone(),
                    c.example.clone()
                ),
                "{text:?}"
            );
        }
        assert_eq!(
            description(&code("Def.", "", "Not.", "")),
            "Def.\n\nWhen not to use: Not."
        );
    }

    #[test]
    fn duplicate_names_are_numbered() {
        let mut book = Codebook::default();
        for (d, names) in [("A", ["X", "X"]), ("X", ["Y", "X"])] {
            book.dimensions.push(Dimension {
                id: DimensionId(d.to_lowercase()),
                name: d.into(),
                description: String::new(),
                exclusive: false,
                codes: names
                    .iter()
                    .map(|n| Code {
                        memo: String::new(),
                        name: (*n).into(),
                        ..code("", "", "", "")
                    })
                    .collect(),
            });
        }
        let names = ExportNames::new(&book);
        assert_eq!(names.dimensions, ["A", "X (3)"]);
        assert_eq!(names.codes, [vec!["X", "X (2)"], vec!["Y", "X (4)"]]);
    }

    #[test]
    fn colours_in_both_schema_forms() {
        assert_eq!(parse_color("#AbC"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(parse_color("#010203"), Some(Rgb(1, 2, 3)));
        assert_eq!(parse_color("red"), None);
    }
}
