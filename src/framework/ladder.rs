//! The ladder climbs: within a theme that several tiers share (training, quality, grants…), a
//! higher tier never asks for less than a lower one.

use std::fmt;

use super::{EvidenceRule, Framework};
use crate::text::number;

/// Two expectations of one theme whose thresholds fall as the ladder climbs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inversion {
    /// The theme they share.
    pub theme: String,
    /// The expectation of the lower tier.
    pub lower: String,
    /// The expectation of the higher tier, which asks for less.
    pub higher: String,
    /// What falls, in words.
    pub what: String,
}

impl fmt::Display for Inversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "theme \"{}\": {} asks for less than {} ({})",
            self.theme, self.higher, self.lower, self.what
        )
    }
}

/// How two evidence rules of one theme compare: `None` when the higher asks at least as much.
fn falls(lower: &EvidenceRule, higher: &EvidenceRule) -> Option<String> {
    if higher.min < lower.min {
        return Some(format!(
            "≥ {} {} where the tier below asks ≥ {}",
            number(higher.min),
            higher.measure.unit(),
            number(lower.min)
        ));
    }
    if higher.within_years > lower.within_years {
        return Some(format!(
            "a {}-year window where the tier below counts {} years",
            higher.within_years, lower.within_years
        ));
    }
    None
}

/// Whether two parts measure the same thing: the same measure over kinds (or metrics) they share.
fn comparable(a: &EvidenceRule, b: &EvidenceRule) -> bool {
    a.measure == b.measure
        && (a.kinds.iter().any(|k| b.kinds.contains(k))
            || a.metrics.iter().any(|m| b.metrics.contains(m)))
}

/// Every pair of expectations of one theme, on tiers one above the other (not necessarily
/// adjacent), whose evidence thresholds fall. Parts are compared when they measure the same
/// thing over kinds they share; parts that measure different things are not compared.
pub fn inversions(framework: &Framework) -> Vec<Inversion> {
    let mut found = Vec::new();
    let themed: Vec<(usize, &super::Expectation, &str)> = framework
        .tiers
        .iter()
        .enumerate()
        .flat_map(|(t, tier)| {
            tier.expectations
                .iter()
                .filter_map(move |e| e.theme.as_deref().map(|theme| (t, e, theme)))
        })
        .collect();
    for &(t_low, low, theme) in &themed {
        for &(t_high, high, other) in &themed {
            if other != theme || t_high <= t_low {
                continue;
            }
            for part in high.rule.evidence_parts() {
                let below = low.rule.evidence_parts().iter();
                for what in below
                    .filter(|p| comparable(p, part))
                    .filter_map(|p| falls(p, part))
                {
                    found.push(Inversion {
                        theme: theme.to_string(),
                        lower: low.id.clone(),
                        higher: high.id.clone(),
                        what,
                    });
                }
            }
        }
    }
    found
}
