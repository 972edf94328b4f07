//! A PDF's streams decoded once, within a budget, before anything reads
//! them. `lopdf` inflates whatever a stream claims, so a small file can
//! hold gigabytes (zeros compress a thousandfold: a "PDF bomb"), and
//! `pdf-extract` would inflate a drawing again each time it is drawn. Here
//! each stream is first measured with decoders that stop at what is left of
//! [`MAX_DECODED`], and decoded in place only if it fits; past it the PDF
//! is refused. Afterwards streams hold their decoded bytes and no filter,
//! so every later read is a copy. Images, attached files and XML metadata,
//! which give no text, are emptied instead of decoded.
//!
//! `lopdf` decodes in three places, each covered: the cross-reference
//! streams it reads first (measured here before it loads), each object as
//! it loads (a load filter decodes streams before `lopdf` would, object
//! streams included), and what is left after loading (objects of encrypted
//! files, which `lopdf` loads without the filter, and streams whose length
//! was in another object).
//!
//! `pdf-extract` also copies some streams again each time they are used:
//! colour profiles and colour functions each time a colour space is set,
//! font programs on each page. Those it copies without reading are emptied
//! ([`spare`]); a Type 1 font program keeps only its clear text, the part
//! read for the font's encoding.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

use flate2::read::{DeflateDecoder, ZlibDecoder};
use pdf_extract::xref::XrefEntry;
use pdf_extract::{Document as Pdf, LoadOptions, Object, ObjectId, Reader, Stream};

/// Bytes all of a PDF's streams may decode to together: the limit archive
/// entries have (`io::import::MAX_ENTRY_BYTES`), far above what the text
/// of any real document needs.
pub(super) const MAX_DECODED: u64 = 256 * 1024 * 1024;

/// The streams claim more than [`MAX_DECODED`] bytes.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TooLarge;

/// Loads a PDF with every stream decoded within [`MAX_DECODED`]: the
/// document or `lopdf`'s error, or [`TooLarge`].
pub(super) fn load(bytes: &[u8]) -> Result<Result<Pdf, pdf_extract::Error>, TooLarge> {
    let mut budget = Budget::default();
    measure_xref_streams(bytes, &mut budget);
    if budget.refused {
        return Err(TooLarge);
    }
    let (loaded, budget) = while_loading(budget, || {
        Pdf::load_mem_with_options(bytes, LoadOptions::with_filter(decode_while_loading))
    });
    let mut budget = budget.unwrap_or(Budget::REFUSED);
    let mut pdf = match loaded {
        Ok(pdf) => pdf,
        Err(_) if budget.refused => return Err(TooLarge),
        Err(e) => return Ok(Err(e)),
    };
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            budget.decode(stream, Stage::Loaded);
        }
    }
    if budget.refused {
        return Err(TooLarge);
    }
    spare(&mut pdf);
    Ok(Ok(pdf))
}

/// Empties the streams `pdf-extract` copies again and again but never reads
/// for text (ICC colour profiles, colour functions, TrueType programs), and
/// cuts Type 1 font programs after their clear text (`eexec`).
fn spare(pdf: &mut Pdf) {
    let mut unread = HashSet::new();
    let mut type1 = HashSet::new();
    let mut todo: Vec<&Object> = pdf.objects.values().collect();
    while let Some(object) = todo.pop() {
        match object {
            Object::Array(items) => {
                if let [Object::Name(name), Object::Reference(id), ..] = &items[..]
                    && name == b"ICCBased"
                {
                    unread.insert(*id);
                }
                todo.extend(items);
            }
            Object::Dictionary(dict) => {
                let reference = |key: &[u8]| dict.get(key).and_then(Object::as_reference).ok();
                unread.extend(reference(b"FontFile2"));
                type1.extend(reference(b"FontFile"));
                todo.extend(dict.iter().map(|(_, v)| v));
            }
            Object::Stream(stream) => todo.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    for (id, object) in &mut pdf.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        if unread.contains(id) || stream.dict.has(b"FunctionType") {
            stream.set_plain_content(Vec::new());
        } else if type1.contains(id) {
            let clear = clear_text(&stream.content);
            stream.content.truncate(clear);
        }
    }
}

/// Where a Type 1 font program's clear text ends: after `eexec` and its
/// line end; what follows is encrypted, and `pdf-extract` reads only up to
/// it. Without `eexec`, the first [`MAX_CLEAR_TEXT`] bytes.
fn clear_text(program: &[u8]) -> usize {
    let head = &program[..program.len().min(MAX_CLEAR_TEXT)];
    match head.windows(5).position(|w| w == b"eexec") {
        Some(at) => {
            let end = at + 5;
            end + head[end..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count()
        }
        None => head.len(),
    }
}

/// Longest clear text of a Type 1 font program: real ones take a few
/// kilobytes (the encoding of 256 characters and the font's names).
const MAX_CLEAR_TEXT: usize = 64 * 1024;

/// What is left of [`MAX_DECODED`], and whether a stream did not fit.
#[derive(Clone, Copy, Debug)]
struct Budget {
    left: u64,
    refused: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            left: MAX_DECODED,
            refused: false,
        }
    }
}

