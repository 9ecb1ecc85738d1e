//! Public-key recipients and the identities that open files sealed to them
//! (format version 2, docs/FORMAT.md): X25519 keys and their text forms.
//!
//! A [`Recipient`] is an X25519 public key, written `rgpub1…` (Bech32, as
//! age writes `age1…`): its checksum catches a mistyped or lost character
//! before anything is encrypted to a key nobody holds. An [`Identity`] is the
//! matching secret key, written `RGSECRET1…` (Bech32 in upper case, so it
//! never looks like a recipient); it lives only inside a passphrase-protected
//! identity file (see [`crate::identity`]).
//!
//! Secrets are wiped on drop (`x25519-dalek`'s `zeroize` feature) and never
//! printed by `Debug`.

use std::fmt;

use bech32::primitives::decode::{
    CharError, ChecksumError, UncheckedHrpstring, UncheckedHrpstringError,
};
use bech32::{Bech32, Hrp};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// The human-readable part of a recipient string: `rgpub1…`.
pub const RECIPIENT_PREFIX: &str = "rgpub";
/// The human-readable part of an identity string: `RGSECRET1…` (written in
/// upper case).
pub const IDENTITY_PREFIX: &str = "rgsecret";
/// Bech32 characters that carry a 32-byte key (256 bits in 5-bit groups).
const KEY_CHARS: usize = 52;
/// Bech32's checksum: 6 characters.
const CHECKSUM_CHARS: usize = 6;

/// Why a recipient or identity string was refused. Each message says which
/// part is wrong; none contains a secret.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RecipientError {
    /// Nothing but white space.
    #[error("the recipient is empty: paste the rgpub1… line that `rootguard keygen` printed")]
    Empty,
    /// An `RGSECRET1…` string where a recipient was expected.
    #[error(
        "this is a secret identity (RGSECRET1…), not a recipient: never share it. Use the \
         rgpub1… line that `rootguard keygen` printed (or `rootguard recipient IDENTITY`)"
    )]
    IsIdentity,
    /// Another prefix, e.g. an age recipient (`age1…`).
    #[error(
        "a RootGuard recipient starts with rgpub1; this one starts with {0:?}. Paste the \
         line `rootguard keygen` printed"
    )]
    WrongPrefix(String),
    /// No `1` separator, or characters outside Bech32's alphabet.
    #[error(
        "the recipient contains {0}, which cannot appear in an rgpub1… string (Bech32 uses \
         only a–z and 0–9 without 1, b, i, o after the prefix): check for a copying mistake"
    )]
    BadCharacter(String),
    /// Upper and lower case mixed.
    #[error("the recipient mixes upper and lower case; copy it again unchanged")]
    MixedCase,
    /// The key part is too short or too long.
    #[error(
        "the recipient has {found} characters after rgpub1, RootGuard's have {expected}: it \
         was cut off or joined with other text when copied"
    )]
    WrongLength {
        /// Characters after the separator.
        found: usize,
        /// What a RootGuard recipient has (key and checksum).
        expected: usize,
    },
    /// The checksum does not match: a character was mistyped.
    #[error(
        "the recipient's checksum does not match: a character was mistyped or changed when \
         copied. Copy it again from its owner"
    )]
    BadChecksum,
    /// A public key that no secret key matches usefully (a low-order point):
    /// encrypting to it would protect nothing.
    #[error("the recipient is not a usable public key (a degenerate X25519 point); it was not made by rootguard keygen")]
    WeakKey,
    /// A public key that is not in its canonical encoding (bit 255 set, or
    /// a value at least 2^255 − 19): X25519 would accept it, but a file
    /// sealed to it binds the wrong bytes and its owner could not open it.
    #[error(
        "the recipient is not a canonical X25519 public key (its top bit is set, or its value \
         is not below 2^255 - 19): rootguard keygen never writes one, and a file encrypted to \
         it could not be opened by its owner. Copy the rgpub1… line again from its owner"
    )]
    NonCanonical,
    /// An identity string that does not parse.
    #[error(
        "the identity line is damaged ({0}); the identity file holds one line starting with \
         RGSECRET1"
    )]
    BadIdentity(&'static str),
}

