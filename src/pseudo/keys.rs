//! Session subkeys, derived with HKDF-SHA256 from the caller's key, and a small
//! deterministic generator (HMAC-SHA256 in counter mode) for surrogates.

use crate::Error;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;
use zeroize::Zeroize;

type HmacSha256 = Hmac<Sha256>;

/// Shortest accepted session key.
pub(crate) const MIN_KEY_LEN: usize = 16;

/// The subkeys of a session, each expanded (HKDF-SHA256) from the session's
/// pseudorandom key the first time it is needed: a session with tags only and no
/// report or vault uses none, and a session is often made for one short text.
/// Zeroised on drop, never printed.
pub(crate) struct Keys {
    /// HKDF's pseudorandom key (the extract step), from which the subkeys come.
    prk: [u8; 32],
    hash: OnceLock<[u8; 32]>,
    surrogate: OnceLock<[u8; 32]>,
    vault: OnceLock<[u8; 32]>,
    fingerprint: OnceLock<[u8; 32]>,
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.prk.zeroize();
        for k in [
            &mut self.hash,
            &mut self.surrogate,
            &mut self.vault,
            &mut self.fingerprint,
        ] {
            if let Some(k) = k.get_mut() {
                k.zeroize();
            }
        }
    }
}

impl Keys {
    pub(crate) fn derive(key: &[u8]) -> Result<Keys, Error> {
        if key.len() < MIN_KEY_LEN {
            return Err(Error::key(format!(
                "a session key needs at least {MIN_KEY_LEN} bytes"
            )));
        }
        let (prk, _) = hkdf::Hkdf::<Sha256>::extract(Some(b"caviard session v1"), key);
        let mut prk: [u8; 32] = prk.into();
        let k = Keys {
            prk,
            hash: OnceLock::new(),
            surrogate: OnceLock::new(),
            vault: OnceLock::new(),
            fingerprint: OnceLock::new(),
        };
        prk.zeroize();
        Ok(k)
    }

    /// Subkey `info`, expanded into `cell` the first time: HKDF-Expand of 32
    /// bytes, which is one HMAC of `info` and the counter 1 under the
    /// pseudorandom key (RFC 5869, 2.3).
    fn subkey<'a>(&self, cell: &'a OnceLock<[u8; 32]>, info: &[u8]) -> &'a [u8; 32] {
        cell.get_or_init(|| {
            let mut m = HmacSha256::new_from_slice(&self.prk).expect("HMAC takes any key length");
            m.update(info);
            m.update(&[1]);
            m.finalize().into_bytes().into()
        })
    }

    /// The key of the `hash` operator.
    pub(crate) fn hash(&self) -> &[u8; 32] {
        self.subkey(&self.hash, b"hash")
    }

    /// The key of the `surrogate` operator.
    pub(crate) fn surrogate(&self) -> &[u8; 32] {
        self.subkey(&self.surrogate, b"surrogate")
    }

    /// The key of the vault's cipher.
    pub(crate) fn vault(&self) -> &[u8; 32] {
        self.subkey(&self.vault, b"vault")
    }

    /// The key of the report's fingerprints.
    pub(crate) fn fingerprint(&self) -> &[u8; 32] {
        self.subkey(&self.fingerprint, b"fingerprint")
    }
}

/// HMAC-SHA256 of `parts` (length-prefixed, so part boundaries matter) under `key`.
pub(crate) fn mac(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(&(p.len() as u64).to_le_bytes());
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

/// Lower-case hex of the first `n` bytes.
pub(crate) fn hex(bytes: &[u8], n: usize) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * n);
    for b in &bytes[..n.min(bytes.len())] {
        s.push(char::from(H[usize::from(b >> 4)]));
        s.push(char::from(H[usize::from(b & 15)]));
    }
    s
}

/// A deterministic byte stream keyed by the surrogate subkey and a seed.
pub(crate) struct Prng {
    seed: [u8; 32],
    block: [u8; 32],
    used: usize,
    counter: u64,
}

impl Drop for Prng {
    fn drop(&mut self) {
        self.seed.zeroize();
        self.block.zeroize();
    }
}

impl Prng {
    pub(crate) fn new(key: &[u8; 32], parts: &[&[u8]]) -> Prng {
        Prng {
            seed: mac(key, parts),
            block: [0; 32],
            used: 32,
            counter: 0,
        }
    }

    fn byte(&mut self) -> u8 {
        if self.used == 32 {
            // SHA-256 of the secret 32-byte seed and a counter: one compression per
            // block (an HMAC per block took four), still a keyed PRF since the seed
            // is an HMAC under the surrogate subkey and the input length is fixed.
            use sha2::Digest;
            let mut h = Sha256::new();
            h.update(self.seed);
            h.update(self.counter.to_le_bytes());
            self.block = h.finalize().into();
            self.counter += 1;
            self.used = 0;
        }
        self.used += 1;
        self.block[self.used - 1]
    }

    /// A number in `0..n` (n ≥ 1), nearly uniform.
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        let mut x: u32 = 0;
        for _ in 0..4 {
            x = (x << 8) | u32::from(self.byte());
        }
        x % n.max(1)
    }

    pub(crate) fn digit(&mut self) -> u8 {
        b'0' + self.below(10) as u8
    }

    pub(crate) fn letter(&mut self) -> u8 {
        b'A' + self.below(26) as u8
    }

    pub(crate) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u32) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_key_rejected() {
        assert!(Keys::derive(&[1; 15]).err().unwrap().is_key());
        assert!(Keys::derive(&[1; 16]).is_ok());
    }

    #[test]
    fn subkeys_differ_and_depend_on_key() {
        let a = Keys::derive(&[1; 32]).unwrap();
        let b = Keys::derive(&[2; 32]).unwrap();
        assert_ne!(a.hash(), a.surrogate());
        assert_ne!(a.vault(), a.fingerprint());
        assert_ne!(a.hash(), b.hash());
        let mut p = Prng::new(a.surrogate(), &[b"x"]);
        let mut q = Prng::new(a.surrogate(), &[b"x"]);
        let v: Vec<u32> = (0..10).map(|_| p.below(1000)).collect();
        let w: Vec<u32> = (0..10).map(|_| q.below(1000)).collect();
        assert_eq!(v, w);
        assert_eq!(hex(&[0xab, 0x01], 2), "ab01");
    }
}
