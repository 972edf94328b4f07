//! Shared set-up of the small bar charts (egui_plot): fixed, not draggable,
//! with category names on the x axis.

use egui_plot::Plot;

/// A fixed bar chart whose bars stand at x = 0, 1, 2, … for `names`.
pub fn category_plot(id: &str, names: Vec<String>, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            let exact = (mark.value - i).abs() < 1e-6 && i >= 0.0;
            names
                .get(i as usize)
                .filter(|_| exact)
                .cloned()
                .unwrap_or_default()
        })
}
