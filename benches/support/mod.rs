//! Realistic generated journals for the benches: `mod support;` from any bench target.
//!
//! Deterministic (a fixed-seed xorshift generator, no clock, no new dependencies): the same `n`
//! always gives the same journal, so medians compare across runs and machines. Every entry passes
//! `corepath::model::validate_entry`; `journal` checks a sample of them.

#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use corepath::framework::{EntryKind, Framework, QuestionField};
use corepath::model::{
    CREDIT_ROLES, Entry, Evidence, EvidenceType, Goal, Journal, Profile, RECOGNITION_ROLES,
    Reflection, SelfAssessment,
};
use serde_json::Map;

/// The day the generated journals end on, and the "today" of the assessments.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a valid date")
}

/// How far back the generated journals reach (about five years).
pub const SPAN_DAYS: i64 = 5 * 365;

/// The seed of [`journal`].
pub const SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// A small deterministic PRNG (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed non-zero value).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { SEED } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Up to `max` distinct elements (at least `min`), in the slice's order.
    pub fn some<T: Clone>(&mut self, items: &[T], min: usize, max: usize) -> Vec<T> {
        let count = (min + self.below(max - min + 1)).min(items.len());
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count {
            let i = self.below(items.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The `i`-th generated id: 8 characters of corepath's id alphabet, unique for every `i` below
/// 2^35, starting with a letter, scattered so that ids do not sort like their positions.
pub fn id(i: usize) -> String {
    // An odd multiplier is a bijection modulo 2^35.
    let mut bits = (i as u64).wrapping_mul(0x5_bd1e_995f) & ((1 << 35) - 1);
    let mut s = String::with_capacity(8);
    s.push(ALPHABET[10 + (bits as usize % 22)] as char);
    for _ in 0..7 {
        s.push(ALPHABET[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    s
}

const TAGS: &[&str] = &[
    "confocal",
    "light-sheet",
    "qc",
    "psf",
    "1:1",
    "course",
    "organoids",
    "zebrafish",
    "fixed-cells",
    "live-imaging",
    "segmentation",
    "napari",
    "fiji",
    "omero",
    "budget",
    "service-contract",
    "onboarding",
    "neuro",
    "plant",
    "bacteria",
    "new-user",
    "external",
    "industry",
    "schools",
];

const SUBJECTS: &[&str] = &[
    "Nakamura lab",
    "Okafor group",
    "Müller lab",
    "Svensson group",
    "the plant biology unit",
    "the neuro-imaging consortium",
    "Da Silva lab",
    "Chen lab",
    "the organoid platform",
    "Ibrahim group",
    "Kowalczyk lab",
    "the structural biology hub",
];

const NOTES: &[&str] = &[
    "Covered sample preparation, choice of objective and how to avoid saturation with the range indicator.",
    "Intestinal organoids in Matrigel domes; tiling and z-stacks over 18 h with 5 % CO₂.",
    "100 nm TetraSpeck beads, 63x/1.40 oil. Lateral FWHM 0.22 µm, axial 0.61 µm at 488 nm.",
    "Agreed an acquisition plan and a pipeline in Fiji; follow-up booked for the analysis.",
    "Laser power at the sample measured with the slide power meter; all lines within 10 % of last month.",
    "Drafted with the facility manager and circulated to the user committee for comment.",
    "Hands-on session with our own instruments, then a short test on the booking system rules.",
    "Discussed the cost-recovery model and the share of internal versus external users.",
    "Feedback was positive; two users asked for an advanced session on deconvolution.",
    "Compared three vendors' offers; wrote the technical justification for the tender.",
    "Presented the facility's light-sheet pipeline and the open-source tools we maintain.",
    "Reviewed the data-management plan and the OMERO import; fixed the metadata template.",
];

const PRACTICE: &[&str] = &[
    "I now plan training around the users' own samples, which halves the follow-up questions.",
    "Learned a faster way to check alignment; added it to the monthly QC SOP.",
    "Writing the protocol made me notice gaps in our own documentation.",
    "Gave me the vocabulary to discuss image analysis with the computational groups.",
];

const USERS: &[&str] = &[
    "Users can now book the instrument unsupervised after one session.",
    "Fewer failed acquisitions reported in the following month.",
    "The groups get analysed data weeks earlier than before.",
    "New users find the quick-start guide on the facility wiki.",
];

const NEXT: &[&str] = &[
    "Run it as a two-day course next term.",
    "Write an SOP for the new workflow.",
    "Ask the users for feedback after three months.",
    "Present the results at the next facility meeting.",
];

const FREE_ROLES: &[&str] = &[
    "organiser",
    "member",
    "chair",
    "co-investigator",
    "reviewer",
    "speaker",
    "mentor",
    "co-applicant",
];

const RRIDS: &[&str] = &["RRID:SCR_020921", "RRID:SCR_017105", "RRID:SCR_002285"];
const RORS: &[&str] = &["05dxps055", "02mhbdp94"];

fn weight(kind: &EntryKind) -> usize {
    match kind.area.as_str() {
        "service" => 6,
        "operations" => 3,
        "own-development" => 2,
        _ => 1,
    }
}

fn asks(kind: &EntryKind, field: QuestionField) -> bool {
    kind.questions.iter().any(|q| q.field == field)
}

/// The profile of every generated journal: a Support Scientist, like the demo.
pub fn profile() -> Profile {
    let mut p = Profile::new("Zoë Okonkwo-Lindqvist", "support-scientist");
    p.orcid = Some("0000-0002-1825-0097".to_string());
    p.facility = "Advanced Light Microscopy Facility".to_string();
    p.institution = "Universität Nordhafen".to_string();
    p.tier_since = NaiveDate::from_ymd_opt(2024, 9, 1);
    p.qualification = Some("postgraduate".to_string());
    p.experience_years = Some(6.0);
    p.management_experience = Some(false);
    p.last_appraisal = NaiveDate::from_ymd_opt(2026, 3, 10);
    p.next_appraisal = NaiveDate::from_ymd_opt(2027, 3, 15);
    p.allocation = BTreeMap::from([
        ("service".to_string(), 50.0),
        ("operations".to_string(), 25.0),
        ("development".to_string(), 10.0),
        ("own-development".to_string(), 10.0),
        ("community".to_string(), 5.0),
    ]);
    p
}

/// A journal of `n` entries, always the same for the same `n`.
pub fn journal(framework: &Framework, n: usize) -> Journal {
    journal_with_seed(framework, n, SEED)
}

/// A journal of `n` entries from a given seed.
pub fn journal_with_seed(framework: &Framework, n: usize, seed: u64) -> Journal {
    let mut rng = Rng::new(seed);
    let mut journal = Journal::new(profile());
    let end = today();
    let start = end - Duration::days(SPAN_DAYS);
    // Cumulative weights, so that service kinds are common and every kind appears.
    let mut cumulative = Vec::with_capacity(framework.kinds.len());
    let mut total = 0;
    for k in &framework.kinds {
        total += weight(k);
        cumulative.push(total);
    }
    journal.entries.reserve_exact(n);
    for i in 0..n {
        // Logged roughly in date order, with some back-filling of a few days.
        let offset = (i as i64 * SPAN_DAYS) / n.max(1) as i64 + 1 - rng.below(4) as i64;
        let date = start + Duration::days(offset.clamp(1, SPAN_DAYS));
        // The first entries cycle through every kind once, so small journals have them all.
        let kind = if i < framework.kinds.len() && n >= 4 * framework.kinds.len() {
            &framework.kinds[i]
        } else {
            let r = rng.below(total);
            &framework.kinds[cumulative.partition_point(|&c| c <= r)]
        };
        journal
            .entries
            .push(entry(framework, kind, &mut rng, id(i), date, i));
    }
    add_goals(framework, &mut journal, n, &mut rng);
    journal
}

fn entry(
    framework: &Framework,
    kind: &EntryKind,
    rng: &mut Rng,
    id: String,
    date: NaiveDate,
    i: usize,
) -> Entry {
    let technique = rng.pick(framework.techniques.terms()).id.clone();
    let title = format!(
        "{} — {} ({}) #{}",
        kind.label,
        technique,
        rng.pick(SUBJECTS),
        i + 1
    );
    let logged: DateTime<Utc> = date
        .and_hms_opt(
            8 + rng.below(10) as u32,
            rng.below(60) as u32,
            rng.below(60) as u32,
        )
        .expect("a valid time")
        .and_utc()
        + Duration::days(rng.below(3) as i64);
    let mut e = Entry::new(id, date, &kind.id, &title, logged);
    if rng.chance(0.7) {
        e.notes = (*rng.pick(NOTES)).to_string();
        if rng.chance(0.3) {
            e.notes.push(' ');
            e.notes.push_str(rng.pick::<&str>(NOTES));
        }
    }
    let cpd = kind.cpd_category.is_some();
    if rng.chance(if cpd { 0.6 } else { 0.1 }) {
        e.reflection = Reflection {
            practice: (*rng.pick(PRACTICE)).to_string(),
            users: if rng.chance(0.8) {
                (*rng.pick(USERS)).to_string()
            } else {
                String::new()
            },
            next: if rng.chance(0.5) {
                (*rng.pick(NEXT)).to_string()
            } else {
                String::new()
            },
            extra: Default::default(),
        };
    }
    if cpd && rng.chance(0.05) {
        e.cpd_category = Some(rng.pick(&framework.cpd.categories).id.clone());
    }
    if asks(kind, QuestionField::Hours) && rng.chance(0.8) {
        e.hours = Some((1 + rng.below(16)) as f64 * 0.5);
    } else if rng.chance(0.05) {
        e.hours = Some((1 + rng.below(4)) as f64);
    }
    if asks(kind, QuestionField::People) && rng.chance(0.7) {
        let most = if rng.chance(0.8) { 6 } else { 40 };
        e.people = Some(1 + rng.below(most) as u32);
    }
    if kind.id == "publication" {
        // Recognition as the paper describes it: many contributions are only acknowledged.
        let role = match rng.below(20) {
            0..=7 => RECOGNITION_ROLES[0],
            8..=13 => RECOGNITION_ROLES[1],
            14..=16 => RECOGNITION_ROLES[2],
            _ => RECOGNITION_ROLES[3],
        };
        e.role = Some(role.to_string());
        if role == RECOGNITION_ROLES[0] {
            e.credit = rng
                .some(&CREDIT_ROLES, 1, 3)
                .into_iter()
                .map(str::to_string)
                .collect();
        }
        e.evidence.push(Evidence::new(
            EvidenceType::Doi,
            format!(
                "10.{}/{}.{}.{:05}",
                1000 + rng.below(9000),
                rng.pick(&["s41592", "jcs", "elife", "biorxiv", "ncomms"]),
                date.format("%Y"),
                i % 100_000
            ),
        ));
    } else if asks(kind, QuestionField::Role) && rng.chance(0.5) {
        e.role = Some(if kind.roles.is_empty() {
            (*rng.pick(FREE_ROLES)).to_string()
        } else {
            rng.pick(kind.roles.terms()).id.clone()
        });
    }
    if asks(kind, QuestionField::Areas) && rng.chance(0.6) {
        e.areas = rng
            .some(&framework.technology_areas, 1, 2)
            .into_iter()
            .map(|a| a.id)
            .collect();
    }
    if asks(kind, QuestionField::Techniques) && rng.chance(0.8) {
        e.techniques.push(technique);
        for t in rng.some(framework.techniques.terms(), 0, 2) {
            if !e.techniques.contains(&t.id) {
                e.techniques.push(t.id);
            }
        }
    }
    e.metrics = kind.metrics.clone();
    e.tags = rng
        .some(TAGS, 0, 3)
        .into_iter()
        .map(str::to_string)
        .collect();
    if asks(kind, QuestionField::Rrid) && rng.chance(0.4) {
        e.evidence.push(Evidence::new(
            EvidenceType::Rrid,
            (*rng.pick(RRIDS)).to_string(),
        ));
    }
    if asks(kind, QuestionField::Ror) && rng.chance(0.4) {
        e.evidence.push(Evidence::new(
            EvidenceType::Ror,
            (*rng.pick(RORS)).to_string(),
        ));
    }
    if asks(kind, QuestionField::Url) && rng.chance(0.3) {
        e.evidence.push(Evidence::new(
            EvidenceType::Url,
            format!("https://imaging.example.org/facility/{}/{}", kind.id, i),
        ));
    }
    e.highlight = rng.chance(0.03);
    if rng.chance(0.1) {
        e.updated = e.created + Duration::days(1 + rng.below(60) as i64);
    }
    e
}

fn add_goals(framework: &Framework, journal: &mut Journal, n: usize, rng: &mut Rng) {
    let Some(next) = framework.next_tier(&journal.profile.tier) else {
        return;
    };
    let created = (today() - Duration::days(200))
        .and_hms_opt(10, 5, 0)
        .expect("a valid time")
        .and_utc();
    let count = (n / 200).clamp(3, 50).min(next.expectations.len() * 3);
    for g in 0..count {
        let exp = &next.expectations[g % next.expectations.len()];
        journal.goals.push(Goal {
            id: id(n + g),
            title: format!("Work towards: {}", exp.text),
            expectation: Some(exp.id.clone()),
            due: Some(today() + Duration::days(30 + rng.below(300) as i64)),
            done: rng.chance(0.3),
            created,
            extra: Map::new(),
        });
    }
    if let Some(exp) = next
        .expectations
        .iter()
        .find(|e| matches!(e.rule, corepath::framework::Rule::SelfAssessed))
    {
        journal.self_assessments.push(SelfAssessment {
            expectation: exp.id.clone(),
            justification: "Discussed and agreed with the facility manager at the last appraisal."
                .to_string(),
            date: NaiveDate::from_ymd_opt(2026, 3, 10).expect("a valid date"),
            extra: Map::new(),
        });
    }
}

/// The journal's bytes as corepath writes them (pretty-printed, a final newline).
pub fn to_bytes(journal: &Journal) -> Vec<u8> {
    corepath::store::to_bytes(journal)
}

/// Panic unless every entry of the journal validates and every kind of the framework is used.
pub fn assert_sound(framework: &Framework, journal: &Journal) {
    let problems = corepath::model::check_journal(framework, journal);
    assert!(
        problems.is_empty(),
        "generated journal is invalid: {problems:?}"
    );
    for k in &framework.kinds {
        assert!(
            journal.entries.iter().any(|e| e.kind == k.id),
            "generated journal has no {} entry",
            k.id
        );
    }
}
