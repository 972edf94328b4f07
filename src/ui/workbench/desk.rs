//! Desk comforts: light or dark theme, text zoom (Ctrl +, Ctrl −, Ctrl 0),
//! recent files, and the first-run hint. Their state is part of the
//! remembered `Settings`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Workbench;
use crate::ui::actions::Action;

/// Text sizes the zoom steps through, in points.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 11.0..=32.0;
const ZOOM_STEP: f32 = 1.5;
pub const DEFAULT_FONT_SIZE: f32 = 17.0;
/// How many recent files File → Open recent lists.
const RECENT: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

impl Workbench {
    /// Applies the remembered theme and text size (once, at the first frame).
    pub(super) fn apply_desk_settings(&mut self, ctx: &egui::Context) {
        // Ctrl +/− zoom the reading text, not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(self.settings.theme.preference());
        if let Some(size) = self.settings.font_size {
            self.view.font_size = size.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        }
    }

    /// A zoom command: a step up (1), down (-1), or back to default (0).
    pub(super) fn zoom_step(&mut self, step: i8) {
        self.zoom(f32::from(step) * ZOOM_STEP);
    }

    /// Steps the text size; a step of 0 resets it. The line at the top of
    /// the view stays there (the view keeps it through the relayout).
    pub fn zoom(&mut self, step: f32) {
        let size = if step == 0.0 {
            DEFAULT_FONT_SIZE
        } else {
            (self.view.font_size + step).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
        };
        self.view.font_size = size;
        self.settings.font_size = Some(size);
        self.say(format!("Text size {size:.1} pt (Ctrl 0 resets)"));
    }

    /// The View menu's theme choice.
    pub(super) fn theme_menu(&mut self, ui: &mut egui::Ui) {
        let before = self.settings.theme;
        for (theme, label) in [
            (Theme::System, "Follow the system"),
            (Theme::Light, "Light theme"),
            (Theme::Dark, "Dark theme"),
        ] {
            ui.radio_value(&mut self.settings.theme, theme, label);
        }
        if self.settings.theme != before {
            ui.ctx().set_theme(self.settings.theme.preference());
        }
    }

    /// File → Open recent, listing remembered projects that still exist.
    pub(super) fn recent_menu(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let recent: Vec<&PathBuf> = self.settings.recent.iter().filter(|p| p.exists()).collect();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    let name = path.file_name().map_or(path.display().to_string(), |n| {
                        n.to_string_lossy().into_owned()
                    });
                    let item = ui.button(name).on_hover_text(path.display().to_string());
                    if item.clicked() {
                        actions.push(Action::OpenPath(path.clone()));
                    }
                }
            });
        });
    }

    /// Puts `path` first among the recent files.
    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let recent = &mut self.settings.recent;
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(RECENT);
    }

    /// A one-line hint for a first start, until dismissed.
    pub(super) fn first_run_hint(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Getting started:");
            ui.label(
                "select a passage with the mouse, then press a code's number (or click the code) to code it. \
                 Click a passage to see it on the right. F1 lists every shortcut.",
            );
            if ui.button("Got it").clicked() {
                self.settings.hint_dismissed = true;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::Settings;

    #[test]
    fn zoom_steps_within_its_range_and_resets() {
        let mut wb = Workbench::with_bundled_brief(Settings::default());
        for _ in 0..40 {
            wb.zoom(ZOOM_STEP);
        }
        assert_eq!(wb.view.font_size, 32.0);
        wb.zoom(0.0);
        assert_eq!(wb.view.font_size, DEFAULT_FONT_SIZE);
        wb.zoom(-ZOOM_STEP);
        assert_eq!(wb.settings.font_size, Some(15.5));
    }

    #[test]
    fn recent_files_keep_the_latest_first_without_repeats() {
        let mut wb = Workbench::with_bundled_brief(Settings::default());
        for name in ["a", "b", "a", "c", "d", "e", "f", "g", "h", "i"] {
            wb.remember_recent(Path::new(&format!("/nonexistent/{name}.briefmark.ron")));
        }
        let names: Vec<String> = (wb.settings.recent.iter())
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 8);
        assert_eq!(&names[..3], ["i.briefmark", "h.briefmark", "g.briefmark"]);
        assert_eq!(names.iter().filter(|n| n.starts_with('a')).count(), 1);
    }
}
