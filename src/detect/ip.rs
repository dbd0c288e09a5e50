//! Ip detector (not yet implemented).

use super::{Detector, Scan};
use crate::{Finding, Kind};

pub(crate) struct IpDetector;

impl IpDetector {
    pub(crate) fn new() -> IpDetector {
        IpDetector
    }
}

impl Detector for IpDetector {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Ip]
    }

    fn detect(&self, _scan: &Scan<'_>, _out: &mut Vec<Finding>) {}
}
