//! Labels with right-to-left text in reading order: list rows, the
//! inspector's quote, names. egui places a label's words left to right; a
//! label with a right-to-left letter is laid out by `block_text` instead,
//! and kept while it is shown (it is a few dozen small layouts, too many
//! to repeat for every row of a list in every frame). A label without one
//! is egui's own, as before.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Galley, TextStyle, WidgetText};

use super::block_text::{BlockText, cached};
use super::invisible;
use crate::model::bidi;

/// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the quote in a row
/// takes its own direction without reordering the numbers before it.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `job` laid out (wrapped at its width), in visual order if `source`,
/// the text with one char per char of the job's (direction controls
/// included), has right-to-left text.
pub fn galley(ui: &egui::Ui, job: LayoutJob, source: &str) -> Arc<Galley> {
    if !bidi::has_rtl(source) {
        return ui.ctx().fonts_mut(|f| f.layout_job(job));
    }
    cached(ui.ctx(), (&job, source), || {
        ui.ctx()
            .fonts_mut(|f| BlockText::lay_out(f, job.clone(), source))
            .galley()
            .clone()
    })
}

/// Rich text wrapped at `width`, as `WidgetText::into_galley` gives it,
/// in visual order when it has right-to-left text.
pub fn wrapped(ui: &egui::Ui, text: egui::RichText, width: f32, style: TextStyle) -> Arc<Galley> {
    let wrap = Some(egui::TextWrapMode::Wrap);
    if !bidi::has_rtl(text.text()) {
        return WidgetText::from(text).into_galley(ui, wrap, width, style);
    }
    let source = text.text().to_owned();
    let job = WidgetText::from(text).into_layout_job(ui.style(), style.into(), ui.text_valign());
    let mut job = Arc::unwrap_or_clone(job);
    job.wrap = egui::text::TextWrapping::wrap_at_width(width);
    galley(ui, job, &source)
}