impl RecipientError {
    /// A stable name for the error, e.g. for a JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            RecipientError::Empty => "EmptyRecipient",
            RecipientError::IsIdentity => "IdentityNotRecipient",
            RecipientError::WrongPrefix(_) => "WrongPrefix",
            RecipientError::BadCharacter(_) => "BadCharacter",
            RecipientError::MixedCase => "MixedCase",
            RecipientError::WrongLength { .. } => "WrongLength",
            RecipientError::BadChecksum => "BadChecksum",
            RecipientError::WeakKey => "WeakKey",
            RecipientError::NonCanonical => "NonCanonicalKey",
            RecipientError::BadIdentity(_) => "BadIdentity",
        }
    }
}

/// Someone a file can be encrypted to: an X25519 public key.
#[derive(Clone, Copy)]
pub struct Recipient(PublicKey);

/// Compared by their bytes: a recipient is canonical ([`Recipient::parse`]
/// refuses the others), so equal points have equal bytes; and a public key
/// is no secret that needs x25519-dalek's comparison in the field.
impl PartialEq for Recipient {
    fn eq(&self, other: &Recipient) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Recipient {}

impl Recipient {
    /// Parses `rgpub1…` (surrounding white space ignored, either case).
    /// Refuses non-canonical encodings ([`is_canonical`]): the format's key
    /// derivation binds the key's bytes, and X25519 ignores bit 255, so a
    /// file sealed to `R | 2^255` would not open with the identity for `R`.
    /// Refuses low-order points: an X25519 exchange with one gives the
    /// all-zero secret whatever the other key, so the file key would be
    /// wrapped under a key anyone can compute.
    pub fn parse(text: &str) -> Result<Recipient, RecipientError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RecipientError::Empty);
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with(IDENTITY_PREFIX) {
            return Err(RecipientError::IsIdentity);
        }
        if !lower.starts_with(RECIPIENT_PREFIX) || !lower[RECIPIENT_PREFIX.len()..].starts_with('1')
        {
            let shown: String = text.chars().take_while(|&c| c != '1').take(12).collect();
            return Err(RecipientError::WrongPrefix(shown));
        }
        let bytes = decode_key(text, RECIPIENT_PREFIX).map_err(|e| match e {
            KeyTextError::Char(c) => RecipientError::BadCharacter(c),
            KeyTextError::MixedCase => RecipientError::MixedCase,
            KeyTextError::Length(found) => {
                RecipientError::WrongLength { found, expected: KEY_CHARS + CHECKSUM_CHARS }
            }
            KeyTextError::Checksum => RecipientError::BadChecksum,
            // The prefix was checked above.
            KeyTextError::Prefix => RecipientError::WrongPrefix(RECIPIENT_PREFIX.to_owned()),
        })?;
        Recipient::from_bytes(*bytes)
    }

    /// The recipient from its 32 raw bytes (e.g. from another program's
    /// X25519 key). Refuses non-canonical encodings and low-order points like
    /// [`parse`](Self::parse).
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Recipient, RecipientError> {
        if !is_canonical(&bytes) {
            return Err(RecipientError::NonCanonical);
        }
        let key = PublicKey::from(bytes);
        if is_low_order(&key) {
            return Err(RecipientError::WeakKey);
        }
        Ok(Recipient(key))
    }

    /// The 32-byte X25519 public key.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }
}

impl fmt::Display for Recipient {
    /// The canonical form: `rgpub1` and lower-case Bech32.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_key(RECIPIENT_PREFIX, self.as_bytes(), false))
    }
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Recipient({self})")
    }
}

/// The secret half: opens files encrypted to its [`Recipient`]. Wiped on
/// drop; `Debug` shows only the recipient.
#[derive(Clone)]
pub struct Identity(StaticSecret);

