//! Iban detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct IbanDetector;

impl IbanDetector {
    pub(crate) fn new() -> IbanDetector {
        IbanDetector
    }
}

impl Detector for IbanDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Iban]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
