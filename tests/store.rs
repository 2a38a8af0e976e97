//! The journal on disk: unknown fields kept, the backup, the file mode, the lock, concurrent
//! writers that never lose an entry, and a writer killed in the middle of a save.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY, by_id, process, words, write_json};
use corepath::model::{Entry, Journal, Profile};
use corepath::store::{Lock, Store, StoreError, backup_path, parse};
use serde_json::{Value, json};

/// The first occurrences of the quoted `keys` (separated by spaces) come in that order in `text`.
fn assert_in_order(what: &str, text: &str, keys: &str) {
    let positions: Vec<usize> = words(keys)
        .iter()
        .map(|k| text.find(&format!("\"{k}\"")).expect(k))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{what} ({keys}): {text}"
    );
}

fn entries_of(path: &Path) -> Vec<Entry> {
    Store::new(path)
        .load()
        .expect("the journal loads")
        .journal
        .entries
}

// ---------------------------------------------------------------------------------------------
// Unknown fields, backup, mode, format on disk
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_fields_survive_a_load_and_a_change() {
    let s = Sandbox::with_profile();
    let first = s.add_entry("sop", "Laser safety", "--date 2026-01-05");
    s.add_goal("Course", "--expectation scientist/courses");
    s.ok(&[
        "self-assess",
        "senior-scientist/leadership-skills",
        "--why",
        "Led the move",
    ]);

    let mut j = s.journal_json();
    let top = json!({ "sync": { "remote": "git@example.org:me/journal", "every": 3 } });
    let in_profile = json!(["she/her", { "preferred": "Ada" }]);
    let in_entry = json!({ "files": ["a.pdf"], "score": 4.5, "nested": { "deep": [1, 2, null] } });
    let in_goal = json!(3);
    let in_assessment = json!("my line manager");
    j["x_future_top"] = top.clone();
    j["profile"]["x_pronouns"] = in_profile.clone();
    j["entries"][0]["x_attachments"] = in_entry.clone();
    j["goals"][0]["x_priority"] = in_goal.clone();
    j["self_assessments"][0]["x_reviewer"] = in_assessment.clone();
    s.write_journal(&j);

    // A load by the library keeps them…
    let loaded = Store::new(&s.journal).load().expect("load");
    assert_eq!(loaded.journal.extra["x_future_top"], top);
    assert_eq!(loaded.journal.profile.extra["x_pronouns"], in_profile);
    assert_eq!(loaded.journal.entries[0].extra["x_attachments"], in_entry);
    assert_eq!(loaded.journal.goals[0].extra["x_priority"], in_goal);

    // …and so do changes from the command line: an add, an edit of that very entry, a goal.
    s.add_entry("user-training", "Confocal 1:1", "");
    s.ok(&["edit", &first, "--hours", "2"]);
    s.add_goal("Another", "");
    let after = s.journal_json();
    assert_eq!(after["x_future_top"], top);
    assert_eq!(after["profile"]["x_pronouns"], in_profile);
    let entry = by_id(&after["entries"], &first);
    assert_eq!(entry["x_attachments"], in_entry);
    assert_eq!(entry["hours"], 2.0);
    assert_eq!(after["goals"][0]["x_priority"], in_goal);
    assert_eq!(after["self_assessments"][0]["x_reviewer"], in_assessment);
    assert_eq!(after["entries"].as_array().expect("array").len(), 2);

    // Everything else is as it was, too.
    let mut expected = j.clone();
    expected["entries"][0]["hours"] = json!(2.0);
    let mut got = after.clone();
    for v in [&mut expected, &mut got] {
        v["entries"][0]["updated"] = Value::Null;
        v["entries"][0]
            .as_object_mut()
            .expect("object")
            .remove("hours");
        v["entries"].as_array_mut().expect("array").truncate(1);
        v["goals"].as_array_mut().expect("array").truncate(1);
    }
    assert_eq!(got, expected);
}

