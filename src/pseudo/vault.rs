//! The vault: the session's mapping, encrypted and authenticated.
//!
//! Layout: `CAVIARDV` (8 bytes) · version (1 byte, = 1) · nonce (12 bytes) ·
//! ChaCha20-Poly1305 ciphertext and tag. The key is the session's vault subkey
//! (HKDF-SHA256 of the session key); the 9-byte header is the associated data, so a
//! changed version byte fails authentication too. The plaintext is JSON.

use super::mapping::{Mapping, Record};
use crate::Error;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"CAVIARDV";
const VERSION: u8 = 1;
const HEADER: usize = 9;
const NONCE: usize = 12;

pub(crate) fn seal(key: &[u8; 32], map: &Mapping) -> Result<Vec<u8>, Error> {
    let recs = map.records();
    let plain = Zeroizing::new(
        serde_json::to_vec(&recs).map_err(|_| Error::vault("could not encode the mapping"))?,
    );
    let mut nonce = [0u8; NONCE];
    getrandom::getrandom(&mut nonce).map_err(|_| Error::vault("no random source for the nonce"))?;
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.push(VERSION);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: &header,
            },
        )
        .map_err(|_| Error::vault("encryption failed"))?;
    let mut out = header;
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

pub(crate) fn open(key: &[u8; 32], vault: &[u8]) -> Result<Mapping, Error> {
    if vault.len() < HEADER || &vault[..8] != MAGIC {
        return Err(Error::vault("not a caviard vault"));
    }
    if vault[8] != VERSION {
        return Err(Error::vault(format!(
            "unsupported vault version {}",
            vault[8]
        )));
    }
    if vault.len() < HEADER + NONCE + 16 {
        return Err(Error::vault("truncated vault"));
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                Nonce::from_slice(&vault[HEADER..HEADER + NONCE]),
                Payload {
                    msg: &vault[HEADER + NONCE..],
                    aad: &vault[..HEADER],
                },
            )
            .map_err(|_| Error::vault("wrong key, or the vault was modified or truncated"))?,
    );
    let recs: Vec<Record> =
        serde_json::from_slice(&plain).map_err(|_| Error::vault("corrupt vault content"))?;
    Mapping::from_records(&recs).ok_or_else(|| Error::vault("inconsistent vault content"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn seal_open_and_tamper() {
        let mut m = Mapping::default();
        m.intern(Kind::Email, "a@b.fr", false);
        m.intern(Kind::Person, "Jean Dupont", false);
        let k = [5u8; 32];
        let v = seal(&k, &m).unwrap();
        assert!(!v.windows(6).any(|w| w == b"a@b.fr"));
        let back = open(&k, &v).unwrap();
        assert_eq!(back.surface_of(Kind::Person, 1, 1), Some("Jean Dupont"));
        assert!(open(&[6u8; 32], &v).unwrap_err().is_vault());
        for i in [0, 8, 10, v.len() - 1] {
            let mut bad = v.clone();
            bad[i] ^= 1;
            assert!(open(&k, &bad).unwrap_err().is_vault(), "byte {i}");
        }
        for n in [0, 5, 9, 20, v.len() - 1] {
            assert!(open(&k, &v[..n]).unwrap_err().is_vault(), "len {n}");
        }
    }
}
