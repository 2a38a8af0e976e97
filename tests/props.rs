//! Property tests: any journal the model accepts round-trips through the store unchanged, and
//! loading and validation never panic, whatever they are given.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use corepath::assess::{Context, Period, cpd, progress, tally, time_allocation};
use corepath::framework::{BUNDLED_JSON, Expectation, Framework, Rule};
use corepath::model::{
    CREDIT_ROLES, Entry, Evidence, EvidenceType, Goal, Journal, Profile, Reflection,
    SelfAssessment, check_journal, parse_date, parse_doi, parse_hours, parse_orcid, parse_people,
    parse_percent, parse_ror, parse_rrid, parse_url, parse_years,
};
use corepath::store::{Store, parse};
use corepath::text::visible::is_unsafe;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use serde_json::{Map, Value, json};

fn framework() -> &'static Framework {
    static F: OnceLock<Framework> = OnceLock::new();
    F.get_or_init(|| Framework::bundled().expect("bundled framework"))
}

/// The day the assessments run on.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

/// A journal with a profile and nothing else.
fn empty_journal(tier: &str) -> Journal {
    Journal::new(Profile::new("Ada", tier))
}

/// An entry `e1` of `kind` on 2026-01-01, logged at the epoch.
fn new_year_entry(kind: &str, title: &str) -> Entry {
    Entry::new(
        "e1".into(),
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        kind,
        title,
        DateTime::from_timestamp(0, 0).expect("time"),
    )
}

/// Save `j` to a new store and load it back.
fn saved_and_loaded(j: &Journal) -> Journal {
    let dir = tempfile::TempDir::new().expect("dir");
    let store = Store::new(dir.path().join("journal.json"));
    store.create(j).expect("create");
    store.load().expect("load").journal
}

/// Every assessment of `j` over the last `months` months, for every tier: none may panic.
fn assess_everything(f: &Framework, j: &Journal, months: u32) {
    let ctx = Context::new(f, j);
    let period = Period::last_months(today(), months);
    let _ = tally(&ctx, period);
    let _ = cpd(&ctx, period);
    let _ = time_allocation(&ctx, period);
    for tier in &f.tiers {
        let _ = progress(&ctx, tier, today());
    }
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|x| id(x).to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Strategies for valid values
// ---------------------------------------------------------------------------------------------

/// Any text: ASCII, quotes, backslashes, control characters, accents, CJK, emoji.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zA-Z0-9\"'\\\\/{}\\[\\]:,\n\t]{0,24}",
        "[ éüßçøłΩЖ漢字🔬🧪“”‘’\u{200b}\u{0}]{0,12}",
        "[ \t\n\r]{0,3}",
    ]
}

/// Free text as notes and reflections hold it: any text, its control characters other than
/// newlines, carriage returns and tabs left out.
fn text() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| {
        s.chars()
            .filter(|c| !is_unsafe(*c) || "\n\r\t".contains(*c))
            .collect()
    })
}

/// One line of text (a facility, an institution): any text without control characters.
fn line() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| s.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// One line that is not blank once trimmed (titles, names, tags).
fn word() -> impl Strategy<Value = String> {
    line().prop_filter("not blank", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // Year 1 to year 9999, the range `YYYY-MM-DD` can write.
    (1i32..3_652_059).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).expect("in range"))
}

/// A number as a person types it: up to 5 digits before the point and 3 after.
///
/// Not any `f64`: without serde_json's `float_roundtrip` feature about 8% of arbitrary floats in
/// 0..10000 come back one ulp off (see `arbitrary_floats_round_trip` below).
fn typed(max_tenths_of_thousandths: u32) -> impl Strategy<Value = String> {
    (0..=max_tenths_of_thousandths, 0u32..4).prop_map(|(n, places)| {
        let x = f64::from(n) / 1000.0;
        format!("{x:.*}", places as usize)
    })
}

/// Hours the model accepts, typed and checked by `parse_hours`.
fn hours() -> impl Strategy<Value = f64> {
    typed(10_000_000).prop_map(|s| parse_hours("hours", &s).expect("a valid number of hours"))
}

