//! Progress bars on standard error for long runs (`indicatif`).
//!
//! This belongs to the binary: the library only calls the
//! [`Progress`] trait. Bars are drawn only when standard error is a
//! terminal and `--quiet` is not given; otherwise every call is a no-op.
//! With `--timings`, the wall time of every stage is also recorded, with
//! the memory the process holds when the stage ends (`memory-stats`: the
//! resident set size, where the platform reports it), and printed on
//! standard error at the end of the run.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use claimgraph::progress::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A stage's units of work, start and (once finished) duration and
/// resident memory in bytes.
type Timing = (Stage, u64, Instant, Option<(Duration, Option<usize>)>);

/// One bar per stage, replaced when the next stage starts.
pub struct Bars {
    enabled: bool,
    bar: Mutex<Option<ProgressBar>>,
    /// Stage timings, when asked for: each stage with its start and, once
    /// finished, its duration.
    timings: Option<Mutex<Vec<Timing>>>,
}

impl Bars {
    /// Bars that draw only when `enabled`, and record stage timings when
    /// `timings`.
    pub fn new(enabled: bool, timings: bool) -> Bars {
        Bars {
            enabled,
            bar: Mutex::new(None),
            timings: timings.then(|| Mutex::new(Vec::new())),
        }
    }

    /// The recorded timings as one line per stage, or nothing when they
    /// were not asked for.
    pub fn timings_table(&self) -> Option<String> {
        let guard = self.timings.as_ref()?.lock().ok()?;
        let total: Duration = guard
            .iter()
            .filter_map(|&(_, _, _, d)| d)
            .map(|d| d.0)
            .sum();
        let mut out = String::from("timings:\n");
        for &(stage, units, _, finished) in guard.iter() {
            if let Some((d, memory)) = finished {
                out.push_str(&format!(
                    "  {:<18} {:>9.3} s",
                    stage.label(),
                    d.as_secs_f64()
                ));
                if let Some(bytes) = memory {
                    #[allow(clippy::cast_precision_loss)]
                    let mib = bytes as f64 / (1024.0 * 1024.0);
                    out.push_str(&format!("  {mib:>8.0} MiB held"));
                }
                if units > 0 {
                    out.push_str(&format!("  ({units} {})", stage.unit()));
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "  {:<18} {:>9.3} s\n",
            "total",
            total.as_secs_f64()
        ));
        Some(out)
    }

    fn record_start(&self, stage: Stage, units: u64) {
        if let Some(Ok(mut timings)) = self.timings.as_ref().map(Mutex::lock) {
            timings.push((stage, units, Instant::now(), None));
        }
    }

    fn record_finish(&self, stage: Stage) {
        if let Some(Ok(mut timings)) = self.timings.as_ref().map(Mutex::lock) {
            if let Some(entry) = timings
                .iter_mut()
                .rev()
                .find(|(s, _, _, d)| *s == stage && d.is_none())
            {
                let memory = memory_stats::memory_stats().map(|m| m.physical_mem);
                entry.3 = Some((entry.2.elapsed(), memory));
            }
        }
    }

    fn with_bar(&self, f: impl FnOnce(&ProgressBar)) {
        if let Ok(guard) = self.bar.lock() {
            if let Some(bar) = guard.as_ref() {
                f(bar);
            }
        }
    }
}

impl Progress for Bars {
    fn start(&self, stage: Stage, total: u64) {
        self.record_start(stage, total);
        if !self.enabled {
            return;
        }
        let bar = if total == 0 {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg:>16} [{bar:40}] {human_pos}/{human_len} {elapsed} (eta {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        };
        bar.set_message(stage.label());
        if let Ok(mut guard) = self.bar.lock() {
            if let Some(old) = guard.replace(bar) {
                old.finish_and_clear();
            }
        }
    }

    fn advance(&self, units: u64) {
        self.with_bar(|bar| bar.inc(units));
    }

    fn finish(&self, stage: Stage) {
        self.record_finish(stage);
        if let Ok(mut guard) = self.bar.lock() {
            if let Some(bar) = guard.take() {
                bar.finish_and_clear();
            }
        }
    }
}
