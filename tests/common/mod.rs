//! Shared helpers for the integration tests: a sandboxed journal per test and the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The day every test pretends it is.
pub const TODAY: &str = "2026-11-25";

/// The corepath binary built for these tests.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_corepath"))
}

/// The bundled framework file.
pub fn framework_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/framework.json")
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
        s.ok(&[
            "init",
            "--name",
            "Ada Lovelace",
            "--tier",
            "support-scientist",
            "--qualification",
            "postgraduate",
            "--orcid",
            "0000-0002-1825-0097",
        ]);
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

    /// Run a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run corepath");
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
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        let id = out.trim().to_string();
        assert!(
            id.len() >= 4 && id.chars().all(|c| c.is_ascii_alphanumeric()),
            "add should print just the new id, got {out:?}"
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

    /// Run a command that must be refused: non-zero exit, one line on stderr containing every
    /// fragment, and the journal byte-for-byte unchanged. Returns the stderr line.
    pub fn refused(&self, args: &[&str], fragments: &[&str]) -> String {
        let before = self.bytes();
        let existed = self.journal.exists();
        let out = self.cmd().args(args).output().expect("run corepath");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
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
        for f in fragments {
            assert!(
                stderr.contains(f),
                "corepath {args:?}: stderr should contain {f:?}, got:\n{stderr}"
            );
        }
        assert!(
            !stderr.contains("panicked"),
            "corepath {args:?} panicked:\n{stderr}"
        );
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
}

/// Find an object with `"id": id` in a JSON array.
pub fn by_id<'a>(array: &'a Value, id: &str) -> &'a Value {
    array
        .as_array()
        .expect("a JSON array")
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no item with id {id} in {array:#}"))
}
