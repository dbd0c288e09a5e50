//! Resolution of overlapping candidates into non-overlapping findings.
//!
//! The rule, deterministic and independent of detector order: candidates are ranked
//! by confidence (higher first), then length (longer first), then start (earlier
//! first), then kind (lower numeric value first), then detector name. Walking that
//! ranking, a candidate is kept when it overlaps no candidate kept before it. The
//! result is sorted by start offset.

use crate::Finding;

/// Resolves any candidates (empty spans are dropped first); the engine, which drops
/// them itself, calls [`resolve_nonempty`].
#[cfg(test)]
pub(crate) fn resolve(cands: &mut Vec<Finding>) {
    if cands.iter().any(|f| f.span.is_empty()) {
        cands.retain(|f| !f.span.is_empty());
    }
    resolve_nonempty(cands);
}

/// [`resolve`] of candidates whose spans are all non-empty (the engine has dropped
/// the others already).
pub(crate) fn resolve_nonempty(cands: &mut Vec<Finding>) {
    debug_assert!(cands.iter().all(|f| !f.span.is_empty()));
    if cands.len() <= 1 {
        return;
    }
    // Order by position, then resolve each cluster of transitively overlapping
    // candidates on its own: most candidates overlap nothing, so this is one ordering
    // plus a linear sweep, and the ranking rule only runs inside small clusters.
    // The order among candidates with equal spans does not matter: they overlap, so
    // they are ranked inside their cluster by a total order over every field.
    let key = |f: &Finding| (f.span.start, f.span.end);
    // Often already in order (one detector's candidates, a short text): resolved in
    // place.
    if cands.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        sweep(cands);
        return;
    }
    thread_local! {
        static SCRATCH: std::cell::Cell<Scratch> = const { std::cell::Cell::new(Scratch::new()) };
    }
    let mut scratch = SCRATCH.with(|s| s.take());
    order_by_position(cands, &mut scratch);
    // `sorted` now holds the candidates by (start, end), and becomes the result.
    sweep(&mut scratch.sorted);
    std::mem::swap(cands, &mut scratch.sorted);
    // The caller's former buffer is kept for the next call, unless it is huge.
    if scratch.sorted.capacity() <= 1 << 17 && scratch.counts.capacity() <= 1 << 18 {
        scratch.sorted.clear();
        SCRATCH.with(|s| s.set(scratch));
    }
}

/// Resolves candidates sorted by (start, end), cluster by cluster: the kept ones are
/// moved to the front, the rest truncated.
fn sweep(sorted: &mut Vec<Finding>) {
    let mut out = 0;
    let mut i = 0;
    let n = sorted.len();
    while i < n {
        let mut j = i + 1;
        let mut end = sorted[i].span.end;
        while j < n && sorted[j].span.start < end {
            end = end.max(sorted[j].span.end);
            j += 1;
        }
        if j == i + 1 {
            // Nothing to move before the first cluster.
            if out != i {
                sorted[out] = sorted[i];
            }
            out += 1;
        } else {
            let kept = resolve_cluster(&mut sorted[i..j]);
            for k in 0..kept {
                sorted[out + k] = sorted[i + k];
            }
            out += kept;
        }
        i = j;
    }
    sorted.truncate(out);
}

/// Per-thread buffers of [`resolve`], kept between calls.
struct Scratch {
    /// The candidates ordered by position.
    sorted: Vec<Finding>,
    /// Offsets of the buckets of [`order_by_position`].
    counts: Vec<u32>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            sorted: Vec::new(),
            counts: Vec::new(),
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

/// Fills `scratch.sorted` with `cands` ordered by (start, end) (in any order among
/// equal spans). A counting sort on the start, in about as many buckets as there are
/// candidates (linear), then an insertion sort, which only has to order each bucket
/// (most hold one or two candidates). Each detector pushes its candidates in text
/// order, so `cands` is a few sorted runs, which a merge sort merges again and again.
fn order_by_position(cands: &[Finding], scratch: &mut Scratch) {
    let n = cands.len();
    let sorted = &mut scratch.sorted;
    sorted.clear();
    let key = |f: &Finding| (f.span.start, f.span.end);
    let max_start = cands.iter().map(|f| f.span.start).max().unwrap_or(0);
    if n >= u32::MAX as usize {
        sorted.extend_from_slice(cands);
        sorted.sort_by_key(key);
        return;
    }
    // Room for the candidates, every slot overwritten below.
    sorted.resize(n, cands[0]);
    // Bucket width 2^shift: at most about one candidate per bucket on average.
    let shift = (max_start / n).max(1).ilog2();
    let buckets = (max_start >> shift) + 1;
    let counts = &mut scratch.counts;
    counts.clear();
    counts.resize(buckets + 1, 0);
    for f in cands {
        counts[(f.span.start >> shift) + 1] += 1;
    }
    let mut sum = 0;
    for c in counts.iter_mut() {
        sum += *c;
        *c = sum;
    }
    // `counts[b]` is the start of bucket `b`.
    for f in cands {
        let slot = &mut counts[f.span.start >> shift];
        sorted[*slot as usize] = *f;
        *slot += 1;
    }
    // Candidates move only inside their bucket. A text whose candidates crowd into
    // a few buckets would make this quadratic: past a budget of moves, the standard
    // sort takes over.
    let mut budget = 8 * n;
    for i in 1..n {
        // Mostly in order already (only the candidates of one bucket can be out of
        // order): compare first, copy only to move.
        if key(&sorted[i - 1]) <= key(&sorted[i]) {
            continue;
        }
        let f = sorted[i];
        let k = key(&f);
        let mut j = i;
        while j > 0 && key(&sorted[j - 1]) > k {
            sorted[j] = sorted[j - 1];
            j -= 1;
        }
        sorted[j] = f;
        budget = budget.saturating_sub(i - j);
        if budget == 0 {
            sorted.sort_by_key(key);
            return;
        }
    }
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
        let mut rng = crate::testrng::Lcg(12345);
        let mut rnd = |m: u64| rng.next() % m;
        for round in 0..2400 {
            // Small dense sets, then larger ones spread wider (several buckets,
            // crowded buckets, runs already sorted).
            let (n, width) = if round < 2000 {
                (1 + rnd(12) as usize, 40)
            } else {
                (1 + rnd(400) as usize, 1 + rnd(5000))
            };
            let mut v: Vec<Finding> = (0..n)
                .map(|_| {
                    let s = rnd(width) as usize;
                    let kind = Kind::ALL[rnd(15) as usize];
                    f(kind, s, s + 1 + rnd(10) as usize, rnd(4) as u16 * 100)
                })
                .collect();
            // Sorted, a few sorted runs one after the other (as the detectors push
            // them), or in any order.
            match round % 3 {
                0 => v.sort_by_key(|f| (f.span.start, f.span.end)),
                1 => {
                    let parts = 1 + rnd(12) as usize;
                    for chunk in v.chunks_mut(n.div_ceil(parts)) {
                        chunk.sort_by_key(|f| (f.span.start, f.span.end));
                    }
                }
                _ => {}
            }
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
