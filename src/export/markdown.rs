//! The evidence summary as Markdown: reads as plain text, renders on GitHub and GitLab.

use std::fmt::Write;

use super::contributions::ContributionGroup;
use super::phrases::{anchor, cut_note, figure_words, measured_words, time_note};
use super::summary::{EvidenceLine, Figure, Highlight, MetricLine, Summary, metric_groups};
use super::text::{md, md_url, month_label};
use crate::assess::{Recognition, Status};
use crate::text::{amount, count, hours, number, plural, whole};

/// A link in Markdown, or the escaped text when there is no address.
pub(crate) fn link(text: &str, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("[{}]({})", md(text), md_url(url)),
        None => md(text),
    }
}

fn evidence(e: &EvidenceLine) -> String {
    link(&e.text(), e.link.as_deref())
}

/// One item of a list of figures: `- Training given (F.c): 3 sessions, 5 hours, 12 people`.
pub(crate) fn figure_item(out: &mut String, what: &str, f: &Figure, one: &str, many: &str) {
    let _ = writeln!(out, "- {what}: {}", figure_words(f, one, many));
}

/// One item for publication recognition: `- Publications: 2 co-authored, …, 0 not recognised`,
/// with the contributions that have no recorded role when there are any.
pub(crate) fn recognition_item(out: &mut String, what: &str, r: &Recognition) {
    let _ = write!(out, "- {what}: {}", r.words());
    if r.unspecified > 0 {
        let _ = write!(out, ", {} without a recorded role", r.unspecified);
    }
    out.push('\n');
}

/// The headline figures in plain words, each pointing to the list of entries behind it, with
/// the recommendation's code in small print; a figure with nothing to show is left out.
fn headline_items(out: &mut String, s: &Summary) {
    let h = &s.headline;
    let to = |group: &str| {
        s.contributions
            .iter()
            .find(|g| g.id == group)
            .map(|g| format!(", [itemised below](#{})", anchor(&g.title)))
            .unwrap_or_default()
    };
    let figures = [
        (
            "Training given",
            "F.c",
            &h.training,
            "session",
            "sessions",
            "others",
        ),
        (
            "Teaching, courses and supervision",
            "A.d",
            &h.teaching,
            "entry",
            "entries",
            "others",
        ),
        (
            "Grant applications",
            "A.c",
            &h.grants,
            "contribution",
            "contributions",
            "knowledge",
        ),
        (
            "Quality management, QC and SOPs",
            "F.a.v",
            &h.quality,
            "entry",
            "entries",
            "facility",
        ),
        (
            "Outreach",
            "F.f",
            &h.outreach,
            "activity",
            "activities",
            "society",
        ),
    ];
    if h.publications.total() > 0 {
        let _ = write!(out, "- Publications: {}", h.publications.words());
        if h.publications.unspecified > 0 {
            let _ = write!(
                out,
                ", {} without a recorded role",
                h.publications.unspecified
            );
        }
        let _ = writeln!(out, " <sub>A.a{}</sub>", to("knowledge"));
    }
    for (what, code, f, one, many, group) in figures {
        if !f.is_zero() {
            let _ = writeln!(
                out,
                "- {what}: {} <sub>{code}{}</sub>",
                figure_words(f, one, many),
                to(group)
            );
        }
    }
}