/// One line of a list: `prefix` (a number), `text` isolated from what
/// is around it, then `suffix` (counts), in `style`, cut with "…" to fit
/// `width` as egui cuts a line: the suffix first, then the text's end
/// (its start stays, whichever side that is on). Line
/// breaks in `text` are spaces, characters that draw nothing show nothing.
pub fn line(
    ui: &egui::Ui,
    (prefix, text, suffix): (&str, &str, &str),
    style: &TextStyle,
    width: f32,
) -> Arc<Galley> {
    if !bidi::has_rtl(text) {
        let mut all = String::with_capacity(prefix.len() + text.len() + suffix.len());
        all.push_str(prefix);
        all.extend(text.chars().map(invisible::for_label));
        all.push_str(suffix);
        let wrap = Some(egui::TextWrapMode::Truncate);
        return WidgetText::from(all).into_galley(ui, wrap, width, style.clone());
    }
    cached(
        ui.ctx(),
        (prefix, text, suffix, style, width.to_bits()),
        || {
            let shown: String = text.chars().map(invisible::for_label).collect();
            let source: String = (text.chars())
                .map(|c| {
                    if invisible::for_label(c) == ' ' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            let font = style.resolve(ui.style());
            // Cut as egui cuts a line, at its end: the suffix goes first.
            let lay_out = |chars: usize| {
                let cut = chars < shown.chars().count();
                let (ellipsis, suffix) = if cut { ("…", "") } else { ("", suffix) };
                let body: String = shown.chars().take(chars).collect();
                let src: String = source.chars().take(chars).collect();
                let job_text = format!("{prefix}\u{200B}{body}{ellipsis}\u{200B}{suffix}");
                let src = format!("{prefix}{FSI}{src}{ellipsis}{PDI}{suffix}");
                let mut job = LayoutJob::simple_singleline(
                    job_text,
                    font.clone(),
                    egui::Color32::PLACEHOLDER,
                );
                job.wrap.max_width = f32::INFINITY;
                ui.ctx()
                    .fonts_mut(|f| BlockText::lay_out(f, job, &src))
                    .galley()
                    .clone()
            };
            let n = shown.chars().count();
            let mut galley = lay_out(n);
            if galley.size().x > width {
                // Without the suffix, and "…" after the whole text.
                galley = lay_out(n.saturating_sub(1));
            }
            let mut keep = n.saturating_sub(1);
            while galley.size().x > width && keep > 0 {
                // Most rows need one try: cut in proportion, then a little more.
                let fits = (keep as f32 * width / galley.size().x) as usize;
                keep = fits.min(keep - 1);
                galley = lay_out(keep);
            }
            galley
        },
    )
}

/// A label (a code's or a coder's name in a table, a memo in a tooltip)
/// in reading order, wrapped at the width there is: egui's own when it
/// has no right-to-left text.
pub fn label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    if !bidi::has_rtl(text) {
        return ui.label(text);
    }
    let width = ui.available_width();
    let galley = wrapped(ui, egui::RichText::new(text), width, TextStyle::Body);
    ui.label(galley)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::block_text::tests::painted;
    use crate::ui::fonts::with_ui;

    fn rev(s: &str) -> String {
        s.chars().rev().collect()
    }

    /// A Persian label with nothing before it (a document's title) is one
    /// row high, its glyphs at the top, as a Latin one is.
    #[test]
    fn a_persian_label_alone_is_one_row_high() {
        let (fa, en) = with_ui(|ui| {
            let style = &TextStyle::Button;
            let fa = line(ui, ("", "قفقاز جنوبی", ""), style, 300.0);
            let en = line(ui, ("", "South Caucasus", ""), style, 300.0);
            (fa, en)
        });
        assert!(
            fa.rows.iter().all(|r| r.pos.y == 0.0),
            "{:?}",
            fa.rows[0].pos
        );
        assert_eq!(fa.size().y, en.size().y);
    }

    #[test]
    fn a_list_row_keeps_its_number_before_a_persian_quote() {
        let g = with_ui(|ui| {
            line(
                ui,
                ("30  ", "ایران 15 chars", ""),
                &TextStyle::Button,
                500.0,
            )
        });
        // The quote reads right to left as a whole (first strong letter),
        // after the offset: "30", then "chars 15 ناریا" (the marks that
        // isolate it draw nothing).
        let want = format!("30  chars 15 {}", rev("ایران"));
        assert_eq!(painted(&g), vec![want]);
    }

    #[test]
    fn a_long_persian_quote_is_cut_at_its_end_on_the_left() {
        let quote = "پژوهشگران در تهران می‌گویند که ایران گذرگاه را خط قرمز می‌داند";
        let g = with_ui(|ui| line(ui, ("7  ", quote, ""), &TextStyle::Button, 150.0));
        assert!(g.size().x <= 150.0, "{}", g.size().x);
        let shown = &painted(&g)[0];
        // The number stays first; the quote keeps its first word, at the
        // right; the "…" is at its left, where it goes on.
        assert!(shown.starts_with("7  …"), "{shown}");
        assert!(shown.ends_with(&rev("پژوهشگران")), "{shown}");
    }

    #[test]
    fn a_persian_memo_keeps_its_lines_each_right_to_left() {
        let memo = "بهانه است\nعلت نیست";
        let g = with_ui(|ui| wrapped(ui, egui::RichText::new(memo), 300.0, TextStyle::Body));
        let want = vec![
            format!("{} {}", rev("است"), rev("بهانه")),
            format!("{} {}", rev("نیست"), rev("علت")),
        ];
        assert_eq!(painted(&g), want);
    }

    #[test]
    fn english_labels_are_egui_s_own() {
        let g = with_ui(|ui| {
            line(
                ui,
                ("4  ", "Nikol Pashinyan", " · 3"),
                &TextStyle::Button,
                500.0,
            )
        });
        assert_eq!(g.text(), "4  Nikol Pashinyan · 3");
    }
}
