//! Plate detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct PlateDetector;

impl PlateDetector {
    pub(crate) fn new() -> PlateDetector {
        PlateDetector
    }
}

impl Detector for PlateDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Plate]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
