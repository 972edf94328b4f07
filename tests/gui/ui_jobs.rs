//! Work on a worker thread as the windows show it: progress and Cancel.

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};

use briefmark::ui::jobs::{Deferred, ON_A_WORKER};
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A deferred result and the inputs it should be for, shown as a window
/// shows one: progress and Cancel while a job runs, then the figure.
struct Window {
    result: Deferred<u32, String>,
}

/// A job that runs until `gate` opens (or is dropped): however fast the
/// machine, Cancel is pressed while it runs.
fn held_job(
    gate: Arc<Mutex<Receiver<()>>>,
) -> impl FnOnce() -> (usize, Box<dyn FnOnce() -> String + Send>) {
    move || {
        let work = move || {
            let _ = gate.lock().map(|g| g.recv());
            "computed".to_owned()
        };
        (
            ON_A_WORKER + 1,
            Box::new(work) as Box<dyn FnOnce() -> String + Send>,
        )
    }
}

fn failed(what: &str, last: Option<String>) -> String {
    format!("{what} (last: {})", last.unwrap_or_default())
}

#[test]
fn cancel_stops_a_running_job_and_says_so_until_the_inputs_change() {
    let (open, gate) = channel::<()>();
    let gate = Arc::new(Mutex::new(gate));
    let mut window = Window {
        result: Deferred::default(),
    };
    window.result.refresh(
        &1,
        held_job(gate.clone()),
        |n| format!("Counting {n}"),
        failed,
    );
    assert!(window.result.computing());
    let mut h = Harness::builder()
        .with_size(vec2(500.0, 200.0))
        .build_ui_state(
            |ui, w: &mut Window| {
                w.result.progress_ui(ui, failed);
                ui.label(w.result.latest().map_or("nothing yet", String::as_str));
            },
            window,
        );
    h.run_steps(2);
    assert!(h.query_by_label_contains("Counting").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    let w = h.state();
    assert!(!w.result.computing(), "the job was let go");
    assert_eq!(
        w.result.latest().map(String::as_str),
        Some("was cancelled (last: )")
    );
    assert!(h.query_by_label_contains("Counting").is_none());
    h.get_by_label("was cancelled (last: )");
    // The same inputs do not start it again; new ones do.
    h.state_mut().result.refresh(
        &1,
        held_job(gate.clone()),
        |n| format!("Counting {n}"),
        failed,
    );
    assert!(!h.state().result.computing());
    h.state_mut()
        .result
        .refresh(&2, held_job(gate), |n| format!("Counting {n}"), failed);
    assert!(h.state().result.computing());
    drop(open);
}
