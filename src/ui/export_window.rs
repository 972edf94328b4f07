//! File → Export…: choose a format (and options), then a path.

use super::actions::Action;
use crate::io::export::{ExportOptions, Format};

pub struct ExportWindow {
    pub open: bool,
    pub format: Format,
    pub options: ExportOptions,
}

impl Default for ExportWindow {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Csv,
            options: ExportOptions::default(),
        }
    }
}

impl ExportWindow {
    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let mut open = self.open;
        egui::Window::new("Export")
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("Format");
                for format in Format::ALL {
                    ui.radio_value(&mut self.format, format, format.description());
                }
                ui.separator();
                let csv = self.format.is_csv();
                ui.add_enabled(csv, egui::Checkbox::new(&mut self.options.guard_formulas, "Guard against spreadsheet formulas"))
                    .on_hover_text(
                        "Cells starting with = + - @ get a leading ' so Excel or LibreOffice do not run them. \
                         Off keeps the data exact (quotes then slice the text exactly).",
                    );
                ui.weak("Positions are Unicode code points into the plain text: text[start:end] is the quote.");
                if ui.button("Export…").clicked() {
                    actions.push(Action::ChooseExportPath);
                }
            });
        self.open = open;
    }
}
