//! An "invisible salamander" (docs/FORMAT.md, "Version 3"): one file to
//! alice and bob whose entries wrap two different file keys, with a payload
//! ciphertext whose AES-GCM tag verifies under both payload keys, so that
//! alice and bob each open it, without error, to a different plaintext.
//! Version 2 falls for it; version 3's header MAC commits the file to one
//! key, so the recipient whose key was not MACed gets `Tampered`.
//!
//! Built here from the specification with the primitives themselves
//! (X25519, HKDF, HMAC, AES) and a few lines of GF(2^128) arithmetic to
//! solve GHASH for one free ciphertext block: this is an attack, not part
//! of RootGuard.

use aes::cipher::BlockEncrypt;
use aes::Aes256;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::Aes256Gcm;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};

pub struct Salamander {
    pub bytes: Vec<u8>,
    /// What alice, then bob, reads (the payload after the name length).
    pub plaintexts: [Vec<u8>; 2],
    pub file_keys: [[u8; 32]; 2],
}

const ONE: u128 = 1 << 127;

/// GF(2^128) multiplication in GCM's bit order (SP 800-38D, Algorithm 1).
fn gf_mul(x: u128, y: u128) -> u128 {
    let r: u128 = 0xe1 << 120;
    let (mut z, mut v) = (0u128, y);
    for i in 0..128 {
        if (x >> (127 - i)) & 1 == 1 {
            z ^= v;
        }
        v = if v & 1 == 1 { (v >> 1) ^ r } else { v >> 1 };
    }
    z
}

fn gf_pow(a: u128, e: u128) -> u128 {
    let mut result = ONE;
    for i in (0..128).rev() {
        result = gf_mul(result, result);
        if (e >> i) & 1 == 1 {
            result = gf_mul(result, a);
        }
    }
    result
}

fn gf_inv(a: u128) -> u128 {
    gf_pow(a, u128::MAX - 1)
}

fn block(bytes: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    b[..bytes.len()].copy_from_slice(bytes);
    u128::from_be_bytes(b)
}

fn aes_block(key: &[u8; 32], input: [u8; 16]) -> u128 {
    let cipher = Aes256::new_from_slice(key).unwrap();
    let mut b = input.into();
    cipher.encrypt_block(&mut b);
    u128::from_be_bytes(b.into())
}

/// GCM's counter block `nonce || counter`.
fn counter(nonce: &[u8; 12], n: u32) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..12].copy_from_slice(nonce);
    b[12..].copy_from_slice(&n.to_be_bytes());
    b
}

/// The GHASH input blocks: associated data, ciphertext, lengths.
fn ghash_blocks(aad: &[u8], ciphertext: &[u8]) -> Vec<u128> {
    let mut blocks: Vec<u128> = aad.chunks(16).map(block).collect();
    blocks.extend(ciphertext.chunks(16).map(block));
    blocks.push(((aad.len() as u128 * 8) << 64) | (ciphertext.len() as u128 * 8));
    blocks
}

fn ghash(h: u128, blocks: &[u128]) -> u128 {
    blocks.iter().fold(0, |acc, b| gf_mul(acc ^ b, h))
}

/// The payload key version 3 derives from a file key (version 2 uses the
/// file key itself).
fn payload_key(version: u8, file_key: &[u8; 32]) -> [u8; 32] {
    if version == 2 {
        return *file_key;
    }
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(None, file_key).expand(b"rootguard v3 payload key", &mut out).unwrap();
    out
}

fn mac_key(file_key: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(None, file_key).expand(b"rootguard v3 header mac", &mut out).unwrap();
    out
}

