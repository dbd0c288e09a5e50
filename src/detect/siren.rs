//! Siren, Siret detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct SirenDetector;

impl SirenDetector {
    pub(crate) fn new() -> SirenDetector {
        SirenDetector
    }
}

impl Detector for SirenDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Siren, Kind::Siret]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
