//! The kittest harness shared by the UI tests.

use briefmark::ui::{Settings, Workbench};
use egui::{Pos2, vec2};
use egui_kittest::Harness;

/// The workbench in a 1360×860 window, a few frames run.
pub fn harness(workbench: Workbench) -> Harness<'static, Workbench> {
    harness_sized(workbench, vec2(1360.0, 860.0))
}

/// The workbench in a window of `size`, a few frames run.
pub fn harness_sized(workbench: Workbench, size: egui::Vec2) -> Harness<'static, Workbench> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), workbench);
    h.run_steps(4);
    h
}

/// Settings with a coder name, so no name is asked.
pub fn coder() -> Settings {
    Settings {
        coder: "Tester".into(),
        hint_dismissed: true,
        ..Default::default()
    }
}

/// Runs frames until the workbench's background jobs (imports, exports)
/// are done; they run on worker threads, so this waits in real time.
pub fn wait_for_jobs(h: &mut Harness<'static, Workbench>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    h.run_steps(1);
    while h.state().busy() {
        assert!(std::time::Instant::now() < deadline, "a job did not finish");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// A mouse drag from `from` to `to`, a frame at each step, as a hand makes it.
pub fn drag(h: &mut Harness<'static, Workbench>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    h.hover_at(from.lerp(to, 0.5));
    h.run_steps(1);
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run_steps(2);
}

/// A sentence of the bundled brief the UI tests select and code.
pub const SENTENCE: &str = "It could therefore be argued that the downing of the Azerbaijani aircraft was not the real cause but a pretext for relations to deteriorate.";

/// Code-point range of a unique string in the first document.
pub fn range_of(wb: &Workbench, needle: &str) -> (usize, usize) {
    let text = wb.session.project().documents[0].text();
    let byte = text.find(needle).expect("needle in the brief");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}
