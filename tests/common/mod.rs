//! Shared helpers for the integration tests: a sandboxed journal per test, the binary, and the
//! look-ups into JSON output that several test files make.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub mod papers;
pub mod tui;

use assert_cmd::Command;
use corepath::model::Journal;
use serde_json::Value;
use tempfile::TempDir;

/// The day every test pretends it is.
pub const TODAY: &str = "2026-11-25";

/// `init` for the first profile: Ada Lovelace, a Support Scientist with a postgraduate
/// degree (her ORCID iD is [`ORCID`]).
pub const INIT_ADA: [&str; 7] = [
    "init",
    "--name",
    "Ada Lovelace",
    "--tier",
    "support-scientist",
    "--qualification",
    "postgraduate",
];

/// Ada's ORCID iD, with a valid check digit.
pub const ORCID: &str = "0000-0002-1825-0097";

/// A day written YYYY-MM-DD.
pub fn day(s: &str) -> chrono::NaiveDate {
    s.parse().expect("a date")
}

/// [`TODAY`] as a date.
pub fn today() -> chrono::NaiveDate {
    day(TODAY)
}

/// The moment entries built in code are logged: [`TODAY`] at 09:00 UTC.
pub fn logged() -> chrono::DateTime<chrono::Utc> {
    format!("{TODAY}T09:00:00Z").parse().expect("a time")
}

/// The corepath binary built for these tests.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_corepath"))
}

/// A command line as arguments: `line` split at white space. There is no quoting, so a value with
/// a space in it goes in an array of arguments instead.
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The bundled framework file.
pub fn framework_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/framework.json")
}

/// The bundled framework file as JSON, to edit into an institution's own.
pub fn framework_json() -> Value {
    read_json(&framework_path())
}

/// A JSON file, parsed.
pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Write `value` as pretty JSON to `path`.
pub fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(value).expect("json")).expect("write");
}

/// The binary as a plain `std::process::Command` on `journal`, with the fixed "today": for tests
/// that spawn, wait for or kill the process themselves.
pub fn process(journal: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(bin());
    cmd.env("COREPATH_JOURNAL", journal)
        .env("COREPATH_TODAY", TODAY);
    cmd
}

/// A temporary folder with a journal path in it; every command runs against that journal with a
/// fixed "today", and with HOME and the XDG folders pointed inside the sandbox.
pub struct Sandbox {
    pub dir: TempDir,
    pub journal: PathBuf,
}

impl Sandbox {
    /// An empty sandbox: no journal yet.
    pub fn new() -> Sandbox {
        let dir = TempDir::new().expect("temp dir");
        let journal = dir.path().join("journal.json");
        Sandbox { dir, journal }
    }

    /// A sandbox with the first profile: a Support Scientist with a postgraduate degree.
    pub fn with_profile() -> Sandbox {
        let s = Sandbox::new();
        s.ok(&[&INIT_ADA[..], &["--orcid", ORCID]].concat());
        s
    }

    /// A sandbox holding the demo journal.
    pub fn demo() -> Sandbox {
        let s = Sandbox::new();
        std::fs::write(&s.journal, corepath::store::DEMO_JSON).expect("write the demo journal");
        s
    }

    /// A path inside the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary, set up for this sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(bin());
        cmd.env("COREPATH_JOURNAL", &self.journal)
            .env("COREPATH_TODAY", TODAY)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("COLUMNS", "120")
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.dir.path());
        cmd
    }

    /// Run a command, whatever its outcome.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run corepath")
    }

    /// Run a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "corepath {args:?} failed ({}):\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run a command that must succeed and print JSON; the parsed value.
    pub fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("corepath {args:?} did not print JSON ({e}):\n{text}"))
    }

    /// `corepath add …`: the id it prints.
    pub fn add(&self, args: &[&str]) -> String {
        let out = self.ok(&[&["add"], args].concat());
        let id = out.trim().to_string();
        assert!(
            id.len() >= 4 && id.chars().all(|c| c.is_ascii_alphanumeric()),
            "add should print just the new id, got {out:?}"
        );
        id
    }

    /// `corepath add --kind KIND --title TITLE` and then the options in `more` (see [`words`]):
    /// the id it prints.
    pub fn add_entry(&self, kind: &str, title: &str, more: &str) -> String {
        self.add(&[&["--kind", kind, "--title", title], &words(more)[..]].concat())
    }

    /// `corepath goal add --title TITLE` and then the options in `more` (see [`words`]): the id it
    /// prints.
    pub fn add_goal(&self, title: &str, more: &str) -> String {
        let out = self.ok(&[&["goal", "add", "--title", title], &words(more)[..]].concat());
        let id = out.trim().to_string();
        assert!(
            !id.is_empty(),
            "goal add should print the new id, got {out:?}"
        );
        id
    }

    /// The journal's bytes (empty if there is none).
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.journal).unwrap_or_default()
    }

    /// The journal as JSON.
    pub fn journal_json(&self) -> Value {
        serde_json::from_slice(&self.bytes()).expect("journal is JSON")
    }

    /// Replace the journal file with `value`.
    pub fn write_journal(&self, value: &Value) {
        write_json(&self.journal, value);
    }

    /// The journal as the store reads it.
    pub fn journal(&self) -> Journal {
        corepath::store::parse(&self.journal, &self.bytes()).expect("the journal parses")
    }

    /// Run a command that must fail with one line on stderr and no panic; that stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "corepath {args:?} should fail, but succeeded with stdout {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "corepath {args:?} should print one line on stderr, got:\n{stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "corepath {args:?} panicked:\n{stderr}"
        );
        stderr
    }

    /// Run a command that must be refused: non-zero exit, one line on stderr containing every
    /// fragment, and the journal byte-for-byte unchanged. Returns the stderr line.
    pub fn refused(&self, args: &[&str], fragments: &[&str]) -> String {
        let before = self.bytes();
        let existed = self.journal.exists();
        let stderr = self.fails(args);
        for f in fragments {
            assert!(
                stderr.contains(f),
                "corepath {args:?}: stderr should contain {f:?}, got:\n{stderr}"
            );
        }
        assert_eq!(
            self.journal.exists(),
            existed,
            "corepath {args:?} created or removed the journal"
        );
        assert!(
            self.bytes() == before,
            "corepath {args:?} changed the journal file"
        );
        stderr.trim_end().to_string()
    }

    /// [`Sandbox::refused`] for each case in turn: a command line (see [`words`]) and the
    /// fragments its one-line refusal must name. A failure names the case by its arguments.
    pub fn refuses_each(&self, cases: &[(&str, &[&str])]) {
        for (line, fragments) in cases {
            self.refused(&words(line), fragments);
        }
    }
}

/// The object in a JSON array whose `key` is `value`.
pub fn find<'a>(array: &'a Value, key: &str, value: &str) -> &'a Value {
    array
        .as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {array}"))
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} {value:?} in {array:#}"))
}

/// The object in a JSON array whose `key` is `value`, to change.
pub fn find_mut<'a>(array: &'a mut Value, key: &str, value: &str) -> &'a mut Value {
    array
        .as_array_mut()
        .expect("a JSON array")
        .iter_mut()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} {value:?}"))
}

/// Find an object with `"id": id` in a JSON array.
pub fn by_id<'a>(array: &'a Value, id: &str) -> &'a Value {
    find(array, "id", id)
}
