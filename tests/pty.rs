//! End to end through a pseudo-terminal: the real binary, first run → create the profile → add an
//! entry through the guided form → quit; the journal file then holds that entry. And a
//! termination signal (SIGTERM, SIGHUP) restores the terminal as quitting does.
//!
//! Keys are written to the pty; the child's output is drained on a thread into a `vt100` parser
//! (a child whose output nobody reads blocks); the screen is read once two consecutive reads agree.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{TODAY, read_json};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const TIMEOUT: Duration = Duration::from_secs(10);

/// The app running in a pseudo-terminal, and what it has drawn so far.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Session {
    fn start(home: &Path, journal: &Path) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(common::bin());
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("COREPATH_JOURNAL", journal);
        cmd.env("COREPATH_TODAY", TODAY);
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("start corepath");
        // Only the child holds the terminal side now, so the reader sees EOF when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let size = |n: u16| NonZeroU16::new(n).expect("a size");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(ROWS), size(COLS), 0)));
        let sink = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let master = pair.master;
        let reader = thread::spawn(move || {
            let _master = master; // keep the pty open as long as we read
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        sink.lock().expect("the screen").process(&buf[..n]);
                        raw_sink
                            .lock()
                            .expect("the bytes")
                            .extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            child,
            writer,
            screen,
            raw,
            reader: Some(reader),
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("the screen").screen().contents()
    }

    /// Wait until the screen shows `text` and has stopped changing; returns the screen.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        let mut previous = String::new();
        loop {
            let now = self.contents();
            if now.contains(text) && now == previous {
                return now;
            }
            if Instant::now() > deadline {
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "timed out waiting for {text:?} (child exit: {status:?}); the screen:\n{now}"
                );
            }
            previous = now;
            thread::sleep(Duration::from_millis(40));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
        // A short pause between keys so each is read as its own event.
        thread::sleep(Duration::from_millis(15));
    }

    fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    fn enter(&mut self) {
        self.send("\r");
    }

    /// Enter, `times` times over: fields left as they are.
    fn enters(&mut self, times: usize) {
        for _ in 0..times {
            self.enter();
        }
    }

    /// Wait for the child to exit; its exit status.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                if let Some(reader) = self.reader.take() {
                    let _ = reader.join();
                }
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("corepath did not exit; the screen:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

#[test]
fn first_run_create_profile_add_an_entry_and_quit() {
    let home = tempfile::TempDir::new().expect("temp dir");
    let journal = home.path().join("journal").join("journal.json");
    std::fs::create_dir_all(journal.parent().expect("a folder")).expect("mkdir");
    assert!(!journal.exists());
    let mut app = Session::start(home.path(), &journal);

    // Welcome → create my profile.
    app.wait_for("Create my profile");
    app.enter();
    app.wait_for("Create your profile");
    app.typ("Ada Lovelace");
    // Name, tier, since, qualification, experience, ORCID, next appraisal: the defaults will do.
    app.enters(7);
    let screen = app.wait_for("Press a to add your first entry");
    assert!(screen.contains("Ada Lovelace"), "{screen}");
    assert!(journal.exists(), "the profile is written");

    // The guided entry.
    app.send("a");
    app.wait_for("What did you do?");
    app.typ("user tr");
    app.wait_for("▸ User training");
    app.enter();
    app.wait_for("User training — the questions for this kind");
    app.typ("1:1 confocal training for the Ruiz lab");
    app.enter(); // date: today
    app.enter(); // hours
    app.typ("2");
    // Hours, people, techniques, areas, tags, notes: on to the metrics.
    app.enters(6);
    app.wait_for("Which metrics does it count toward?");
    app.enter();
    app.wait_for("Your practice");
    app.enters(4);
    let review = app.wait_for("Review — nothing is saved until you press Enter");
    assert!(
        review.contains("1:1 confocal training for the Ruiz lab"),
        "{review}"
    );
    let before = read_json(&journal);
    assert_eq!(
        before["entries"].as_array().map(Vec::len),
        Some(0),
        "nothing is saved before the review"
    );
    app.enter();
    app.wait_for("Saved");

    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "corepath exits 0: {status:?}");
    {
        let parser = app.screen.lock().expect("the screen");
        let screen = parser.screen();
        assert!(
            !screen.alternate_screen(),
            "the terminal is back on the main screen"
        );
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    }

    let file = read_json(&journal);
    assert_eq!(file["profile"]["name"], "Ada Lovelace");
    assert_eq!(file["profile"]["tier"], "support-scientist");
    let entries = file["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{file:#}");
    let entry = &entries[0];
    assert_eq!(entry["title"], "1:1 confocal training for the Ruiz lab");
    assert_eq!(entry["kind"], "user-training");
    assert_eq!(entry["date"], "2026-11-25");
    assert_eq!(entry["hours"], 2.0);
    assert_eq!(entry["metrics"], serde_json::json!(["fac.training"]));
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_save_nothing_half_done() {
    for signal in ["TERM", "HUP"] {
        let home = tempfile::TempDir::new().expect("temp dir");
        let journal = home.path().join("journal.json");
        std::fs::write(&journal, corepath::store::DEMO_JSON).expect("write the demo journal");
        let before = std::fs::read(&journal).expect("the journal");
        let mut app = Session::start(home.path(), &journal);
        app.wait_for("Journal");
        // Half-way through a new entry.
        app.send("a");
        app.wait_for("What did you do?");
        app.typ("user tr");
        app.wait_for("▸ User training");
        app.enter();
        app.typ("Half-typed title");

        let pid = app.child.process_id().expect("the child's pid");
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success());
        let status = app.wait_exit();
        assert!(
            status.success(),
            "SIG{signal}: a clean exit, not {status:?}"
        );

        let raw = app.raw.lock().expect("the bytes").clone();
        let entered =
            find_last(&raw, b"\x1b[?1049h").expect("the app entered the alternate screen");
        let after = &raw[entered..];
        assert!(
            find_last(after, b"\x1b[?1049l").is_some(),
            "SIG{signal}: the alternate screen is left"
        );
        assert!(
            find_last(after, b"\x1b[?25h").is_some(),
            "SIG{signal}: the cursor is shown again"
        );
        assert!(
            raw.ends_with(b"\x1b[?25h") || raw.ends_with(b"\x1b[?1049l"),
            "SIG{signal}: the restoring sequences come last: {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(40)..])
        );
        assert_eq!(
            std::fs::read(&journal).expect("the journal"),
            before,
            "SIG{signal}: the half-typed entry is not saved"
        );
    }
}

/// Where `needle` last starts in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
