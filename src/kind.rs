//! The kinds of personal data caviard recognises.

use std::fmt;
use std::str::FromStr;

/// A kind of personal data.
///
/// The names returned by [`Kind::name`] are part of caviard's contract: they appear in
/// the CLI's JSON, in reports and, as `CAV_KIND_*`, in the C header. The numeric value
/// (`kind as u32`) is the one the C ABI uses and never changes for an existing kind.
///
/// ```
/// use caviard::Kind;
/// assert_eq!(Kind::Nir.name(), "NIR");
/// assert_eq!("BIRTH_DATE".parse::<Kind>().unwrap(), Kind::BirthDate);
/// assert_eq!(Kind::from_u32(Kind::Iban as u32), Some(Kind::Iban));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[repr(u32)]
pub enum Kind {
    /// Name of a natural person (`PERSON`).
    Person = 0,
    /// French social security number / INS (`NIR`).
    Nir = 1,
    /// International bank account number, any country (`IBAN`).
    Iban = 2,
    /// E-mail address (`EMAIL`).
    Email = 3,
    /// French phone number, including overseas (`PHONE`).
    Phone = 4,
    /// Postal address of a person (`ADDRESS`).
    Address = 5,
    /// Date of birth (`BIRTH_DATE`).
    BirthDate = 6,
    /// Payment card number (`CARD`).
    Card = 7,
    /// IPv4 or IPv6 address (`IP`).
    Ip = 8,
    /// Vehicle registration plate (`PLATE`).
    Plate = 9,
    /// SIREN company number (`SIREN`).
    Siren = 10,
    /// SIRET establishment number (`SIRET`).
    Siret = 11,
    /// French tax number, numéro fiscal SPI (`TAX_ID`).
    TaxId = 12,
    /// French passport number (`PASSPORT`).
    Passport = 13,
    /// French national identity card number (`ID_CARD`).
    IdCard = 14,
}

impl Kind {
    /// Every kind, in numeric order.
    pub const ALL: [Kind; 15] = [
        Kind::Person,
        Kind::Nir,
        Kind::Iban,
        Kind::Email,
        Kind::Phone,
        Kind::Address,
        Kind::BirthDate,
        Kind::Card,
        Kind::Ip,
        Kind::Plate,
        Kind::Siren,
        Kind::Siret,
        Kind::TaxId,
        Kind::Passport,
        Kind::IdCard,
    ];

    /// The contract name of this kind (`"PERSON"`, `"NIR"`, …).
    ///
    /// ```
    /// assert_eq!(caviard::Kind::IdCard.name(), "ID_CARD");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Person => "PERSON",
            Kind::Nir => "NIR",
            Kind::Iban => "IBAN",
            Kind::Email => "EMAIL",
            Kind::Phone => "PHONE",
            Kind::Address => "ADDRESS",
            Kind::BirthDate => "BIRTH_DATE",
            Kind::Card => "CARD",
            Kind::Ip => "IP",
            Kind::Plate => "PLATE",
            Kind::Siren => "SIREN",
            Kind::Siret => "SIRET",
            Kind::TaxId => "TAX_ID",
            Kind::Passport => "PASSPORT",
            Kind::IdCard => "ID_CARD",
        }
    }

    /// The kind with this numeric value, if any.
    ///
    /// ```
    /// assert_eq!(caviard::Kind::from_u32(0), Some(caviard::Kind::Person));
    /// assert_eq!(caviard::Kind::from_u32(999), None);
    /// ```
    pub fn from_u32(v: u32) -> Option<Kind> {
        Kind::ALL.get(usize::try_from(v).ok()?).copied()
    }

    /// Position of this kind in [`Kind::ALL`] (a dense index for per-kind tables).
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = crate::Error;

    /// Parses a contract name, ASCII case-insensitively (`"nir"`, `"BIRTH_DATE"`).
    fn from_str(s: &str) -> Result<Kind, crate::Error> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| crate::Error::config(format!("unknown kind name {s:?}")))
    }
}

/// A set of kinds, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct KindSet(u32);

impl KindSet {
    pub(crate) const fn all() -> KindSet {
        KindSet((1 << Kind::ALL.len()) - 1)
    }
    pub(crate) const fn empty() -> KindSet {
        KindSet(0)
    }
    pub(crate) fn insert(&mut self, k: Kind) {
        self.0 |= 1 << k.index();
    }
    pub(crate) fn remove(&mut self, k: Kind) {
        self.0 &= !(1 << k.index());
    }
    pub(crate) const fn contains(self, k: Kind) -> bool {
        self.0 & (1 << k.index()) != 0
    }
    pub(crate) fn any(self, ks: &[Kind]) -> bool {
        ks.iter().any(|&k| self.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(k.name().parse::<Kind>().unwrap(), *k);
            assert_eq!(Kind::from_u32(i as u32), Some(*k));
        }
        assert!("PERSONNE".parse::<Kind>().is_err());
    }

    #[test]
    fn kind_set() {
        let mut s = KindSet::empty();
        assert!(!s.contains(Kind::Nir));
        s.insert(Kind::Nir);
        assert!(s.contains(Kind::Nir) && !s.contains(Kind::Iban));
        s.remove(Kind::Nir);
        assert_eq!(s, KindSet::empty());
        assert!(KindSet::all().contains(Kind::IdCard));
    }
}
