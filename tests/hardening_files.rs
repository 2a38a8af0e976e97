//! The journal's file against odd paths: outputs aimed at the journal or at special files, a
//! journal that is a symbolic link, a pipe, a device or too large, a read-only journal, the modes
//! of the backup and of exports, and the leftovers of a save killed half-way.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY, bin};
use corepath::store::{Lock, MAX_JOURNAL_BYTES, Store, StoreError, resolve};

/// The permission bits of `path` (through links).
fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o7777
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Run a command that must fail within a few seconds (not hang), with one line on stderr that
/// contains every fragment; that line.
fn fails_quickly(s: &Sandbox, args: &[&str], fragments: &[&str]) -> String {
    let started = Instant::now();
    let out = s
        .cmd()
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run corepath");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "corepath {args:?} took {:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "corepath {args:?} should fail");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    for f in fragments {
        assert!(
            stderr.contains(f),
            "corepath {args:?}: {f:?} not in {stderr}"
        );
    }
    stderr
}

/// Run corepath with `args` under `umask` (through the shell, which sets it for the process).
fn with_umask(s: &Sandbox, umask: &str, args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(bin())
        .args(args)
        .env("COREPATH_JOURNAL", &s.journal)
        .env("COREPATH_TODAY", TODAY)
        .current_dir(s.dir.path())
        .output()
        .expect("run corepath")
}

// ---------------------------------------------------------------------------------------------
// Item 1: outputs never replace the journal, its companions or a special file
// ---------------------------------------------------------------------------------------------

