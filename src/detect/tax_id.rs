//! TaxId detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct TaxIdDetector;

impl TaxIdDetector {
    pub(crate) fn new() -> TaxIdDetector {
        TaxIdDetector
    }
}

impl Detector for TaxIdDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::TaxId]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