const CROCKFORD: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

fn orcid() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u32..10, 15).prop_map(|digits| {
        let mut total = 0;
        for d in &digits {
            total = (total + d) * 2;
        }
        let check = (12 - total % 11) % 11;
        let mut s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("digit"))
            .collect();
        s.push(if check == 10 {
            'X'
        } else {
            char::from_digit(check, 10).expect("digit")
        });
        let grouped = format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16]);
        parse_orcid("orcid", &grouped).expect("a valid ORCID")
    })
}

fn ror() -> impl Strategy<Value = String> {
    proptest::collection::vec(0usize..32, 6).prop_map(|digits| {
        let mut number: u64 = 0;
        let mut s = String::from("0");
        for d in digits {
            number = number * 32 + d as u64;
            s.push(CROCKFORD[d] as char);
        }
        let check = 98 - (number * 100) % 97;
        let id = format!("{s}{check:02}");
        parse_ror("ror", &id).expect("a valid ROR")
    })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    let doi = ("[0-9]{4,5}(\\.[0-9]{1,3})?", "[!-~]{1,20}")
        .prop_map(|(reg, suffix)| parse_doi("doi", &format!("10.{reg}/{suffix}")).expect("DOI"));
    let rrid = ("[A-Za-z]{2,5}", "[A-Za-z0-9_.:-]{1,10}")
        .prop_map(|(p, a)| parse_rrid("rrid", &format!("RRID:{p}_{a}")).expect("RRID"));
    let url = ("[a-z]{1,10}\\.[a-z]{2,3}", "[!-~]{0,20}")
        .prop_map(|(host, path)| parse_url("url", &format!("https://{host}/{path}")).expect("URL"));
    let file = word().prop_map(|s| s.trim().to_string());
    prop_oneof![
        evidence_of(EvidenceType::Doi, doi),
        evidence_of(EvidenceType::Rrid, rrid),
        evidence_of(EvidenceType::Orcid, orcid()),
        evidence_of(EvidenceType::Ror, ror()),
        evidence_of(EvidenceType::Url, url),
        evidence_of(EvidenceType::File, file),
    ]
}

/// Evidence of `kind`, its value drawn from `values`.
fn evidence_of(
    kind: EvidenceType,
    values: impl Strategy<Value = String>,
) -> impl Strategy<Value = Evidence> {
    values.prop_map(move |value| Evidence::new(kind, value))
}

/// Extra JSON a newer corepath might have written.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (typed(u32::MAX), any::<bool>()).prop_map(|(s, neg)| {
            let x: f64 = s.parse().expect("a number");
            Value::from(if neg { -x } else { x })
        }),
        any_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn extra() -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::btree_map("x_[a-z0-9_]{1,8}", json_value(), 0..3)
        .prop_map(|m| m.into_iter().collect())
}

fn entry() -> impl Strategy<Value = Entry> {
    let f = framework();
    let kinds = ids(&f.kinds, |k| &k.id);
    let metrics = ids(&f.metrics, |m| &m.id);
    let areas = ids(&f.technology_areas, |a| &a.id);
    let categories = ids(&f.cpd.categories, |c| &c.id);
    let credit: Vec<String> = CREDIT_ROLES.iter().map(|s| s.to_string()).collect();
    let n_metrics = metrics.len();
    let n_areas = areas.len();
    (
        (
            select(kinds),
            date(),
            word(),
            text(),
            timestamp(),
            timestamp(),
        ),
        (
            text(),
            text(),
            text(),
            proptest::option::of(select(categories)),
        ),
        (
            proptest::option::of(hours()),
            proptest::option::of(any::<u32>()),
            any::<Index>(),
            any::<bool>(),
            proptest::option::of(word()),
        ),
        (
            subsequence(credit, 0..4),
            subsequence(areas, 0..n_areas.min(3)),
            proptest::collection::vec(word(), 0..3),
            subsequence(metrics, 0..n_metrics.min(4)),
            proptest::collection::vec(word(), 0..3),
        ),
        (
            proptest::collection::vec(evidence(), 0..4),
            any::<bool>(),
            extra(),
        ),
    )
        .prop_map(
            move |(
                (kind, date, title, notes, created, updated),
                (practice, users, next, cpd_category),
                (hours, people, role_index, has_role, free_role),
                (credit, areas, techniques, metrics, tags),
                (evidence, highlight, extra),
            )| {
                let f = framework();
                let roles = f.kind(&kind).expect("kind").roles.terms();
                let role = if !has_role {
                    None
                } else if roles.is_empty() {
                    free_role
                } else {
                    Some(role_index.get(roles).id.clone())
                };
                let scopes = f.scopes.terms();
                let scope = has_role.then(|| role_index.get(scopes).id.clone());
                let usage_hours = hours.filter(|_| kind == "utilisation-report");
                Entry {
                    id: String::new(),
                    date,
                    kind,
                    title,
                    notes,
                    reflection: Reflection {
                        practice,
                        users,
                        next,
                        extra: Default::default(),
                    },
                    cpd_category,
                    hours,
                    usage_hours,
                    people,
                    role,
                    scope,
                    credit,
                    areas,
                    techniques,
                    metrics,
                    tags,
                    evidence,
                    highlight,
                    created,
                    updated,
                    extra,
                }
            },
        )
}

