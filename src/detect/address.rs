//! Address detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct AddressDetector;

impl AddressDetector {
    pub(crate) fn new() -> AddressDetector {
        AddressDetector
    }
}

impl Detector for AddressDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Address]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