/// A file to `recipients` (alice's and bob's public keys) in `version` (2
/// or 3) in which alice's entry wraps one file key and bob's another; alice
/// reads `messages[0]`, bob `messages[1]` (each next to the other's
/// garbage). In version 3 the header MAC is alice's.
pub fn build(
    version: u8,
    recipients: [[u8; 32]; 2],
    ephemeral: [[u8; 32]; 2],
    nonce: [u8; 12],
    messages: [&[u8]; 2],
) -> Salamander {
    // Two file keys whose payload keystreams agree on the first two bytes,
    // so the name length decrypts to 0 for both readers.
    let k1 = [0x11u8; 32];
    let ks = |k: &[u8; 32]| aes_block(&payload_key(version, k), counter(&nonce, 2)).to_be_bytes();
    let ks1 = ks(&k1);
    let k2 = (0u32..)
        .map(|n| {
            let mut k = [0x22u8; 32];
            k[..4].copy_from_slice(&n.to_le_bytes());
            k
        })
        .find(|k| ks(k)[..2] == ks1[..2])
        .unwrap();
    let keys = [k1, k2];
    let pks = keys.map(|k| payload_key(version, &k));

    // Payload: name length, alice's message, bob's (padded to a block
    // boundary), one free block.
    let a = messages[0].len();
    let mut b = messages[1].len();
    while (2 + a + b) % 16 != 0 {
        b += 1;
    }
    let len = 2 + a + b + 16;
    let keystream = |pk: &[u8; 32]| {
        let mut zeros = vec![0u8; len];
        Aes256Gcm::new_from_slice(pk)
            .unwrap()
            .encrypt_in_place_detached(&nonce.into(), &[], &mut zeros)
            .unwrap();
        zeros
    };
    let (s1, s2) = (keystream(&pks[0]), keystream(&pks[1]));
    let mut c = vec![0u8; len];
    c[..2].copy_from_slice(&s1[..2]);
    for i in 0..a {
        c[2 + i] = messages[0][i] ^ s1[2 + i];
    }
    let bob_part: Vec<u8> =
        messages[1].iter().copied().chain(std::iter::repeat(b' ')).take(b).collect();
    for i in 0..b {
        c[2 + a + i] = bob_part[i] ^ s2[2 + a + i];
    }

    // The header, each entry wrapping its own file key.
    let mut header = b"RGENC\0".to_vec();
    header.push(version);
    if version == 3 {
        header.push(2);
    }
    header.push(2);
    header.extend_from_slice(&nonce);
    header.extend_from_slice(&(len as u32).to_le_bytes());
    let info: &[u8] = if version == 3 {
        b"rootguard v3 x25519 file key"
    } else {
        b"rootguard v2 x25519 file key"
    };
    for i in 0..2 {
        let e = StaticSecret::from(ephemeral[i]);
        let epub = PublicKey::from(&e);
        let shared = e.diffie_hellman(&PublicKey::from(recipients[i]));
        let salt = [epub.as_bytes().as_slice(), &recipients[i]].concat();
        let mut wrap = [0u8; 32];
        Hkdf::<Sha256>::new(Some(&salt), shared.as_bytes()).expand(info, &mut wrap).unwrap();
        let mut wrapped = keys[i].to_vec();
        let tag = Aes256Gcm::new_from_slice(&wrap)
            .unwrap()
            .encrypt_in_place_detached(&[0u8; 12].into(), &[], &mut wrapped)
            .unwrap();
        header.extend_from_slice(epub.as_bytes());
        header.extend_from_slice(&wrapped);
        header.extend_from_slice(&tag);
    }
    if version == 3 {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key(&k1)).unwrap();
        mac.update(&header);
        header.extend_from_slice(&mac.finalize().into_bytes());
    }

    // Solve GHASH for the free (last) ciphertext block so that the tag is
    // the same under both payload keys.
    let h = pks.map(|pk| aes_block(&pk, [0; 16]));
    let e = pks.map(|pk| aes_block(&pk, counter(&nonce, 1)));
    let blocks = ghash_blocks(&header, &c);
    let free = blocks.len() - 2; // the last ciphertext block, before the lengths
    let power = (blocks.len() - free) as u128;
    let d = ghash(h[0], &blocks) ^ e[0] ^ ghash(h[1], &blocks) ^ e[1];
    let coeff = gf_pow(h[0], power) ^ gf_pow(h[1], power);
    let x = gf_mul(d, gf_inv(coeff));
    c[len - 16..].copy_from_slice(&x.to_be_bytes());
    let tag = ghash(h[0], &ghash_blocks(&header, &c)) ^ e[0];
    assert_eq!(tag, ghash(h[1], &ghash_blocks(&header, &c)) ^ e[1]);

    let plaintexts =
        [&s1, &s2].map(|s| c.iter().zip(s.iter()).skip(2).map(|(x, y)| x ^ y).collect());
    let mut bytes = header;
    bytes.extend_from_slice(&c);
    bytes.extend_from_slice(&tag.to_be_bytes());
    Salamander { bytes, plaintexts, file_keys: keys }
}