fn profile() -> impl Strategy<Value = Profile> {
    let f = framework();
    let tiers = ids(&f.tiers, |t| &t.id);
    let qualifications = ids(&f.qualifications, |q| &q.id);
    let areas = ids(&f.work_areas, |a| &a.id);
    (
        (
            word(),
            proptest::option::of(orcid()),
            line(),
            line(),
            select(tiers),
        ),
        (
            proptest::option::of(date()),
            proptest::option::of(select(qualifications)),
        ),
        (
            proptest::option::of(
                typed(70_000).prop_map(|s| parse_years("years", &s).expect("years")),
            ),
            proptest::option::of(any::<bool>()),
        ),
        (proptest::option::of(date()), proptest::option::of(date())),
        (
            proptest::option::of(proptest::collection::vec(0u32..=1000, areas.len() - 1)),
            extra(),
        ),
    )
        .prop_map(
            move |(
                (name, orcid, facility, institution, tier),
                (tier_since, qualification),
                (experience_years, management_experience),
                (last_appraisal, next_appraisal),
                (weights, extra),
            )| {
                // Shares typed to one decimal that add up to 100: cut 0..1000 tenths at random.
                let allocation: BTreeMap<String, f64> = match weights {
                    None => BTreeMap::new(),
                    Some(mut cuts) => {
                        cuts.push(0);
                        cuts.push(1000);
                        cuts.sort_unstable();
                        areas
                            .iter()
                            .zip(cuts.windows(2))
                            .map(|(a, w)| {
                                let typed = format!("{:.1}", f64::from(w[1] - w[0]) / 10.0);
                                (a.clone(), parse_percent("share", &typed).expect("a share"))
                            })
                            .collect()
                    }
                };
                Profile {
                    name,
                    orcid,
                    aliases: Vec::new(),
                    facility,
                    rrid: None,
                    institution,
                    tier,
                    tier_since,
                    qualification,
                    experience_years,
                    management_experience,
                    last_appraisal,
                    next_appraisal,
                    allocation,
                    statement: String::new(),
                    techniques: Vec::new(),
                    extra,
                }
            },
        )
}

/// The ids of the framework's expectations that `keep` accepts.
fn expectation_ids(keep: impl Fn(&Expectation) -> bool) -> Vec<String> {
    framework()
        .tiers
        .iter()
        .flat_map(|t| t.expectations.iter())
        .filter(|e| keep(e))
        .map(|e| e.id.clone())
        .collect()
}

fn goal() -> impl Strategy<Value = Goal> {
    let expectations = expectation_ids(|_| true);
    (
        word(),
        proptest::option::of(select(expectations)),
        proptest::option::of(date()),
        any::<bool>(),
        timestamp(),
        extra(),
    )
        .prop_map(|(title, expectation, due, done, created, extra)| Goal {
            id: String::new(),
            title,
            expectation,
            due,
            done,
            created,
            extra,
        })
}