/// When a stream is decoded: object streams are needed while loading (so
/// `lopdf` can parse the objects in them) and are spent afterwards.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Loading,
    Loaded,
}

impl Budget {
    const REFUSED: Self = Self {
        left: 0,
        refused: true,
    };

    /// Replaces the stream's bytes by their decoding, if it fits; empties
    /// streams no text comes from, and every stream once the budget is spent.
    fn decode(&mut self, stream: &mut Stream, stage: Stage) {
        if self.refused || gives_no_text(stream, stage) {
            stream.set_plain_content(Vec::new());
            return;
        }
        let Ok(filters) = stream.filters() else {
            // No filter (or one `lopdf` cannot read): the bytes as they are.
            return;
        };
        if !filters.iter().all(|f| DECODED.contains(f)) {
            // `lopdf` fails on the filter it lacks and readers take the
            // bytes as stored; decoding the filters before it would be
            // work (and memory) for nothing.
            let raw = std::mem::take(&mut stream.content);
            stream.set_plain_content(raw);
            return;
        }
        if measure(stream, self.left).is_none() {
            self.refused = true;
            stream.set_plain_content(Vec::new());
            return;
        }
        // `lopdf` decodes it for real (predictors, its fallbacks), as its
        // readers would have; on an error they take the bytes as stored.
        let data = match stream.decompressed_content() {
            Ok(data) => exact(data),
            Err(_) => std::mem::take(&mut stream.content),
        };
        self.left = self.left.saturating_sub(data.len() as u64);
        stream.set_plain_content(data);
    }
}

/// The bytes without the decoder's spare capacity, which kept would be
/// most of the memory used: small ones copied (shrinking in place leaves
/// gaps the allocator cannot use for thousands of other streams), large
/// ones shrunk in place (the allocator maps those alone and gives back the
/// rest without copying).
fn exact(mut data: Vec<u8>) -> Vec<u8> {
    if data.len() < 1024 * 1024 {
        return data.as_slice().to_vec();
    }
    data.shrink_to_fit();
    data
}

/// Filters `lopdf` decodes; it fails on any other.
const DECODED: [&[u8]; 3] = [b"FlateDecode", b"LZWDecode", b"ASCII85Decode"];

/// Images, attached files, XML metadata and cross-reference streams (read
/// before loading), and once loaded, object streams: no text is read from them.
fn gives_no_text(stream: &Stream, stage: Stage) -> bool {
    let name = |key: &[u8]| stream.dict.get(key).and_then(Object::as_name).ok();
    let spent = stage == Stage::Loaded && name(b"Type") == Some(b"ObjStm");
    name(b"Subtype") == Some(b"Image")
        || matches!(name(b"Type"), Some(b"EmbeddedFile" | b"Metadata" | b"XRef"))
        || spent
}

thread_local! {
    /// The budget of the PDF this thread is loading, for the load filter
    /// (a plain `fn`, so it cannot carry it). `lopdf` is built without its
    /// `rayon` feature and loads on the calling thread.
    static LOADING: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Runs `load` with `budget` set for [`decode_while_loading`]; returns
/// what it gave and the budget left (taken back even if `load` panics).
fn while_loading<R>(budget: Budget, load: impl FnOnce() -> R) -> (R, Option<Budget>) {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            LOADING.with(|b| b.borrow_mut().take());
        }
    }
    LOADING.with(|b| *b.borrow_mut() = Some(budget));
    let reset = Reset;
    let result = load();
    let left = LOADING.with(|b| *b.borrow());
    drop(reset);
    (result, left)
}