#[test]
fn the_backup_holds_the_previous_version() {
    let s = Sandbox::with_profile();
    let bak = backup_path(&s.journal);
    assert_eq!(bak, s.path("journal.json.bak"));
    let v1 = s.bytes();
    let id = s.add_entry("sop", "One", "");
    let v2 = s.bytes();
    assert_ne!(v1, v2);
    assert_eq!(std::fs::read(&bak).expect("backup"), v1);
    s.ok(&["star", &id]);
    assert_eq!(std::fs::read(&bak).expect("backup"), v2);
    // A command that changes nothing does not rotate the backup.
    let v3 = s.bytes();
    s.ok(&["star", &id]);
    assert_eq!(s.bytes(), v3);
    assert_eq!(std::fs::read(&bak).expect("backup"), v2);
    // Restoring the backup, as the damaged-file message says, gives a working journal.
    std::fs::copy(&bak, &s.journal).expect("restore");
    let list = s.json(&["list", "--format", "json"]);
    assert_eq!(list[0]["highlight"], false);
}

#[cfg(unix)]
#[test]
fn the_journal_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let s = Sandbox::with_profile();
    assert_eq!(mode(&s.journal), 0o600, "after init");
    s.add_entry("sop", "One", "");
    assert_eq!(mode(&s.journal), 0o600, "after add");
    assert_eq!(mode(&s.path("journal.json.bak")), 0o600, "the backup");
    // A journal someone made world-readable is private again after the next change.
    std::fs::set_permissions(&s.journal, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    s.add_entry("sop", "Two", "");
    assert_eq!(mode(&s.journal), 0o600, "after a change");
}

#[test]
fn saves_leave_no_temporary_files_and_write_pretty_stable_json() {
    let s = Sandbox::with_profile();
    let id = s.add_entry("user-training", "Ünïcode “quotes” \"and\" \\ slashes", "");
    s.ok(&["edit", &id, "--hours", "1.5"]);
    let names: BTreeSet<String> = std::fs::read_dir(s.dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("journal") || n.starts_with('.'))
        .collect();
    let expected: BTreeSet<String> = ["journal.json", "journal.json.bak", "journal.json.lock"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(names, expected);

    let text = String::from_utf8(s.bytes()).expect("utf-8");
    assert!(text.ends_with("}\n"), "a final newline");
    assert!(
        text.lines().count() > 10,
        "pretty-printed, one field a line"
    );
    assert_in_order(
        "stable order",
        &text,
        "format version profile entries goals",
    );
    let entry = &text[text.find("\"entries\"").expect("entries")..];
    assert_in_order(
        "entry field order",
        entry,
        "id date kind title hours metrics",
    );
    let e = &s.json(&["show", &id, "--format", "json"]);
    assert_eq!(e["title"], "Ünïcode “quotes” \"and\" \\ slashes");
}

// ---------------------------------------------------------------------------------------------
// The library's store API
// ---------------------------------------------------------------------------------------------

fn journal() -> Journal {
    let mut profile = Profile::new("Ada Lovelace", "support-scientist");
    profile.qualification = Some("postgraduate".into());
    Journal::new(profile)
}

fn entry(id: &str, title: &str) -> Entry {
    Entry::new(
        id.to_string(),
        TODAY.parse().expect("date"),
        "sop",
        title,
        "2026-11-25T10:00:00Z".parse().expect("time"),
    )
}

#[test]
fn create_load_and_the_errors_for_missing_and_existing() {
    let s = Sandbox::new();
    let store = Store::new(&s.journal);
    assert!(matches!(store.load(), Err(StoreError::Missing(_))));
    let message = store.load().expect_err("missing").to_string();
    assert!(message.contains("corepath init"), "{message}");
    store.create(&journal()).expect("create");
    assert!(matches!(
        store.create(&journal()),
        Err(StoreError::Exists(_))
    ));
    let loaded = store.load().expect("load");
    assert_eq!(loaded.journal, journal());
    assert!(loaded.read_only.is_none());
}

#[test]
fn a_stale_cached_journal_is_read_again_so_no_change_is_lost() {
    // The TUI's situation: it holds the journal in memory while the command line adds an entry.
    let s = Sandbox::new();
    let store = Store::new(&s.journal);
    store.create(&journal()).expect("create");
    let held = store.load().expect("load");
    let stamp = held.stamp.expect("stamp");
    let from_cli = s.add(&["--kind", "sop", "--title", "From the command line"]);
    let (_, saved) = store
        .transact::<_, StoreError>(Some((&held.journal, stamp)), |j| {
            j.entries.push(entry("tuientry", "From the TUI"));
            Ok(())
        })
        .expect("transact");
    let ids: Vec<&str> = saved
        .journal
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, [from_cli.as_str(), "tuientry"]);
    assert_eq!(saved.stamp, store.stamp(), "the stamp of what was saved");
    assert_eq!(store.load().expect("load").journal, saved.journal);

    // With a fresh stamp the cached journal is used as it is.
    let (_, again) = store
        .transact::<_, StoreError>(Some((&saved.journal, saved.stamp.expect("stamp"))), |j| {
            j.entries.retain(|e| e.id != "tuientry");
            Ok(())
        })
        .expect("transact");
    assert_eq!(again.journal.entries.len(), 1);
    assert_eq!(entries_of(&s.journal).len(), 1);
}