impl Identity {
    /// A new random identity from the operating system's generator.
    pub fn generate() -> Result<Identity, getrandom::Error> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::getrandom(&mut *bytes)?;
        Ok(Identity::from_bytes(*bytes))
    }

    /// The identity with these 32 secret bytes (X25519 clamps them when
    /// used). For test vectors and for reading an identity file.
    pub fn from_bytes(bytes: [u8; 32]) -> Identity {
        Identity(StaticSecret::from(bytes))
    }

    /// Parses `RGSECRET1…` (surrounding white space ignored, either case).
    pub fn parse(text: &str) -> Result<Identity, RecipientError> {
        let bytes = decode_key(text.trim(), IDENTITY_PREFIX).map_err(|e| {
            RecipientError::BadIdentity(match e {
                KeyTextError::Prefix => "it does not start with RGSECRET1",
                KeyTextError::Char(_) => "a character outside Bech32",
                KeyTextError::MixedCase => "upper and lower case mixed",
                KeyTextError::Length(_) => "wrong length",
                KeyTextError::Checksum => "the checksum does not match",
            })
        })?;
        Ok(Identity::from_bytes(*bytes))
    }

    /// The recipient that files for this identity are encrypted to.
    pub fn recipient(&self) -> Recipient {
        Recipient(PublicKey::from(&self.0))
    }

    /// `RGSECRET1…`: the text form kept in an identity file, wiped on drop.
    pub fn to_secret_string(&self) -> Zeroizing<String> {
        Zeroizing::new(encode_key(IDENTITY_PREFIX, self.0.as_bytes(), true))
    }

    pub(crate) fn secret(&self) -> &StaticSecret {
        &self.0
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identity(<secret for {}>)", self.recipient())
    }
}

