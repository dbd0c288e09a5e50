//! Nir detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct NirDetector;

impl NirDetector {
    pub(crate) fn new() -> NirDetector {
        NirDetector
    }
}

impl Detector for NirDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Nir]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