#[test]
fn a_failed_change_writes_nothing() {
    let s = Sandbox::new();
    let store = Store::new(&s.journal);
    store.create(&journal()).expect("create");
    let before = s.bytes();
    let result = store.transact::<(), StoreError>(None, |j| {
        j.entries.push(entry("doomed00", "Never saved"));
        Err(StoreError::ReadOnly("refused on purpose".into()))
    });
    assert!(result.is_err());
    assert_eq!(s.bytes(), before);
    assert!(!backup_path(&s.journal).exists(), "no save, no backup");
}

#[test]
fn parse_names_the_file_line_and_column() {
    let path = Path::new("/somewhere/journal.json");
    let err = parse(
        path,
        b"{\n  \"format\": \"corepath-journal\",\n  \"version\": 1,\n  oops\n}",
    )
    .expect_err("garbage");
    let message = err.to_string();
    assert!(
        matches!(err, StoreError::Corrupt { line: 4, .. }),
        "{err:?}"
    );
    for want in ["/somewhere/journal.json", "line 4", "column 3", "no backup"] {
        assert!(message.contains(want), "{want:?} not in {message}");
    }
    let newer = parse(
        path,
        br#"{"format":"corepath-journal","version":7,"profile":42}"#,
    )
    .expect_err("newer");
    assert!(
        matches!(newer, StoreError::Newer { version: 7, .. }),
        "{newer:?}"
    );
    let other = parse(path, br#"{"format":"other","version":1}"#).expect_err("other");
    assert!(matches!(other, StoreError::NotAJournal { .. }), "{other:?}");
}

#[test]
fn a_writer_waits_for_the_lock() {
    let s = Sandbox::with_profile();
    let lock = Lock::acquire(&s.journal).expect("lock");
    let mut child = process(&s.journal)
        .args(["add", "--kind", "sop", "--title", "Waited"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    thread::sleep(Duration::from_millis(400));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "add should wait while the lock is held"
    );
    assert_eq!(entries_of(&s.journal).len(), 0);
    drop(lock);
    let status = child.wait().expect("wait");
    assert!(status.success());
    assert_eq!(entries_of(&s.journal).len(), 1);
}

#[test]
fn a_writer_gives_up_on_a_lock_held_too_long_with_a_clear_message() {
    let s = Sandbox::with_profile();
    let _lock = Lock::acquire(&s.journal).expect("lock");
    let started = Instant::now();
    let line = s.refused(
        &["add", "--kind", "sop", "--title", "Never"],
        &["journal.json", "busy", "journal.json.lock"],
    );
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "it waited first: {line}"
    );
}

// ---------------------------------------------------------------------------------------------
// Concurrent writers and a killed writer
// ---------------------------------------------------------------------------------------------

#[test]
fn two_processes_adding_100_entries_each_lose_nothing() {
    let s = Sandbox::with_profile();
    let run = |who: &'static str| {
        let journal = s.journal.clone();
        thread::spawn(move || {
            for i in 0..100 {
                let out = process(&journal)
                    .args(["add", "--kind", "sop", "--title", &format!("{who} {i}")])
                    .output()
                    .expect("run corepath");
                assert!(
                    out.status.success(),
                    "{who} {i}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let a = run("alpha");
    let b = run("beta");
    a.join().expect("alpha");
    b.join().expect("beta");
    let entries = entries_of(&s.journal);
    assert_eq!(entries.len(), 200);
    let titles: BTreeSet<String> = entries.iter().map(|e| e.title.clone()).collect();
    let expected: BTreeSet<String> = (0..100)
        .flat_map(|i| [format!("alpha {i}"), format!("beta {i}")])
        .collect();
    assert_eq!(titles, expected);
    let ids: BTreeSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 200, "ids are unique");
    s.ok(&["check"]);
}

/// A journal of `n` entries, one entry replicated with distinct ids.
fn big_journal(n: usize) -> Value {
    let template = json!({
        "date": "2026-03-02", "kind": "user-training", "title": "",
        "notes": "Köhler illumination, pinhole alignment and a \"quoted\" remark",
        "reflection": { "practice": "Faster alignment", "users": "Sharper images" },
        "hours": 3.0, "people": 2, "techniques": ["confocal"], "metrics": ["fac.training"],
        "tags": ["confocal"], "evidence": [{ "type": "rrid", "value": "RRID:SCR_017105" }],
        "highlight": false,
        "created": "2026-03-02T10:11:12Z", "updated": "2026-03-02T10:11:12Z"
    });
    let entries: Vec<Value> = (0..n)
        .map(|i| {
            let mut e = template.clone();
            e["id"] = json!(format!("k{i:07}"));
            e["title"] = json!(format!("Training session {i}"));
            e
        })
        .collect();
    json!({
        "format": "corepath-journal", "version": 1,
        "profile": { "name": "Ada Lovelace", "tier": "support-scientist" },
        "entries": entries, "goals": []
    })
}

fn spawn_add(journal: &Path, title: &str) -> std::process::Child {
    process(journal)
        .args(["add", "--kind", "sop", "--title", title])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn corepath")
}

#[cfg(unix)]
#[test]
fn a_writer_killed_mid_save_leaves_the_old_or_the_new_journal() {
    let s = Sandbox::new();
    write_json(&s.journal, &big_journal(20_000));
    let mut n = entries_of(&s.journal).len();
    assert_eq!(n, 20_000);

    // How long one uncontended add takes here, so the kills land all through it: start-up, load,
    // change, serialise, write, fsync, backup, rename.
    let started = Instant::now();
    let status = spawn_add(&s.journal, "timing").wait().expect("wait");
    assert!(status.success());
    let full = started.elapsed();
    n += 1;
    assert_eq!(entries_of(&s.journal).len(), n);

    let rounds: u32 = 20;
    let (mut killed, mut landed) = (0, 0);
    for round in 0..rounds {
        // Spread over 0..1.1× an add, with a little jitter from the round number.
        let delay = full.mul_f64(1.1 * f64::from(round) / f64::from(rounds))
            + Duration::from_millis(u64::from(round * 7 % 13));
        let title = format!("killed round {round}");
        let mut child = spawn_add(&s.journal, &title);
        thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on unix; an error means it already exited
        child.wait().expect("wait");

        let loaded = Store::new(&s.journal).load().unwrap_or_else(|e| {
            panic!("round {round} (after {delay:?}): the journal does not load: {e}")
        });
        let count = loaded.journal.entries.len();
        assert!(
            count == n || count == n + 1,
            "round {round}: {count} entries, expected {n} or {}",
            n + 1
        );
        if count == n + 1 {
            assert_eq!(loaded.journal.entries[n].title, title);
            landed += 1;
        } else {
            killed += 1;
        }
        n = count;
        let backup = backup_path(&s.journal);
        if round % 5 == 4 && backup.exists() {
            Store::new(&backup)
                .load()
                .unwrap_or_else(|e| panic!("round {round}: the backup does not load: {e}"));
        }
    }
    assert!(killed > 0, "no add was interrupted ({landed} landed)");
    let leftovers = std::fs::read_dir(s.dir.path())
        .expect("read dir")
        .filter(|e| {
            let name = e.as_ref().expect("entry").file_name();
            !name.to_string_lossy().starts_with("journal.json")
        })
        .count();
    eprintln!(
        "SIGKILL test: one add took {full:?}; {killed} interrupted, {landed} landed; \
         {leftovers} temporary files left behind"
    );

    // After all that the journal is sound and a normal add still works.
    let s2 = Sandbox {
        journal: s.journal.clone(),
        dir: tempfile::TempDir::new().expect("dir"),
    };
    s2.ok(&["check"]);
    let status = spawn_add(&s.journal, "after the storm")
        .wait()
        .expect("wait");
    assert!(status.success());
    assert_eq!(entries_of(&s.journal).len(), n + 1);
}