/// The load filter: decodes each stream as `lopdf` reads it. Without a
/// budget on this thread (were `lopdf` ever to load on other threads) it
/// empties the stream: no text rather than no limit.
fn decode_while_loading(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        LOADING.with(|budget| match budget.borrow_mut().as_mut() {
            Some(budget) => budget.decode(stream, Stage::Loading),
            None => stream.set_plain_content(Vec::new()),
        });
    }
    // `lopdf` keeps the object it passed in and uses what comes back only
    // for the objects inside object streams, which are never streams: no
    // copy of a stream's bytes is needed.
    let kept = match object {
        Object::Stream(_) => Object::Null,
        other => other.clone(),
    };
    Some((id, kept))
}

/// Measures the cross-reference streams `lopdf` decodes before it loads any
/// object, at the offsets that `startxref`, `/Prev` and `/XRefStm` name, and
/// charges them to the budget.
fn measure_xref_streams(bytes: &[u8], budget: &mut Budget) {
    // `lopdf` counts offsets from the header.
    let start = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let bytes = &bytes[start..];
    let mut offsets = HashSet::new();
    for key in [&b"startxref"[..], b"/Prev", b"/XRefStm"] {
        offsets.extend(numbers_after(bytes, key));
    }
    for offset in offsets {
        let Some(stream) = stream_at(bytes, offset) else {
            continue;
        };
        match measure(&stream, budget.left) {
            Some(size) => budget.left -= size,
            None => {
                budget.refused = true;
                return;
            }
        }
    }
}

/// The numbers right after each `key` (and white space) in `bytes`.
fn numbers_after<'a>(bytes: &'a [u8], key: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let found = bytes.get(at..)?.windows(key.len()).position(|w| w == key)?;
            at += found + key.len();
            let rest = &bytes[at..];
            let digits = rest.trim_ascii_start();
            let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
            let number = std::str::from_utf8(&digits[..n]).ok()?.parse().ok();
            if number.is_some() {
                return number;
            }
        }
    })
}

/// The stream of the object that starts at `offset` (`N G obj`), read by
/// `lopdf`'s own parser as its reader would read it there.
fn stream_at(bytes: &[u8], offset: usize) -> Option<Stream> {
    let head = bytes.get(offset..)?.trim_ascii_start();
    let mut words = head
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let mut word = || std::str::from_utf8(words.next()?).ok();
    let id: ObjectId = (word()?.parse().ok()?, word()?.parse().ok()?);
    let mut reader = Reader {
        buffer: bytes,
        document: Pdf::new(),
        encryption_state: None,
        raw_objects: BTreeMap::new(),
        password: None,
        strict: false,
    };
    let entry = XrefEntry::Normal {
        offset: u32::try_from(offset).ok()?,
        generation: id.1,
    };
    reader.document.reference_table.insert(id.0, entry);
    let object = reader.get_object(id, &mut HashSet::new()).ok()?;
    object.as_stream().ok().cloned()
}

/// An upper bound of the size the stream decodes to, if it is at most
/// `cap`. Filters `lopdf` lacks make it keep the stored bytes, and a
/// predictor never adds bytes, so the bound is the stored size or what its
/// filters give, whichever is larger.
fn measure(stream: &Stream, cap: u64) -> Option<u64> {
    let stored = stream.content.len() as u64;
    let Ok(filters) = stream.filters() else {
        return (stored <= cap).then_some(stored);
    };
    if !filters.iter().all(|f| DECODED.contains(f)) {
        return (stored <= cap).then_some(stored);
    }
    let early_change = (stream.dict.get(b"DecodeParms").and_then(Object::as_dict))
        .and_then(|p| p.get(b"EarlyChange"))
        .and_then(Object::as_i64)
        .map_or(true, |v| v != 0);
    let mut data = Cow::Borrowed(&stream.content[..]);
    for (i, filter) in filters.iter().enumerate() {
        // Only an inner filter's output is kept, as the next one's input.
        let keep = i + 1 < filters.len();
        let mut out = Limited::new(cap, keep);
        match *filter {
            b"FlateDecode" => inflate(&data, &mut out),
            b"LZWDecode" => unlzw(&data, early_change, &mut out),
            _ => ascii85(&data, &mut out),
        }
        if out.over {
            return None;
        }
        if !keep {
            return Some(out.written.max(stored)).filter(|&n| n <= cap);
        }
        data = Cow::Owned(out.kept);
    }
    Some(stored)
}

