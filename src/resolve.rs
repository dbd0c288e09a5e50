//! Resolution of overlapping candidates into non-overlapping findings.
//!
//! The rule, deterministic and independent of detector order: candidates are ranked
//! by confidence (higher first), then length (longer first), then start (earlier
//! first), then kind (lower numeric value first), then detector name. Walking that
//! ranking, a candidate is kept when it overlaps no candidate kept before it. The
//! result is sorted by start offset.

use crate::Finding;

pub(crate) fn resolve(cands: &mut Vec<Finding>) {
    cands.retain(|f| !f.span.is_empty());
    if cands.len() <= 1 {
        return;
    }
    // Sort by position, then resolve each cluster of transitively overlapping
    // candidates on its own: most candidates overlap nothing, so this is one sort
    // plus a linear sweep, and the ranking rule only runs inside small clusters.
    // Each detector pushes its candidates in text order, so the vector is a few
    // sorted runs one after the other: the stable sort finds and merges those runs
    // (close to linear time) where an unstable quicksort would start from scratch.
    // Candidates with equal spans keep their order, which the cluster ranking
    // (a total order over every field) makes irrelevant.
    cands.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = 0;
    let mut i = 0;
    let n = cands.len();
    while i < n {
        let mut j = i + 1;
        let mut end = cands[i].span.end;
        while j < n && cands[j].span.start < end {
            end = end.max(cands[j].span.end);
            j += 1;
        }
        if j == i + 1 {
            cands[out] = cands[i];
            out += 1;
        } else {
            let kept = resolve_cluster(&mut cands[i..j]);
            for k in 0..kept {
                cands[out + k] = cands[i + k];
            }
            out += kept;
        }
        i = j;
    }
    cands.truncate(out);
}

/// Resolves one cluster in place by the ranking rule; the kept candidates end up at
/// the front of `c`, sorted by start. Returns how many were kept.
fn resolve_cluster(c: &mut [Finding]) -> usize {
    c.sort_unstable_by(|a, b| {
        b.confidence
            .cmp(&a.confidence)
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.kind.cmp(&b.kind))
            .then(a.detector.cmp(b.detector))
            .then(a.reason.as_str().cmp(b.reason.as_str()))
    });
    let mut kept = 0;
    for i in 0..c.len() {
        let f = c[i];
        if c[..kept]
            .iter()
            .all(|k| k.span.end <= f.span.start || f.span.end <= k.span.start)
        {
            c[kept] = f;
            kept += 1;
        }
    }
    c[..kept].sort_unstable_by_key(|f| (f.span.start, f.span.end));
    kept
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
    fn clusters_match_the_global_rule() {
        // Compare with a direct implementation of the rule on pseudo-random sets.
        let mut seed = 12345u64;
        let mut rnd = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..2000 {
            let n = 1 + rnd(12) as usize;
            let mut v: Vec<Finding> = (0..n)
                .map(|_| {
                    let s = rnd(40) as usize;
                    let kind = Kind::ALL[rnd(15) as usize];
                    f(kind, s, s + 1 + rnd(10) as usize, rnd(4) as u16 * 100)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by(|a, b| {
                b.confidence
                    .cmp(&a.confidence)
                    .then(b.span.len().cmp(&a.span.len()))
                    .then(a.span.start.cmp(&b.span.start))
                    .then(a.kind.cmp(&b.kind))
            });
            let mut kept: Vec<Finding> = vec![];
            for c in expected {
                if kept
                    .iter()
                    .all(|k| k.span.end <= c.span.start || c.span.end <= k.span.start)
                {
                    kept.push(c);
                }
            }
            kept.sort_by_key(|f| (f.span.start, f.span.end));
            resolve(&mut v);
            assert_eq!(v, kept);
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