/// Every entry of the period, in its group, newest first; `heading` is the groups' heading
/// level (`##` in a summary, deeper in a roll-up).
pub(crate) fn contributions(out: &mut String, groups: &[ContributionGroup], heading: &str) {
    for g in groups {
        let _ = writeln!(out, "{heading} {}\n", md(&g.title));
        let _ = writeln!(out, "_{}_\n", md(&g.about));
        for item in &g.items {
            let _ = write!(
                out,
                "- {} · {} · **{}**",
                item.date,
                md(&item.kind_label),
                md(&item.title)
            );
            if item.highlight {
                out.push_str(" ★");
            }
            if !item.details.is_empty() {
                let _ = write!(out, " — {}", md(&item.details.join(" · ")));
            }
            if !item.evidence.is_empty() {
                let links: Vec<String> = item.evidence.iter().map(evidence).collect();
                let _ = write!(out, " · {}", links.join(", "));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// The metric table, one `### Academic` / `### Core facility` table per group that has metrics.
pub(crate) fn metric_tables(out: &mut String, metrics: &[MetricLine]) {
    for (label, rows) in metric_groups(metrics) {
        let _ = writeln!(out, "### {label}\n");
        out.push_str("| Code | Metric | Entries | Hours | People |\n");
        out.push_str("|------|--------|--------:|------:|-------:|\n");
        for r in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&r.code),
                md(&r.label),
                count(r.figure.entries as u64),
                hours(r.figure.hours),
                count(r.figure.people)
            );
        }
        out.push('\n');
    }
}

fn highlight(out: &mut String, h: &Highlight) {
    let _ = writeln!(out, "### {}\n", md(&h.title));
    let mut facts = vec![h.date.to_string(), md(&h.kind_label)];
    if let Some(x) = h.hours {
        facts.push(format!("{} h", number(x)));
    }
    if let Some(p) = h.people {
        facts.push(plural(u64::from(p), "person", "people"));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(role) = &h.role {
        let credit = if h.credit.is_empty() {
            String::new()
        } else {
            format!(" (CRediT: {})", md(&h.credit.join(", ")))
        };
        let _ = writeln!(out, "- Role: {}{credit}", md(role));
    }
    if !h.techniques.is_empty() {
        let _ = writeln!(out, "- Techniques: {}", md(&h.techniques.join(", ")));
    }
    if !h.metrics.is_empty() {
        let _ = writeln!(out, "- Metrics: {}", md(&h.metrics.join("; ")));
    }
    if !h.evidence.is_empty() {
        let links: Vec<String> = h.evidence.iter().map(evidence).collect();
        let _ = writeln!(out, "- Evidence: {}", links.join(", "));
    }
    if !h.notes.trim().is_empty() {
        let _ = writeln!(out, "- Notes: {}", md(&h.notes));
    }
    let r = &h.reflection;
    for (label, text) in [
        ("Benefit to practice", &r.practice),
        ("Benefit to users", &r.users),
        ("Next", &r.next),
    ] {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "- {label}: {}", md(text));
        }
    }
    out.push('\n');
}

fn status_word(s: Status) -> String {
    format!("{} {}", s.glyph(), s.word())
}

/// A bar of block characters, `width` cells for `max`.
fn bar(n: usize, max: usize, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let cells = (n * width).div_ceil(max).max(1);
    "█".repeat(cells)
}

