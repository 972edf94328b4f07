//! Long work off the UI thread: a job runs on a worker thread, reports how
//! far it got, and can be cancelled; the UI polls it each frame and shows a
//! progress bar with a Cancel button. Imports and exports run as jobs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// What the worker and the UI share.
#[derive(Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Records that `done` of the job's steps are finished.
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Whether the user asked to stop; the worker checks between steps.
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What a job has come to.
pub enum Poll<T> {
    Running,
    Done(T),
    /// The worker ended without a result (it panicked; the panic hook has
    /// already saved a recovery copy).
    Died,
}

/// A running job whose result is a `T`.
pub struct Job<T> {
    pub label: String,
    started: Instant,
    progress: Arc<Progress>,
    result: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a worker thread; `total` steps, 0 if unknown.
    pub fn spawn(
        label: impl Into<String>,
        total: usize,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        progress.total.store(total, Ordering::Relaxed);
        let (tx, rx) = channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            let _ = tx.send(work(&shared));
        });
        Self {
            label: label.into(),
            started: Instant::now(),
            progress,
            result: rx,
        }
    }

    /// The result once the worker is done.
    pub fn poll(&self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(t) => Poll::Done(t),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Died,
        }
    }

    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }

    /// Label, progress bar and Cancel; returns true when Cancel is pressed.
    /// Keeps frames coming while the job runs, so its end is seen.
    pub fn ui(&self, ui: &mut egui::Ui) -> bool {
        ui.ctx().request_repaint_after(Duration::from_millis(50));
        let (done, total) = (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        );
        let secs = self.started.elapsed().as_secs_f32();
        ui.horizontal(|ui| {
            ui.label(&self.label);
            let bar = if total > 0 {
                let text = format!("{done} of {total}");
                egui::ProgressBar::new(done as f32 / total as f32).text(text)
            } else {
                egui::ProgressBar::new(0.0)
                    .animate(true)
                    .text(format!("{secs:.0} s"))
            };
            ui.add(bar.desired_width(200.0));
            let cancelling = self.progress.cancelled();
            ui.add_enabled(!cancelling, egui::Button::new("Cancel"))
                .clicked()
        })
        .inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(job: &Job<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Poll::Done(t) = job.poll() {
                return t;
            }
            assert!(Instant::now() < deadline, "job did not finish");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_reports_its_result() {
        let job = Job::spawn("Adding", 3, |p| {
            (0..3).for_each(|i| p.set_done(i + 1));
            42
        });
        assert_eq!(wait(&job), 42);
    }

    #[test]
    fn a_cancelled_job_stops_between_steps() {
        let (go, gate) = channel::<()>();
        let job = Job::spawn("Counting", 1000, move |p| {
            let _ = gate.recv(); // starts once cancel was asked
            (0..1000).take_while(|_| !p.cancelled()).count()
        });
        job.cancel();
        go.send(()).unwrap();
        assert_eq!(wait(&job), 0);
    }
}