#[test]
fn export_and_rollup_refuse_the_journal_its_backup_lock_and_special_files() {
    let s = Sandbox::with_profile();
    s.add_entry("sop", "Laser safety", "");
    fs::create_dir(s.path("sub")).expect("mkdir");
    symlink("journal.json", s.path("link.md")).expect("symlink");
    mkfifo(&s.path("pipe.md"));
    let backup = fs::read(s.path("journal.json.bak")).expect("backup");
    s.refuses_each(&[
        (
            "export -o journal.json",
            &["journal.json", "it is the journal"],
        ),
        ("export -o ./sub/../journal.json", &["it is the journal"]),
        ("export -o link.md", &["link.md", "it is the journal"]),
        (
            "export -o journal.json.bak",
            &["journal.json.bak", "the journal's backup"],
        ),
        (
            "export -o journal.json.lock",
            &["journal.json.lock", "the journal's lock file"],
        ),
        ("export -o pipe.md", &["pipe.md", "named pipe (FIFO)"]),
        ("export -o /dev/null", &["/dev/null", "character device"]),
        ("export -o sub", &["sub", "it is a folder"]),
    ]);
    assert_eq!(
        fs::read(s.path("journal.json.bak")).expect("backup"),
        backup
    );
    assert!(
        fs::symlink_metadata(s.path("link.md"))
            .expect("link")
            .is_symlink()
    );
    assert!(
        fs::metadata(s.path("pipe.md"))
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
    assert!(
        fs::metadata("/dev/null")
            .expect("null")
            .file_type()
            .is_char_device()
    );

    s.ok(&["export", "--format", "json", "-o", "s.json"]);
    s.refused(
        &["rollup", "s.json", "-o", "journal.json"],
        &["it is the journal"],
    );
    s.refused(
        &["rollup", "s.json", "-o", "pipe.md"],
        &["named pipe (FIFO)"],
    );
    s.ok(&["rollup", "s.json", "-o", "facility.md"]);
    assert!(s.path("facility.md").is_file());
}

#[test]
fn the_appraisal_tabs_export_path_refuses_the_journal() {
    // The Appraisal tab writes through Store::write_output, as the command line does.
    let s = Sandbox::with_profile();
    let before = s.bytes();
    let store = Store::new(&s.journal);
    let err = store
        .write_output(&s.journal, b"# summary\n")
        .expect_err("refused");
    assert!(matches!(err, StoreError::Refused { .. }), "{err:?}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(s.bytes(), before);
    store
        .write_output(&s.path("summary.md"), b"# summary\n")
        .expect("a new path is written");
}

#[test]
fn an_output_that_is_a_link_to_a_regular_file_is_written_through() {
    let s = Sandbox::with_profile();
    fs::create_dir(s.path("shared")).expect("mkdir");
    fs::write(s.path("shared/report.md"), "old").expect("write");
    symlink("shared/report.md", s.path("report.md")).expect("symlink");
    s.ok(&["export", "-o", "report.md"]);
    assert!(
        fs::symlink_metadata(s.path("report.md"))
            .expect("link")
            .is_symlink()
    );
    let text = fs::read_to_string(s.path("shared/report.md")).expect("read");
    assert!(text.starts_with('#'), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Item 2: a journal that is a symbolic link
// ---------------------------------------------------------------------------------------------

#[test]
fn a_symlinked_journal_is_saved_through_to_its_target_and_stays_a_link() {
    let s = Sandbox::with_profile();
    fs::create_dir(s.path("sync")).expect("mkdir");
    let target = s.path("sync/journal.json");
    fs::rename(&s.journal, &target).expect("move");
    fs::remove_file(s.path("journal.json.lock")).expect("init's lock");
    // A chain: journal.json → hop.json → sync/journal.json (relative links).
    symlink("sync/journal.json", s.path("hop.json")).expect("symlink");
    symlink("hop.json", &s.journal).expect("symlink");
    let before = fs::read(&target).expect("read");
    assert_eq!(resolve(&s.journal), target);

    s.add_entry("sop", "Through the link", "");
    s.add_entry("sop", "Again", "");
    assert!(fs::symlink_metadata(&s.journal).expect("link").is_symlink());
    assert!(
        fs::symlink_metadata(s.path("hop.json"))
            .expect("link")
            .is_symlink()
    );
    assert_eq!(s.journal().entries.len(), 2, "read through the link");
    let saved = Store::new(&target).load().expect("the target loads");
    assert_eq!(
        saved.journal.entries.len(),
        2,
        "the target holds the entries"
    );
    assert_eq!(mode(&target), 0o600);
    // Backup and lock sit beside the target; nothing is left beside the link.
    assert!(s.path("sync/journal.json.bak").is_file());
    assert!(s.path("sync/journal.json.lock").is_file());
    assert!(!s.path("journal.json.bak").exists());
    assert!(!s.path("journal.json.lock").exists());
    assert_ne!(
        fs::read(s.path("sync/journal.json.bak")).expect("bak"),
        before
    );
    // One lock for every path to the journal.
    let _held = Lock::acquire(&target).expect("lock");
    assert!(matches!(
        Lock::acquire(&s.journal),
        Err(StoreError::Busy { .. })
    ));
}

#[test]
fn init_through_a_dangling_link_creates_the_target() {
    let s = Sandbox::new();
    fs::create_dir(s.path("sync")).expect("mkdir");
    symlink(s.path("sync/journal.json"), &s.journal).expect("symlink");
    s.ok(&common::INIT_ADA);
    assert!(fs::symlink_metadata(&s.journal).expect("link").is_symlink());
    assert!(s.path("sync/journal.json").is_file());
}

// ---------------------------------------------------------------------------------------------
// Item 5: leftovers of a save killed between its steps
// ---------------------------------------------------------------------------------------------

#[test]
fn staging_copies_left_by_a_killed_save_are_removed_by_the_next() {
    let s = Sandbox::with_profile();
    let old = s.bytes();
    for name in [
        ".corepath-bakX1y2Z3",
        ".journal.json.tmpA1b2C3",
        ".journal.json.tmpbak9",
    ] {
        fs::write(s.path(name), &old).expect("write");
    }
    fs::write(s.path("other.txt"), "mine").expect("write");
    s.add_entry("sop", "After the crash", "");
    let mut names: Vec<String> = fs::read_dir(s.dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "journal.json",
            "journal.json.bak",
            "journal.json.lock",
            "other.txt"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Item 6: modes
// ---------------------------------------------------------------------------------------------

#[test]
fn a_journal_made_read_only_is_refused_and_never_replaced() {
    let s = Sandbox::with_profile();
    chmod(&s.journal, 0o400);
    let inode = fs::metadata(&s.journal).expect("metadata").ino();
    let line = s.refused(
        &["add", "--kind", "sop", "--title", "Never"],
        &["journal.json", "read-only (mode 0400)", "chmod u+w"],
    );
    assert!(!line.contains("panicked"), "{line}");
    assert_eq!(mode(&s.journal), 0o400, "the mode is kept");
    assert_eq!(fs::metadata(&s.journal).expect("metadata").ino(), inode);
    assert!(!s.path("journal.json.bak").exists(), "nothing was saved");
    // Reading still works, and says why changes are refused.
    s.ok(&["list"]);
    chmod(&s.journal, 0o600);
    s.add_entry("sop", "Now", "");
}

#[test]
fn the_backup_is_private_even_when_the_journal_was_not() {
    let s = Sandbox::with_profile();
    chmod(&s.journal, 0o644);
    s.add_entry("sop", "One", "");
    assert_eq!(mode(&s.path("journal.json.bak")), 0o600);
    assert_eq!(mode(&s.journal), 0o600);
}

#[test]
fn exports_get_the_mode_the_umask_allows_and_keep_an_existing_files_mode() {
    let s = Sandbox::with_profile();
    for (umask, expected) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let name = format!("summary-{umask}.md");
        let out = with_umask(&s, umask, &["export", "-o", &name]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(mode(&s.path(&name)), expected, "umask {umask}");
    }
    chmod(&s.path("summary-077.md"), 0o640);
    let out = with_umask(&s, "022", &["export", "-o", "summary-077.md"]);
    assert!(out.status.success());
    assert_eq!(
        mode(&s.path("summary-077.md")),
        0o640,
        "an existing file keeps its mode"
    );
    // The journal stays 0600 whatever the umask.
    let out = with_umask(&s, "000", &["add", "--kind", "sop", "--title", "x"]);
    assert!(out.status.success());
    assert_eq!(mode(&s.journal), 0o600);
}

// ---------------------------------------------------------------------------------------------
// Item 7: pipes, devices and huge files as the journal
// ---------------------------------------------------------------------------------------------

#[test]
fn a_fifo_as_the_journal_is_refused_at_once_without_holding_the_lock() {
    let s = Sandbox::new();
    mkfifo(&s.journal);
    for args in [
        &["list"][..],
        &["check"],
        &["add", "--kind", "sop", "--title", "x"],
    ] {
        fails_quickly(
            &s,
            args,
            &["journal.json", "named pipe (FIFO)", "not a regular file"],
        );
    }
    assert!(
        !s.path("journal.json.lock").exists(),
        "no lock beside a pipe"
    );
    assert!(
        fs::metadata(&s.journal)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_device_as_the_journal_is_refused_at_once() {
    let s = Sandbox::new();
    symlink("/dev/zero", &s.journal).expect("symlink");
    for args in [&["list"][..], &["add", "--kind", "sop", "--title", "x"]] {
        fails_quickly(&s, args, &["journal.json", "character device"]);
    }
    let s = Sandbox {
        journal: "/dev/null".into(),
        dir: tempfile::TempDir::new().expect("dir"),
    };
    fails_quickly(&s, &["show", "x"], &["/dev/null", "character device"]);
}

#[test]
fn a_journal_over_the_size_limit_is_refused_with_its_size_before_reading() {
    let s = Sandbox::new();
    let file = fs::File::create(&s.journal).expect("create");
    // Sparse: no disk used, and nothing is read.
    file.set_len(MAX_JOURNAL_BYTES + 1).expect("set_len");
    let size = (MAX_JOURNAL_BYTES + 1).to_string();
    for args in [&["list"][..], &["add", "--kind", "sop", "--title", "x"]] {
        fails_quickly(&s, args, &["journal.json", &size, "1 GiB"]);
    }
    assert_eq!(
        fs::metadata(&s.journal).expect("meta").len(),
        MAX_JOURNAL_BYTES + 1
    );
}

#[test]
fn files_handed_to_import_rollup_and_profile_are_read_only_when_regular() {
    let s = Sandbox::with_profile();
    for name in ["papers.bib", "zoe.json", "mapping.toml", "statement.txt"] {
        mkfifo(&s.path(name));
    }
    let path = |name: &str| s.path(name).to_str().expect("utf-8").to_string();
    let cases: [(Vec<String>, &str); 4] = [
        (vec!["import".into(), path("papers.bib")], "papers.bib"),
        (vec!["rollup".into(), path("zoe.json")], "zoe.json"),
        (
            vec![
                "import".into(),
                path("papers.bib"),
                "--mapping".into(),
                path("mapping.toml"),
            ],
            "mapping.toml",
        ),
        (
            vec![
                "profile".into(),
                "--statement-file".into(),
                path("statement.txt"),
            ],
            "statement.txt",
        ),
    ];
    for (args, file) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_quickly(&s, &args, &[file, "named pipe"]);
    }
}
