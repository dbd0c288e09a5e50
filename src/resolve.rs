//! Resolution of overlapping candidates into non-overlapping findings.
//!
//! The rule, deterministic and independent of detector order: candidates are ranked
//! by confidence (higher first), then length (longer first), then start (earlier
//! first), then kind (lower numeric value first), then detector name. Walking that
//! ranking, a candidate is kept when it overlaps no candidate kept before it. The
//! result is sorted by start offset.

use crate::Finding;
use std::collections::BTreeMap;

pub(crate) fn resolve(cands: &mut Vec<Finding>) {
    cands.retain(|f| !f.span.is_empty());
    if cands.len() <= 1 {
        return;
    }
    cands.sort_unstable_by(|a, b| {
        b.confidence
            .cmp(&a.confidence)
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.kind.cmp(&b.kind))
            .then(a.detector.cmp(b.detector))
            .then(a.reason.as_str().cmp(b.reason.as_str()))
    });
    // Kept spans: start -> end.
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
    cands.retain(|f| {
        let (s, e) = (f.span.start, f.span.end);
        // The kept span starting last before `e` is the only one that can overlap.
        if let Some((_, &pe)) = kept.range(..e).next_back() {
            if pe > s {
                return false;
            }
        }
        kept.insert(s, e);
        true
    });
    cands.sort_unstable_by_key(|f| (f.span.start, f.span.end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Reason};

    fn f(kind: Kind, s: usize, e: usize, c: u16) -> Finding {
        Finding::new(kind, s, e, c, "t", Reason::Shape)
    }

    #[test]
    fn keeps_best_and_sorts() {
        let mut v = vec![
            f(Kind::Phone, 10, 20, 500),
            f(Kind::Siret, 8, 22, 900),
            f(Kind::Email, 0, 5, 100),
        ];
        resolve(&mut v);
        assert_eq!(
            v,
            vec![f(Kind::Email, 0, 5, 100), f(Kind::Siret, 8, 22, 900)]
        );
    }

    #[test]
    fn ties_are_deterministic() {
        let a = f(Kind::Siren, 0, 9, 700);
        let b = f(Kind::Phone, 0, 9, 700);
        let c = f(Kind::Nir, 5, 12, 700);
        for perm in [[a, b, c], [c, b, a], [b, c, a]] {
            let mut v = perm.to_vec();
            resolve(&mut v);
            assert_eq!(v, vec![b]);
        }
    }

    #[test]
    fn adjacent_spans_do_not_overlap() {
        let mut v = vec![
            f(Kind::Person, 0, 5, 600),
            f(Kind::Person, 5, 9, 600),
            f(Kind::Person, 3, 6, 100),
        ];
        resolve(&mut v);
        assert_eq!(v.len(), 2);
    }
}