fn self_assessment() -> impl Strategy<Value = SelfAssessment> {
    let expectations = expectation_ids(|e| e.rule == Rule::SelfAssessed);
    (select(expectations), word(), date(), extra()).prop_map(
        |(expectation, justification, date, extra)| SelfAssessment {
            expectation,
            justification,
            date,
            extra,
        },
    )
}

fn journal() -> impl Strategy<Value = Journal> {
    (
        profile(),
        proptest::collection::vec(entry(), 0..12),
        proptest::collection::vec(goal(), 0..4),
        proptest::collection::vec(self_assessment(), 0..3),
        extra(),
        "[a-z0-9]{0,6}",
    )
        .prop_map(
            |(profile, mut entries, mut goals, self_assessments, extra, salt)| {
                for (i, e) in entries.iter_mut().enumerate() {
                    e.id = format!("e{i}{salt}");
                }
                for (i, g) in goals.iter_mut().enumerate() {
                    g.id = format!("g{i}{salt}");
                }
                let mut j = Journal::new(profile);
                j.entries = entries;
                j.goals = goals;
                j.self_assessments = self_assessments;
                j.extra = extra;
                j
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn an_accepted_journal_round_trips_through_save_and_load(j in journal()) {
        let problems = check_journal(framework(), &j);
        prop_assert!(problems.is_empty(), "the generated journal is not valid: {:?}", problems);
        let dir = tempfile::TempDir::new().expect("dir");
        let store = Store::new(dir.path().join("journal.json"));
        store.create(&j).expect("create");
        let loaded = store.load().expect("load");
        prop_assert_eq!(&loaded.journal, &j);
        prop_assert!(loaded.read_only.is_none());

        // A change through a transaction keeps everything else as it was.
        let (_, saved) = store
            .transact::<_, corepath::store::StoreError>(None, |journal| {
                journal.goals.retain(|g| !g.done);
                Ok(())
            })
            .expect("transact");
        let mut expected = j.clone();
        expected.goals.retain(|g| !g.done);
        prop_assert_eq!(&saved.journal, &expected);
        prop_assert_eq!(&store.load().expect("load").journal, &expected);
    }

    #[test]
    fn the_assessment_runs_on_any_accepted_journal(j in journal(), days in 0i64..20_000) {
        let f = framework();
        let ctx = Context::new(f, &j);
        let today = today();
        let period = Period::new(today - chrono::Duration::days(days), today).expect("period");
        let t = tally(&ctx, period);
        prop_assert!(t.hours >= 0.0 && t.hours.is_finite());
        let c = cpd(&ctx, period);
        prop_assert_eq!(c.standards.len(), 4);
        let time = time_allocation(&ctx, period);
        prop_assert!(time.areas.iter().all(|a| a.share.is_finite()));
        let _ = tally(&ctx, Period::all_until(today));
        for tier in &f.tiers {
            let p = progress(&ctx, tier, today);
            prop_assert_eq!(p.total, tier.expectations.len());
            prop_assert!(p.met + p.partial <= p.total);
        }
    }
}

/// Strings that reach deep into the identifier and number checks.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9Xx\\-/.:_ ]{0,24}",
        "(https?://|doi:|RRID:|rrid:|orcid\\.org/|ror\\.org/)?[0-9a-zA-Zé漢\\-/._:]{0,20}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[-+]?[0-9]{0,6}(\\.[0-9]{0,6})?([eE][-+]?[0-9]{1,3})?%?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn validators_never_panic(s in nasty()) {
        let _ = parse_date("date", &s);
        let _ = parse_hours("hours", &s);
        let _ = parse_people("people", &s);
        let _ = parse_years("years", &s);
        let _ = parse_percent("share", &s);
        let _ = parse_doi("doi", &s);
        let _ = parse_orcid("orcid", &s);
        let _ = parse_ror("ror", &s);
        let _ = parse_rrid("rrid", &s);
        let _ = parse_url("url", &s);
        for t in EvidenceType::ALL {
            let _ = t.parse(t.id(), &s);
        }
    }

    #[test]
    fn accepted_values_are_normal_forms(s in nasty()) {
        // What a parser accepts it accepts again unchanged: validate_entry relies on it.
        for t in EvidenceType::ALL {
            if let Ok(v) = t.parse(t.id(), &s) {
                prop_assert_eq!(t.parse(t.id(), &v), Ok(v.clone()), "{:?} of {:?}", t, s);
            }
        }
        if let Ok(h) = parse_hours("hours", &s) {
            prop_assert!(h.is_finite() && (0.0..=10_000.0).contains(&h));
        }
        if let Ok(d) = parse_date("date", &s) {
            prop_assert_eq!(d.to_string(), s.trim());
        }
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let path = std::path::Path::new("journal.json");
        let _ = parse(path, &bytes);
        let _ = serde_json::from_slice::<Journal>(&bytes);
    }

    #[test]
    fn framework_from_arbitrary_text_never_panics(s in any::<String>()) {
        let _ = Framework::from_json(&s);
    }
}