/// Render the summary as Markdown.
pub fn render(s: &Summary) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let p = &s.person;
    let _ = writeln!(out, "# Evidence summary: {}\n", md(&p.name));

    let mut who = vec![format!("**{}**", md(&p.tier_title))];
    if let Some(since) = p.tier_since {
        who[0].push_str(&format!(" since {since}"));
    }
    let place: Vec<String> = [&p.facility, &p.institution]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .map(|x| md(x))
        .collect();
    if !place.is_empty() {
        who.push(place.join(", "));
    }
    let _ = writeln!(out, "{}  ", who.join(" · "));
    if let Some(orcid) = &p.orcid {
        let _ = writeln!(out, "ORCID: {}  ", link(orcid, p.orcid_url.as_deref()));
    }
    let _ = write!(
        out,
        "Period: **{} to {}** · drawn up {}",
        s.period.from, s.period.to, s.generated
    );
    if let Some(next) = p.next_appraisal {
        let _ = write!(out, " · next appraisal {next}");
    }
    if let Some(asked) = s.requested_to {
        let _ = write!(out, "  \n{}", cut_note(asked, s.period.to));
    }
    out.push_str("\n\n");

    // Headline figures.
    let h = &s.headline;
    if !p.statement.is_empty() {
        out.push_str("## In my own words\n\n");
        for line in p.statement.lines() {
            let _ = writeln!(out, "> {}", md(line));
        }
        out.push('\n');
    }
    out.push_str("## Headline figures\n\n");
    let _ = writeln!(
        out,
        "- **{}**, **{}** hours logged, **{}** reached, {}",
        plural(h.entries as u64, "entry", "entries"),
        number(h.hours),
        plural(h.people, "person", "people"),
        plural(h.highlights as u64, "highlight", "highlights")
    );
    headline_items(&mut out, s);
    out.push('\n');

    // Metric table.
    out.push_str("## The 2-tier evaluation metrics\n\n");
    out.push_str(
        "Entries logged in the period against each metric of the recommendation's 2-tiered \
         evaluation system; an entry can count toward more than one metric.\n\n",
    );
    metric_tables(&mut out, &s.metrics);
    if !s.by_month.is_empty() {
        out.push_str("### Activity by month\n\n```text\n");
        let max = s.by_month.iter().map(|m| m.entries).max().unwrap_or(0);
        for m in &s.by_month {
            let _ = writeln!(
                out,
                "{:<8}  {:>3}  {}",
                month_label(&m.month),
                m.entries,
                bar(m.entries, max, 40)
            );
        }
        out.push_str("```\n\n");
    }

    // Highlights.
    out.push_str("## Highlights\n\n");
    if s.highlights.is_empty() {
        out.push_str("No entries of the period are marked as highlights.\n\n");
    }
    for item in &s.highlights {
        highlight(&mut out, item);
    }
    contributions(&mut out, &s.contributions, "##");

    // Progression.
    let g = &s.progression;
    let _ = writeln!(
        out,
        "## Progression toward {} ({})\n",
        md(&g.title),
        g.stage
    );
    let _ = write!(
        out,
        "As of {}: **{} of {}** expectations met from evidence, {} self-assessed, {} partly evidenced, {} not yet evidenced.",
        g.as_of, g.met, g.total, g.self_assessed, g.partial, g.missing
    );
    let mut profile = Vec::new();
    if let Some(q) = &p.qualification {
        profile.push(format!("qualification: {}", md(q)));
    }
    if let Some(y) = p.experience_years {
        profile.push(format!("{} years of relevant experience", number(y)));
    }
    if let Some(m) = p.management_experience {
        profile.push(
            if m {
                "management experience"
            } else {
                "no management experience yet"
            }
            .to_string(),
        );
    }
    if !profile.is_empty() {
        let _ = write!(out, " Profile: {}.", profile.join("; "));
    }
    out.push_str("\n\n");
    if let Some(then) = &g.since_last_appraisal {
        let _ = writeln!(
            out,
            "At the last appraisal ({}): {} of {} met — {}: {} of {} met.\n",
            then.as_of, then.met, g.total, g.as_of, g.met, g.total
        );
        for c in &then.changes {
            let entries: Vec<String> = c
                .entries
                .iter()
                .map(|x| format!("{} {}", x.date, md(&x.title)))
                .collect();
            let _ = writeln!(
                out,
                "- {} → {}: {}{}",
                status_word(c.before),
                status_word(c.after),
                md(&c.text),
                if entries.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", entries.join("; "))
                }
            );
        }
        if !then.changes.is_empty() {
            out.push('\n');
        }
    }
    for e in &g.expectations {
        let _ = writeln!(out, "- **{}** — {}", status_word(e.status), md(&e.text));
        let _ = writeln!(out, "  - Rule: {}", md(&e.rule));
        if let Some(measured) = measured_words(e) {
            let _ = writeln!(out, "  - Measured: {}", md(&measured));
        }
        for part in &e.parts {
            let _ = writeln!(
                out,
                "  - {} {} of {} needed: {}",
                if part.met { "✔" } else { "·" },
                amount(part.measured, &part.unit),
                number(part.needed),
                md(&part.rule)
            );
        }
        if e.evidence_count > 0 {
            let listed: Vec<String> = e
                .evidence
                .iter()
                .map(|x| {
                    format!(
                        "{} {}{}",
                        x.date,
                        md(&x.title),
                        if x.outside_period {
                            " (before the period)"
                        } else {
                            ""
                        }
                    )
                })
                .collect();
            let more = e.evidence_count.saturating_sub(e.evidence.len());
            let _ = writeln!(
                out,
                "  - Evidence ({}): {}{}",
                e.evidence_count,
                listed.join("; "),
                if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                }
            );
        }
        if let Some(j) = &e.justification {
            let _ = writeln!(out, "  - Self-assessed: {}", md(j));
        }
        if !e.missing.is_empty() {
            let _ = writeln!(out, "  - Missing: {}", md(&e.missing));
        }
    }
    out.push('\n');

    // CPD.
    let c = &s.cpd;
    out.push_str("## CPD record standards\n\n");
    let _ = writeln!(
        out,
        "{} of {} standards met over the period ({}, {} hours), as the Science Council's CPD \
         standards ask.\n",
        c.met,
        c.standards.len(),
        plural(c.entries as u64, "CPD entry", "CPD entries"),
        number(c.hours)
    );
    out.push_str("| Standard | Met | What the record shows | Still missing |\n");
    out.push_str("|----------|-----|-----------------------|---------------|\n");
    for st in &c.standards {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&st.title),
            if st.met { "✔ yes" } else { "✘ no" },
            md(&st.detail),
            md(&st.missing.join("; "))
        );
    }
    out.push_str("\n| CPD category | Entries | Hours |\n|---|--:|--:|\n");
    for cat in &c.categories {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&cat.label),
            count(cat.entries as u64),
            hours(cat.hours)
        );
    }
    out.push('\n');

    // Time.
    let t = &s.time;
    out.push_str("## Time allocation\n\n");
    let _ = writeln!(
        out,
        "{}\n",
        time_note(t.hours, t.entries_with_hours, t.entries_without_hours)
    );
    out.push_str("| Area of work | Hours | Actual | Target | Difference |\n");
    out.push_str("|--------------|------:|-------:|-------:|-----------:|\n");
    for a in &t.areas {
        let _ = writeln!(
            out,
            "| {} | {} | {}% | {} | {} |",
            md(&a.label),
            hours(a.hours),
            whole(a.share),
            a.target
                .map_or("–".to_string(), |x| format!("{}%", whole(x))),
            // With no logged hours there is no split to compare.
            a.target
                .filter(|_| t.hours > 0.0)
                .map_or(String::new(), |x| format!("{:+.0} pts", a.share - x))
        );
    }
    out.push('\n');

    // Goals.
    out.push_str("## Goals for the next period\n\n");
    if s.goals.is_empty() {
        out.push_str("No goals set for the next period yet.\n");
    }
    for goal in &s.goals {
        let mut line = format!(
            "- [{}] {}",
            if goal.done { "x" } else { " " },
            md(&goal.title)
        );
        if let Some(due) = goal.due {
            let _ = write!(line, " — due {due}");
        }
        if let Some(text) = &goal.expectation_text {
            let _ = write!(line, " — toward: {}", md(text));
        } else if let Some(id) = &goal.expectation {
            let _ = write!(line, " — toward: {}", md(id));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');

    // Talking points.
    out.push_str("## Talking points\n\n");
    out.push_str(
        "Points from Appendix C of the recommendation, each with this period's own figures.\n\n",
    );
    if s.talking_points.is_empty() {
        out.push_str("No figures in the period back a talking point yet.\n\n");
    }
    for tp in &s.talking_points {
        let _ = writeln!(out, "### {}\n\n{}\n", md(&tp.title), md(&tp.text));
        for f in &tp.figures {
            let _ = writeln!(
                out,
                "- {} {}: {}",
                md(&f.code),
                md(&f.label),
                figure_words(&f.figure, "entry", "entries")
            );
        }
        if let Some(r) = &tp.recognition {
            let _ = writeln!(out, "- Recognition: {}", r.words());
        }
        if !tp.entries.is_empty() {
            let cited: Vec<String> = tp
                .entries
                .iter()
                .map(|x| format!("{} {}", x.date, md(&x.title)))
                .collect();
            let _ = writeln!(out, "- For example: {}", cited.join("; "));
        }
        out.push('\n');
    }

    // Source.
    out.push_str("## About this summary\n\n");
    let src = &s.source;
    let _ = writeln!(
        out,
        "Framework: {} (version {}), after {} ({}). *{}*. {}\n",
        md(&s.framework.name),
        s.framework.version,
        md(&src.authors),
        src.year,
        md(&src.title),
        link(&format!("doi:{}", src.doi), Some(&src.url))
    );
    let _ = writeln!(out, "{}\n", md(&src.note));
    let _ = writeln!(out, "{}\n", md(&s.defaults_note));
    out.push_str("| Applies to | Threshold | Basis |\n|---|---|---|\n");
    for th in &s.thresholds {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(if th.label.is_empty() {
                &th.applies_to
            } else {
                &th.label
            }),
            md(&th.threshold),
            md(&th.basis)
        );
    }
    let _ = writeln!(
        out,
        "\nDrawn up with corepath on {}; {} in the period.",
        s.generated,
        plural(s.entries.len() as u64, "entry", "entries")
    );
    out
}