/// A sink that counts what is written into it, keeps it if asked, and
/// refuses past `cap` bytes.
struct Limited {
    cap: u64,
    keep: bool,
    written: u64,
    kept: Vec<u8>,
    over: bool,
}

impl Limited {
    fn new(cap: u64, keep: bool) -> Self {
        Self {
            cap,
            keep,
            written: 0,
            kept: Vec::new(),
            over: false,
        }
    }
}

impl Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.written += buf.len() as u64;
        if self.written > self.cap {
            self.over = true;
            return Err(std::io::Error::other("past the limit"));
        }
        if self.keep {
            self.kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// FlateDecode as `lopdf` reads it: zlib, keeping what came before an
/// error; when nothing did, raw deflate after the two-byte header.
fn inflate(input: &[u8], out: &mut Limited) {
    if input.is_empty() {
        return;
    }
    let failed = pump(ZlibDecoder::new(input), out);
    if failed && out.written == 0 && input.len() > 2 {
        pump(DeflateDecoder::new(&input[2..]), out);
    }
}

/// Copies `reader` into `out` until its end, an error or the limit;
/// whether it stopped on an error.
fn pump(mut reader: impl Read, out: &mut Limited) -> bool {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return false,
            Ok(n) => {
                if out.write_all(&buffer[..n]).is_err() {
                    return true;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return true,
        }
    }
}

/// LZWDecode as `lopdf` reads it (weezl, MSB first, early change unless
/// `EarlyChange` is 0), keeping what came before an error.
fn unlzw(input: &[u8], early_change: bool, out: &mut Limited) {
    use weezl::{BitOrder, decode::Decoder};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    // An error here is the limit or broken data: either way it stops.
    let _ = decoder.into_stream(out).decode_all(input);
}

/// ASCII85Decode gives at most four bytes a character (`z`); its output
/// is only needed, and so only decoded, when another filter follows.
fn ascii85(input: &[u8], out: &mut Limited) {
    let bound = 4 * input.len() as u64 + 4;
    if !out.keep {
        out.written = bound;
        out.over = bound > out.cap;
        return;
    }
    let mut dict = pdf_extract::Dictionary::new();
    dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
    let decoded = Stream::new(dict, input.to_vec()).decompressed_content();
    // On an error `lopdf` fails the whole stream, which then counts as
    // stored: keep the input, whose size is already counted.
    let _ = out.write_all(&decoded.unwrap_or_else(|_| input.to_vec()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).expect("in memory");
        encoder.finish().expect("in memory")
    }

    fn stream(filters: &[&str], content: Vec<u8>) -> Stream {
        let mut dict = pdf_extract::Dictionary::new();
        let names = filters.iter().map(|f| Object::Name(f.as_bytes().to_vec()));
        dict.set("Filter", Object::Array(names.collect()));
        Stream::new(dict, content)
    }

    #[test]
    fn measures_stop_at_the_cap() {
        let zeros = deflate(&vec![0; 1 << 20]);
        let s = stream(&["FlateDecode"], zeros.clone());
        assert_eq!(measure(&s, 1 << 20), Some(1 << 20));
        assert_eq!(measure(&s, (1 << 20) - 1), None);
        // Inflated twice: the inner layer is kept, the outer one counted.
        let twice = stream(&["FlateDecode", "FlateDecode"], deflate(&zeros));
        assert_eq!(measure(&twice, 1 << 20), Some(1 << 20));
        assert_eq!(measure(&twice, 1000), None);
    }

    #[test]
    fn a_stream_that_fits_is_decoded_in_place_and_charged() {
        let mut budget = Budget::default();
        let mut s = stream(&["FlateDecode"], deflate(b"BT (Hi) Tj ET"));
        budget.decode(&mut s, Stage::Loading);
        assert_eq!(s.content, b"BT (Hi) Tj ET");
        assert!(s.dict.get(b"Filter").is_err(), "no filter left");
        assert_eq!(budget.left, MAX_DECODED - 13);
        let mut bomb = stream(&["FlateDecode"], deflate(&vec![0; 1 << 16]));
        budget.left = 1 << 15;
        budget.decode(&mut bomb, Stage::Loading);
        assert!(budget.refused);
        assert!(bomb.content.is_empty());
    }

    #[test]
    fn lzw_is_measured_as_lopdf_decodes_it() {
        let data = b"-----A---B".repeat(100);
        let mut encoder = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = encoder.encode(&data).expect("encodes");
        let s = stream(&["LZWDecode"], packed);
        assert_eq!(s.decompressed_content().expect("lopdf reads it"), data);
        assert_eq!(measure(&s, 10_000), Some(data.len() as u64));
        assert_eq!(measure(&s, 999), None);
    }

    #[test]
    fn streams_copied_but_never_read_are_emptied_and_type1_fonts_cut() {
        let mut pdf = Pdf::with_version("1.5");
        let plain = |data: &[u8]| {
            Object::Stream(Stream::new(pdf_extract::Dictionary::new(), data.to_vec()))
        };
        let icc = pdf.add_object(plain(&[1; 1000]));
        let truetype = pdf.add_object(plain(&[2; 1000]));
        let type1 = pdf.add_object(plain(
            b"%!PS /Encoding 256 array def currentfile eexec\r\n\x8f\x02binary",
        ));
        let mut function = Stream::new(pdf_extract::Dictionary::new(), vec![3; 1000]);
        function.dict.set("FunctionType", Object::Integer(0));
        let function = pdf.add_object(Object::Stream(function));
        let content = pdf.add_object(plain(b"BT (kept) Tj ET"));
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        let mut descriptor = pdf_extract::Dictionary::new();
        descriptor.set("FontFile2", Object::Reference(truetype));
        descriptor.set("FontFile", Object::Reference(type1));
        let mut resources = pdf_extract::Dictionary::new();
        let colour_space = Object::Array(vec![name("ICCBased"), Object::Reference(icc)]);
        resources.set(
            "ColorSpace",
            Object::Dictionary(pdf_extract::Dictionary::from_iter([("CS0", colour_space)])),
        );
        resources.set("Descriptor", Object::Dictionary(descriptor));
        pdf.add_object(Object::Dictionary(resources));
        spare(&mut pdf);
        let bytes = |id| {
            pdf.get_object(id)
                .and_then(Object::as_stream)
                .map(|s| s.content.clone())
        };
        for emptied in [icc, truetype, function] {
            assert_eq!(bytes(emptied).ok(), Some(Vec::new()));
        }
        let clear: &[u8] = b"%!PS /Encoding 256 array def currentfile eexec\r\n";
        assert_eq!(bytes(type1).ok().as_deref(), Some(clear));
        assert_eq!(
            bytes(content).ok().as_deref(),
            Some(&b"BT (kept) Tj ET"[..])
        );
        assert_eq!(clear_text(&[b'%'; 100_000]), MAX_CLEAR_TEXT);
    }

    #[test]
    fn images_and_unknown_filters_are_not_decoded() {
        let mut budget = Budget::default();
        let mut image = stream(&["FlateDecode"], deflate(&vec![7; 4096]));
        image.dict.set("Subtype", Object::Name(b"Image".to_vec()));
        budget.decode(&mut image, Stage::Loading);
        assert!(image.content.is_empty());
        let mut jpeg = stream(&["FlateDecode", "DCTDecode"], deflate(&vec![7; 4096]));
        let stored = jpeg.content.clone();
        budget.decode(&mut jpeg, Stage::Loading);
        assert_eq!(jpeg.content, stored, "as readers would take it");
        assert_eq!(budget.left, MAX_DECODED, "nothing decoded, nothing charged");
    }
}