/// A small valid journal as bytes, to mutate.
fn sample_journal_bytes() -> Vec<u8> {
    let j = json!({
        "format": "corepath-journal", "version": 1,
        "profile": { "name": "Ada", "tier": "support-scientist", "orcid": "0000-0002-1825-0097",
                     "experience_years": 6, "allocation": { "service": 100 } },
        "entries": [ { "id": "a1", "date": "2026-03-02", "kind": "user-training", "title": "T",
                       "reflection": { "practice": "p" }, "hours": 3.0, "people": 2,
                       "metrics": ["fac.training"], "evidence": [ { "type": "doi", "value": "10.1/x" } ],
                       "highlight": false, "created": "2026-03-02T10:11:12Z", "updated": "2026-03-02T10:11:12Z",
                       "x_future": [1, { "a": null }] } ],
        "goals": [ { "id": "g1", "title": "G", "due": "2027-01-01", "done": false,
                     "created": "2026-03-02T10:11:12Z" } ],
        "self_assessments": [ { "expectation": "senior-scientist/leadership-skills",
                                "justification": "j", "date": "2026-01-01" } ]
    });
    serde_json::to_vec_pretty(&j).expect("json")
}

/// Every path into a JSON value, as JSON pointers.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(null)),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1e308)),
        Just(json!(4_294_967_296u64)),
        Just(json!("")),
        Just(json!("lecture")),
        Just(json!("2026-02-30")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
        Just(json!(["acad.nope", ""])),
        Just(json!({ "self_assessed": true })),
        Just(json!({ "profile": "experience" })),
        Just(
            json!({ "kinds": [], "metrics": [], "measure": "hours", "min": 1e-300, "within_years": 4_294_967_295u32 })
        ),
    ]
}

