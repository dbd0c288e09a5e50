//! Passport, IdCard detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct IdDocDetector;

impl IdDocDetector {
    pub(crate) fn new() -> IdDocDetector {
        IdDocDetector
    }
}

impl Detector for IdDocDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Passport, Kind::IdCard]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
