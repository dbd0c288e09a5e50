//! BirthDate detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct BirthDateDetector;

impl BirthDateDetector {
    pub(crate) fn new() -> BirthDateDetector {
        BirthDateDetector
    }
}

impl Detector for BirthDateDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::BirthDate]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
