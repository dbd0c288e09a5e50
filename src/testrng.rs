//! A small deterministic generator for the tests that compare a fast routine with a
//! plain one on many random inputs (the same inputs on every run).

/// Linear congruential generator (Knuth's MMIX constants); each call gives the
/// high 31 bits of the new state.
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    /// The next number, below 2^31.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// One element of `v`, at random.
    pub(crate) fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.next() as usize % v.len()]
    }
}
