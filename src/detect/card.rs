//! Card detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct CardDetector;

impl CardDetector {
    pub(crate) fn new() -> CardDetector {
        CardDetector
    }
}

impl Detector for CardDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Card]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