/// The field prime of Curve25519, 2^255 − 19, little-endian.
const P25519: [u8; 32] = {
    let mut p = [0xff; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    p
};

/// Whether `bytes` is the canonical encoding of an X25519 u-coordinate:
/// bit 255 clear and the value below 2^255 − 19 (RFC 7748 §5 lets X25519
/// accept the others by masking and reducing; RootGuard's format does not).
/// Every public key X25519 computes is canonical.
pub fn is_canonical(bytes: &[u8; 32]) -> bool {
    // Compare as little-endian integers, most significant byte first.
    for (b, p) in bytes.iter().rev().zip(P25519.iter().rev()) {
        if b != p {
            return b < p;
        }
    }
    false
}

/// The canonical u-coordinates of the low-order points: those of order
/// dividing 8 on Curve25519 (0, 1 and the two of order 8) and dividing 4 on
/// its twist (p − 1), little-endian; libsodium's list, less the two
/// non-canonical encodings [`is_canonical`] refuses already. Every u below
/// p lies on the curve or on its twist, and the curve's group is Z/8 × Z/ℓ,
/// the twist's Z/4 × Z/ℓ′, so there are no others.
const LOW_ORDER: [[u8; 32]; 5] = [
    [0; 32],
    {
        let mut one = [0; 32];
        one[0] = 1;
        one
    },
    [
        0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4,
        0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
        0xb8, 0x00,
    ],
    [
        0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef,
        0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f,
        0x11, 0x57,
    ],
    {
        let mut p_minus_one = P25519;
        p_minus_one[0] = 0xec;
        p_minus_one
    },
];

/// Whether X25519 with `key` (canonical) gives the all-zero secret: true
/// exactly for the low-order points, since every clamped scalar is a
/// multiple of the cofactor 8 and so removes any small-order component.
/// Looked up in [`LOW_ORDER`] rather than found by a scalar multiplication,
/// so that reading recipients (the settings, in the extension's page
/// module) needs no curve arithmetic; the tests check the table against
/// X25519 itself.
fn is_low_order(key: &PublicKey) -> bool {
    LOW_ORDER.contains(key.as_bytes())
}

enum KeyTextError {
    Prefix,
    Char(String),
    MixedCase,
    Length(usize),
    Checksum,
}

/// The 32 bytes of a Bech32 string with human-readable part `prefix`.
/// Canonical only: re-encoding must give the input back (in its case), which
/// also rejects non-zero padding bits.
fn decode_key(text: &str, prefix: &str) -> Result<Zeroizing<[u8; 32]>, KeyTextError> {
    let unchecked = UncheckedHrpstring::new(text).map_err(|e| match e {
        UncheckedHrpstringError::Char(CharError::MixedCase) => KeyTextError::MixedCase,
        UncheckedHrpstringError::Char(CharError::InvalidChar(ch)) => {
            KeyTextError::Char(format!("{ch:?}"))
        }
        UncheckedHrpstringError::Char(_) => KeyTextError::Length(0),
        _ => KeyTextError::Prefix,
    })?;
    if !unchecked.hrp().as_str().eq_ignore_ascii_case(prefix) {
        return Err(KeyTextError::Prefix);
    }
    // The length first: a cut-off string should say so, not "checksum".
    let found = unchecked.data_part_ascii().len();
    if found != KEY_CHARS + CHECKSUM_CHARS {
        return Err(KeyTextError::Length(found));
    }
    let checked = unchecked.validate_and_remove_checksum::<Bech32>().map_err(|e| match e {
        ChecksumError::InvalidResidue => KeyTextError::Checksum,
        _ => KeyTextError::Length(found),
    })?;
    let mut bytes = Zeroizing::new([0u8; 32]);
    let mut iter = checked.byte_iter();
    for (dst, src) in bytes.iter_mut().zip(iter.by_ref()) {
        *dst = src;
    }
    if iter.next().is_some() {
        return Err(KeyTextError::Length(found));
    }
    let upper = text.bytes().any(|b| b.is_ascii_uppercase());
    let again = Zeroizing::new(encode_key(prefix, &bytes, upper));
    if again.as_str() != text {
        return Err(KeyTextError::Checksum);
    }
    Ok(bytes)
}

fn encode_key(prefix: &str, bytes: &[u8; 32], upper: bool) -> String {
    let hrp = Hrp::parse_unchecked(prefix);
    let encoded = if upper {
        bech32::encode_upper::<Bech32>(hrp, bytes)
    } else {
        bech32::encode_lower::<Bech32>(hrp, bytes)
    };
    // 32 bytes are far below Bech32's length limit: encoding cannot fail.
    encoded.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Identity {
        Identity::from_bytes([7; 32])
    }

    #[test]
    fn recipient_and_identity_strings_round_trip() {
        let id = alice();
        let r = id.recipient().to_string();
        assert!(r.starts_with("rgpub1"), "{r}");
        assert_eq!(r.len(), 5 + 1 + 52 + 6);
        assert_eq!(Recipient::parse(&r).unwrap(), id.recipient());
        assert_eq!(Recipient::parse(&format!("  {}\n", r.to_uppercase())).unwrap(), id.recipient());
        let s = id.to_secret_string();
        assert!(s.starts_with("RGSECRET1"), "{}", s.as_str());
        assert_eq!(Identity::parse(&s).unwrap().recipient(), id.recipient());
        assert!(!format!("{id:?}").contains(s.as_str()));
    }

    #[test]
    fn every_way_to_mistype_a_recipient_is_named() {
        let r = alice().recipient().to_string();
        let err = |t: &str| Recipient::parse(t).unwrap_err();
        assert_eq!(err(""), RecipientError::Empty);
        assert_eq!(err("  \n"), RecipientError::Empty);
        assert_eq!(err(&alice().to_secret_string()), RecipientError::IsIdentity);
        assert!(matches!(err("age1qqqq"), RecipientError::WrongPrefix(p) if p == "age"));
        // One character changed: the checksum catches it.
        let mut typo = r.clone().into_bytes();
        typo[20] = if typo[20] == b'q' { b'p' } else { b'q' };
        assert_eq!(err(std::str::from_utf8(&typo).unwrap()), RecipientError::BadChecksum);
        assert!(matches!(err(&r[..r.len() - 3]), RecipientError::WrongLength { .. }));
        assert!(matches!(err(&format!("{r}qq")), RecipientError::WrongLength { .. }));
        assert!(matches!(err(&r.replacen('q', "b", 1)), RecipientError::BadCharacter(_)));
        let mixed = format!("{}{}", &r[..10], r[10..].to_uppercase());
        assert_eq!(err(&mixed), RecipientError::MixedCase);
    }

    /// What the table stands for: X25519 with the point gives the all-zero
    /// secret (as x25519-dalek reports it), for some scalars and points.
    fn gives_zero_secret(u: &[u8; 32]) -> bool {
        [[0x55; 32], [0x01; 32], [0xfe; 32]].iter().all(|scalar| {
            !StaticSecret::from(*scalar).diffie_hellman(&PublicKey::from(*u)).was_contributory()
        })
    }

    #[test]
    fn the_low_order_table_agrees_with_x25519() {
        for u in LOW_ORDER {
            assert!(is_canonical(&u), "{u:02x?}");
            assert!(gives_zero_secret(&u), "{u:02x?}");
            assert_eq!(Recipient::from_bytes(u).unwrap_err(), RecipientError::WeakKey);
        }
        // Ordinary keys, the points next to the table's, and a spread of
        // small and large values: X25519 gives a contributory secret, and
        // the table does not list them.
        let mut others: Vec<[u8; 32]> =
            (1..=8).map(|i| *Identity::from_bytes([i; 32]).recipient().as_bytes()).collect();
        for u in LOW_ORDER {
            for delta in [1u8, 2, 3] {
                let mut up = u;
                up[0] = up[0].wrapping_add(delta);
                let mut down = u;
                down[0] = down[0].wrapping_sub(delta);
                others.extend([up, down]);
            }
        }
        others.extend((2u8..=64).map(|v| {
            let mut u = [0; 32];
            u[0] = v;
            u
        }));
        for u in others.into_iter().filter(is_canonical) {
            assert_eq!(is_low_order(&PublicKey::from(u)), gives_zero_secret(&u), "{u:02x?}");
        }
    }

    #[test]
    fn low_order_points_are_refused() {
        // The identity point 0 and the order-2 point 1 (RFC 7748 lists these
        // among the low-order inputs).
        for u in [0u8, 1] {
            let mut bytes = [0u8; 32];
            bytes[0] = u;
            assert_eq!(Recipient::from_bytes(bytes).unwrap_err(), RecipientError::WeakKey);
            let text = encode_key(RECIPIENT_PREFIX, &bytes, false);
            assert_eq!(Recipient::parse(&text).unwrap_err(), RecipientError::WeakKey);
        }
    }

    #[test]
    fn non_canonical_keys_are_refused() {
        let good = *alice().recipient().as_bytes();
        assert!(is_canonical(&good));
        let mut top = good;
        top[31] |= 0x80;
        assert!(!is_canonical(&top));
        assert_eq!(Recipient::from_bytes(top).unwrap_err(), RecipientError::NonCanonical);
        let text = encode_key(RECIPIENT_PREFIX, &top, false);
        let err = Recipient::parse(&text).unwrap_err();
        assert_eq!(err, RecipientError::NonCanonical);
        assert_eq!(err.name(), "NonCanonicalKey");
        // p itself and the values above it, up to 2^255 - 1, are not canonical;
        // p - 1 is (a low-order point, refused as such), and so is p - 2.
        let mut p = P25519;
        assert!(!is_canonical(&p));
        p[0] = 0xff;
        assert!(!is_canonical(&p));
        assert_eq!(Recipient::from_bytes(p).unwrap_err(), RecipientError::NonCanonical);
        p[0] = 0xec;
        assert!(is_canonical(&p));
        assert_eq!(Recipient::from_bytes(p).unwrap_err(), RecipientError::WeakKey);
        p[0] = 0xeb;
        assert!(Recipient::from_bytes(p).is_ok());
    }

    #[test]
    fn identities_refuse_recipients_and_damage() {
        assert!(Identity::parse(&alice().recipient().to_string()).is_err());
        let s = alice().to_secret_string();
        assert!(Identity::parse(&s[..s.len() - 1]).is_err());
    }
}
