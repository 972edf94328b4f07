//! The eframe shell around the [`Workbench`]: window title, close guard,
//! remembered settings and the `--screenshot` mode.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::workbench::{Settings, Workbench};

const SETTINGS_KEY: &str = "briefmark-settings";

/// Frames to wait at least before a screenshot (fonts apply a frame late),
/// and at most while the document view lays out.
const SCREENSHOT_MIN_FRAMES: u32 = 4;
const SCREENSHOT_MAX_FRAMES: u32 = 600;

pub struct App {
    pub workbench: Workbench,
    title: String,
    screenshot: Option<Screenshot>,
}

struct Screenshot {
    out: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl App {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        mut workbench: Workbench,
        screenshot: Option<PathBuf>,
    ) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let stored: Option<Settings> = cc.storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY));
        // A screenshot shows the app as shipped, not as this user set it up.
        if let Some(settings) = stored.filter(|_| screenshot.is_none()) {
            workbench.use_settings(settings);
        }
        if screenshot.is_none() {
            let data_dir = eframe::storage_dir("briefmark").unwrap_or_else(std::env::temp_dir);
            workbench.enable_recovery(data_dir);
        }
        Self {
            workbench,
            title: String::new(),
            screenshot: screenshot.map(|out| Screenshot {
                out,
                frames: 0,
                requested: false,
                result: Arc::default(),
            }),
        }
    }

    fn sync_title(&mut self, ctx: &egui::Context) {
        let title = self.workbench.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Keeps the window open while there are unsaved changes, and asks.
    fn guard_close(&mut self, ctx: &egui::Context) {
        let wants_close = ctx.input(|i| i.viewport().close_requested());
        if wants_close && self.workbench.session.is_dirty() && !self.workbench.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.workbench.perform(super::actions::Action::Quit);
        }
        if self.workbench.quit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(shot) = self.screenshot.as_mut() else {
            return;
        };
        shot.frames += 1;
        ctx.request_repaint();
        let settled = self.workbench.view.is_settled() || shot.frames >= SCREENSHOT_MAX_FRAMES;
        if shot.frames >= SCREENSHOT_MIN_FRAMES && settled && !shot.requested {
            shot.requested = true;
            let (out, result) = (shot.out.clone(), shot.result.clone());
            ctx.request_screenshot(move |image| {
                let written = write_png(&out, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(written);
                }
            });
        }
        let done = shot.result.lock().ok().and_then(|mut r| r.take());
        if let Some(written) = done {
            match written {
                Ok(()) => eprintln!("wrote {}", shot.out.display()),
                Err(e) => {
                    eprintln!(
                        "error: could not write the screenshot {}: {e}",
                        shot.out.display()
                    );
                    std::process::exit(1);
                }
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for App {
    /// The window's ground follows the theme (eframe's default is near
    /// black, which showed around panels without a fill in light mode).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.workbench.ui(ui);
        self.sync_title(&ctx);
        self.guard_close(&ctx);
        self.screenshot_step(&ctx);
    }

    /// A save being written finishes before the process ends.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.workbench.finish_writing();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.workbench.settings);
    }
}

/// Writes an egui image as an RGBA PNG.
pub fn write_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for p in &image.pixels {
        bytes.extend_from_slice(&p.to_srgba_unmultiplied());
    }
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Best);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&bytes).map_err(|e| e.to_string())?;
    }
    crate::io::write_atomic(path, &png_bytes).map_err(|e| e.to_string())
}

/// The window as the app opens it (the start-up benchmark opens the same).
pub fn native_options(persist_window: bool) -> eframe::NativeOptions {
    eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("briefmark")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 420.0]),
        persist_window,
        // ui::fonts installs the system font fallback itself, so the tests
        // see the same fonts as the window.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// Opens the window. `screenshot` writes a PNG once settled, then exits.
pub fn run(workbench: Workbench, screenshot: Option<PathBuf>) -> eframe::Result {
    let options = native_options(screenshot.is_none());
    eframe::run_native(
        "briefmark",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, workbench, screenshot)))),
    )
}
