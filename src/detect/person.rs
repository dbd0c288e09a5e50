//! Person detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct PersonDetector;

impl PersonDetector {
    pub(crate) fn new() -> PersonDetector {
        PersonDetector
    }
}

impl Detector for PersonDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Person]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
