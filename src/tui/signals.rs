//! Termination signals while the app runs (SIGTERM, SIGHUP — the terminal closed — and
//! SIGINT): each is only noted, in a flag the event loop reads between two events, so that the
//! app leaves by its normal path: the terminal restored (main screen, cursor shown) and nothing
//! half-done saved, since every change is one transaction that a signal cannot interrupt.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGINT, SIGTERM};

/// The signals that end the app.
#[cfg(unix)]
const SIGNALS: [i32; 3] = [SIGTERM, signal_hook::consts::SIGHUP, SIGINT];
#[cfg(not(unix))]
const SIGNALS: [i32; 2] = [SIGTERM, SIGINT];

/// The termination signals, noted while this value lives (then handled as before again).
pub struct Signals {
    received: Arc<AtomicBool>,
    registered: Vec<SigId>,
}

impl Signals {
    /// Note the termination signals from now on.
    ///
    /// # Errors
    /// When a handler cannot be installed.
    pub fn watch() -> io::Result<Signals> {
        let received = Arc::new(AtomicBool::new(false));
        let mut signals = Signals {
            received,
            registered: Vec::with_capacity(SIGNALS.len()),
        };
        for signal in SIGNALS {
            let id = signal_hook::flag::register(signal, Arc::clone(&signals.received))?;
            signals.registered.push(id);
        }
        Ok(signals)
    }

    /// Whether a termination signal has arrived.
    pub fn received(&self) -> bool {
        self.received.load(Ordering::Relaxed)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.registered.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