fn mutate(base: &Value, at: Index, with: Value, delete: bool) -> Value {
    let mut v = base.clone();
    let mut all = Vec::new();
    pointers(&v, String::new(), &mut all);
    let target = at.get(&all).clone();
    if target.is_empty() {
        return with;
    }
    let (parent, key) = target.rsplit_once('/').expect("a pointer");
    let key = key.replace("~1", "/").replace("~0", "~");
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) if delete => {
            m.remove(&key);
        }
        Some(Value::Array(a)) if delete => {
            if let Ok(i) = key.parse::<usize>() {
                a.remove(i);
            }
        }
        _ => {
            if let Some(slot) = v.pointer_mut(&target) {
                *slot = with;
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn damaged_journal_bytes_never_panic(
        at in any::<Index>(),
        len in 0usize..8,
        junk in proptest::collection::vec(any::<u8>(), 0..8),
    ) {
        let mut bytes = sample_journal_bytes();
        let i = at.index(bytes.len());
        let end = (i + len).min(bytes.len());
        let _removed: Vec<u8> = bytes.splice(i..end, junk).collect();
        let path = std::path::Path::new("journal.json");
        if let Ok(j) = parse(path, &bytes) {
            let _ = check_journal(framework(), &j);
            let ctx = Context::new(framework(), &j);
            let _ = tally(&ctx, Period::all_until(today()));
        }
    }

    #[test]
    fn journals_with_odd_values_never_panic(at in any::<Index>(), with in replacement(), delete in any::<bool>()) {
        let base: Value = serde_json::from_slice(&sample_journal_bytes()).expect("json");
        let v = mutate(&base, at, with, delete);
        let bytes = serde_json::to_vec(&v).expect("json");
        if let Ok(j) = parse(std::path::Path::new("journal.json"), &bytes) {
            let _ = check_journal(framework(), &j);
            assess_everything(framework(), &j, 12);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edited_frameworks_are_refused_or_work(at in any::<Index>(), with in replacement(), delete in any::<bool>()) {
        static BASE: OnceLock<Value> = OnceLock::new();
        let base = BASE.get_or_init(|| serde_json::from_str(BUNDLED_JSON).expect("json"));
        let v = mutate(base, at, with, delete);
        let text = v.to_string();
        if let Ok(f) = Framework::from_json(&text) {
            // What is accepted can be printed, read back, and assessed against.
            let again = Framework::from_json(&f.to_json());
            prop_assert!(again.is_ok(), "printed framework refused: {:?}", again.err());
            let j = empty_journal(&f.tiers[0].id);
            assess_everything(&f, &j, f.cpd.period_months.min(1200));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// An institution may choose any window and threshold its file can express.
    #[test]
    fn any_rule_window_and_threshold_can_be_assessed(
        within_years in 1u32..=u32::MAX,
        min in prop_oneof![Just(f64::MIN_POSITIVE), 1e-9f64..1e9, Just(f64::MAX)],
        measure in select(vec!["entries", "hours", "people", "distinct-techniques"]),
        which in any::<Index>(),
    ) {
        let mut v: Value = serde_json::from_str(BUNDLED_JSON).expect("json");
        let mut rules: Vec<String> = Vec::new();
        for (t, tier) in v["tiers"].as_array().expect("tiers").iter().enumerate() {
            for (e, exp) in tier["expectations"].as_array().expect("expectations").iter().enumerate() {
                if exp["rule"].get("measure").is_some() {
                    rules.push(format!("/tiers/{t}/expectations/{e}/rule"));
                }
            }
        }
        let pointer = which.get(&rules).clone();
        let rule = v.pointer_mut(&pointer).expect("rule");
        rule["within_years"] = json!(within_years);
        rule["min"] = json!(min);
        rule["measure"] = json!(measure);
        let f = Framework::from_json(&v.to_string()).expect("still a valid framework");
        let mut j = empty_journal("support-scientist");
        let mut e = new_year_entry("user-training", "T");
        e.hours = Some(1.0);
        e.people = Some(1);
        e.techniques = vec!["confocal".into()];
        j.entries.push(e);
        let ctx = Context::new(&f, &j);
        for tier in &f.tiers {
            let p = progress(&ctx, tier, today());
            prop_assert_eq!(p.total, tier.expectations.len());
        }
    }
}

/// A reflection of nothing but spaces is what the user typed, and is kept as such.
#[test]
fn a_blank_reflection_round_trips() {
    let mut j = empty_journal("support-scientist");
    let mut e = new_year_entry("cpd-course", "Course");
    e.reflection.users = " ".into();
    j.entries.push(e);
    assert_eq!(saved_and_loaded(&j), j);
}

/// Floats a program computes rather than a person types (hours from a timer, a share from a
/// ratio) must survive a save and load too.
#[test]
fn arbitrary_floats_round_trip() {
    let mut j = empty_journal("support-scientist");
    let mut e = new_year_entry("user-training", "T");
    e.metrics = vec!["fac.training".into()];
    for (i, h) in [
        1823.3521453552403,
        924.2132512813595,
        9259.338926496359,
        5.0 / 6.0,
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = e.clone();
        e.id = format!("e{i}");
        e.hours = Some(h);
        j.entries.push(e);
    }
    j.profile.experience_years = Some(6.123456789012345);
    assert!(check_journal(framework(), &j).is_empty());
    assert_eq!(saved_and_loaded(&j), j);
}
