//! Phone detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct PhoneDetector;

impl PhoneDetector {
    pub(crate) fn new() -> PhoneDetector {
        PhoneDetector
    }
}

impl Detector for PhoneDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Phone]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
