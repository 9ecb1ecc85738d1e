#!/usr/bin/env python3
"""An independent decryptor for RootGuard encrypted files.

Written from docs/FORMAT.md alone, with PyPI's `cryptography` (AES-256-GCM,
X25519, HKDF-SHA256) and `argon2-cffi` (the reference Argon2 implementation),
to prove that the format is what the document says. It shares no code with
RootGuard. Bech32 is decoded by the few lines of BIP 173's reference code
below (a text encoding, not cryptography).

Usage: python decrypt.py FILE PASSPHRASE_FILE
       python decrypt.py -i IDENTITY_FILE FILE PASSPHRASE_FILE

Prints the original file's bytes to standard output. PASSPHRASE_FILE holds
the passphrase (with -i: the identity file's); one trailing newline is
removed. Exits non-zero with a message on standard error when the file
cannot be opened: the exit codes are those of `rootguard decrypt`
(docs/FORMAT.md, "Errors").
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import struct
import sys
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac as crypto_hmac, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"RGENC\x00"
HEADER_LEN = 52
MAC_LEN = 32  # version 3's header MAC
HEADER_LEN_V3 = HEADER_LEN + MAC_LEN
MAC_INFO = b"rootguard v3 header mac"
PAYLOAD_INFO = b"rootguard v3 payload key"
P25519 = 2**255 - 19
TAG_LEN = 16
BEGIN = b"-----BEGIN ROOTGUARD ENCRYPTED FILE-----"
END = b"-----END ROOTGUARD ENCRYPTED FILE-----"
FLOOR = (19456, 2, 1)  # m_cost KiB, t_cost, p_cost
CAP = (1048576, 10, 4)
ARMOR_WHITESPACE = b" \t\r\n\x0b\x0c"
BASE64_CHARS = re.compile(rb"[A-Za-z0-9+/=]*")

# Exit codes, as `rootguard decrypt` uses them.
EXIT_CODES = {
    "WrongPassphraseOrTampered": 1,
    "NotAnEnvelope": 3,
    "Truncated": 3,
    "TrailingData": 3,
    "BadArmor": 3,
    "MalformedPayload": 3,
    "NotEncryptedToIdentity": 1,
    "Tampered": 1,
    "BadRecipientCount": 3,
    "InvalidStanza": 3,
    "NeedsIdentity": 2,
    "NeedsPassphrase": 2,
    "UnsupportedVersion": 4,
    "UnsupportedKdf": 4,
    "BadParams": 5,
    # Identity-file failures (FORMAT.md, "Errors").
    "IsRecipientsFile": 2,
    "NoIdentity": 2,
    "SeveralIdentities": 2,
    "BadIdentity": 2,
    "UnexpectedIdentityLine": 2,
    "IdentityPublicKeyMismatch": 2,
}


class FormatError(Exception):
    """A file that cannot be opened; `name` is the error name in FORMAT.md."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


# Version 2 (FORMAT.md, "Version 2: recipients").
V2_FIXED_LEN = 24
V2_ENTRY_LEN = 80
V2_MAX_RECIPIENTS = 16
WRAP_INFO = b"rootguard v2 x25519 file key"
V3_FIXED_LEN = 25
WRAP_INFO_V3 = b"rootguard v3 x25519 file key"


@dataclass
class Opened:
    file_name: str
    plaintext: bytes
    params: tuple[int, int, int]
    version: int = 1


def dearmor(text: bytes) -> bytes | None:
    """Decodes armored text (FORMAT.md, "ASCII armor"); None if not armored."""
    begin = text.find(BEGIN)
    if begin < 0:
        return None
    rest = text[begin + len(BEGIN):]
    end = rest.find(END)
    if end < 0:
        raise FormatError("BadArmor", "no END marker: the armored text was cut off")
    body = rest[:end]
    for ch in ARMOR_WHITESPACE:
        body = body.replace(bytes([ch]), b"")
    if not body:
        raise FormatError("BadArmor", "nothing between the markers")
    if not BASE64_CHARS.fullmatch(body):
        raise FormatError("BadArmor", "a character that is not base64 between the markers")
    # Padding may be missing; if present it must be correct.
    stripped = body.rstrip(b"=")
    if b"=" in stripped or len(body) - len(stripped) > 2:
        raise FormatError("BadArmor", "misplaced base64 padding")
    if len(stripped) % 4 == 1:
        raise FormatError("BadArmor", "base64 of impossible length")
    if len(body) != len(stripped) and len(body) % 4 != 0:
        raise FormatError("BadArmor", "wrong base64 padding")
    padded = stripped + b"=" * (-len(stripped) % 4)
    try:
        decoded = base64.b64decode(padded, validate=True)
    except binascii.Error as e:
        raise FormatError("BadArmor", f"invalid base64: {e}") from None
    # Non-canonical encodings (non-zero trailing bits) are rejected.
    if base64.b64encode(decoded).rstrip(b"=") != stripped:
        raise FormatError("BadArmor", "non-canonical base64 (non-zero trailing bits)")
    return decoded


def to_binary(data: bytes) -> bytes:
    """FORMAT.md, "Reading, step by step", step 1."""
    if data.startswith(MAGIC):
        return data
    if data and MAGIC.startswith(data):
        raise FormatError("Truncated", "the file ends inside its magic bytes")
    binary = dearmor(data)
    if binary is None:
        raise FormatError("NotAnEnvelope", "not a RootGuard file")
    # Decoded armor is read as binary input is.
    if binary and MAGIC.startswith(binary):
        raise FormatError("Truncated", "the decoded armor ends inside the magic bytes")
    return binary


def version_of(binary: bytes) -> int:
    """Steps 2 and 3 of "Reading, step by step": the magic, the version byte."""
    if not binary.startswith(MAGIC):
        raise FormatError("NotAnEnvelope", "no RootGuard magic")
    if len(binary) < 7:
        raise FormatError("Truncated", "no version byte")
    return binary[6]


def kind_of(binary: bytes) -> tuple[int, str]:
    """The version and what opens the file: "passphrase" or "recipients"
    (FORMAT.md, "Reading, step by step", step 3; "Version 3")."""
    version = version_of(binary)
    if version == 1:
        return 1, "passphrase"
    if version == 2:
        return 2, "recipients"
    if version == 3:
        if len(binary) < 8:
            raise FormatError("Truncated", "no kind byte")
        kind = binary[7]
        if kind == 1:
            return 3, "passphrase"
        if kind == 2:
            return 3, "recipients"
        raise FormatError("UnsupportedKdf", f"version 3 kind {kind} is not 1 or 2")
    raise FormatError("UnsupportedVersion", f"format version {version} is not 1, 2 or 3")


def v3_keys(file_key: bytes) -> tuple[bytes, bytes]:
    """Version 3: (payload key, header MAC key) from the file key."""
    def expand(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(file_key)

    return expand(PAYLOAD_INFO), expand(MAC_INFO)


def mac_ok(mac_key: bytes, signed: bytes, mac: bytes) -> bool:
    h = crypto_hmac.HMAC(mac_key, hashes.SHA256())
    h.update(signed)
    return hmac.compare_digest(h.finalize(), mac)


def parse_v1(binary: bytes) -> tuple[bytes, tuple[int, int, int], bytes, bytes]:
    """Steps 4 to 7 of version 1 (and of version 3 with a passphrase):
    (header, params, salt, nonce); the header includes version 3's MAC."""
    header_len = HEADER_LEN_V3 if binary[6] == 3 else HEADER_LEN
    if len(binary) < header_len:
        raise FormatError("Truncated", f"shorter than the {header_len}-byte header")
    header = binary[:header_len]
    kdf = header[7]
    if kdf != 1:
        raise FormatError("UnsupportedKdf", f"KDF {kdf} is not 1 (Argon2id v0x13)")
    m_cost, t_cost, p_cost = struct.unpack_from("<III", header, 8)
    params = (m_cost, t_cost, p_cost)
    if any(v < lo for v, lo in zip(params, FLOOR)):
        raise FormatError("BadParams", f"parameters {params} below the floor {FLOOR}")
    if any(v > hi for v, hi in zip(params, CAP)):
        raise FormatError("BadParams", f"parameters {params} above the cap {CAP}")
    salt = header[20:36]
    nonce = header[36:48]
    (payload_len,) = struct.unpack_from("<I", header, 48)
    check_length(binary, header_len, payload_len)
    return header, params, salt, nonce


def check_length(binary: bytes, header_len: int, payload_len: int) -> None:
    """The length checks of both versions: header, payload and tag, nothing after."""
    expected = header_len + payload_len + TAG_LEN
    if len(binary) < expected:
        raise FormatError("Truncated", f"{len(binary)} bytes, the header declares {expected}")
    if len(binary) > expected:
        raise FormatError("TrailingData", f"{len(binary) - expected} bytes after the tag")
    if payload_len < 2:
        raise FormatError("Truncated", "payload shorter than its name length field")


def open_file(data: bytes, passphrase: bytes) -> Opened:
    """Steps 1 to 10 of FORMAT.md, "Reading, step by step"."""
    binary = to_binary(data)
    version, kind = kind_of(binary)
    if kind == "recipients":
        parse_v2(binary)  # a damaged file says so first
        raise FormatError("NeedsIdentity", "a recipients file needs an identity")
    header, params, salt, nonce = parse_v1(binary)
    m_cost, t_cost, p_cost = params
    key = hash_secret_raw(
        secret=passphrase,
        salt=salt,
        time_cost=t_cost,
        memory_cost=m_cost,
        parallelism=p_cost,
        hash_len=32,
        type=Type.ID,
        version=19,
    )
    if version == 3:
        key, mac_key = v3_keys(key)
        if not mac_ok(mac_key, header[:HEADER_LEN], header[HEADER_LEN:]):
            raise FormatError(
                "WrongPassphraseOrTampered",
                "the header MAC fails: wrong passphrase, or the file was modified",
            )
    try:
        # cryptography takes ciphertext || tag, exactly the bytes after the header.
        payload = AESGCM(key).decrypt(nonce, binary[len(header):], header)
    except InvalidTag:
        raise FormatError(
            "WrongPassphraseOrTampered",
            "wrong passphrase, or the file was modified (these cannot be told apart)",
        ) from None
    file_name, plaintext = split_payload(payload)
    return Opened(file_name=file_name, plaintext=plaintext, params=params, version=version)


# --- Bech32 (BIP 173 reference code, the original checksum constant 1) ---

BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if ((top >> i) & 1) else 0
    return chk


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def bech32_key(text: str, hrp: str) -> bytes:
    """The 32 bytes of a key string with human-readable part `hrp`
    (FORMAT.md, "Recipient and identity strings"); ValueError if it is not one."""
    text = text.strip()
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    text = text.lower()
    if not text.startswith(hrp + "1"):
        raise ValueError(f"does not start with {hrp}1")
    data_part = text[len(hrp) + 1:]
    if len(data_part) != 52 + 6:
        raise ValueError(f"{len(data_part)} characters after the separator, not 58")
    if any(c not in BECH32_CHARSET for c in data_part):
        raise ValueError("a character outside Bech32")
    data = [BECH32_CHARSET.find(c) for c in data_part]
    if _bech32_polymod(_bech32_hrp_expand(hrp) + data) != 1:
        raise ValueError("wrong checksum")
    # 5-bit groups to bytes; the 4 padding bits must be zero.
    acc, bits, out = 0, 0, bytearray()
    for value in data[:-6]:
        acc = (acc << 5) | value
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or (acc << (8 - bits)) & 0xFF:
        raise ValueError("non-zero padding bits")
    return bytes(out)


def bech32_encode_key(key: bytes, hrp: str) -> str:
    """The lower-case Bech32 string of a 32-byte key."""
    acc, bits, data = 0, 0, []
    for byte in key:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    polymod = _bech32_polymod(_bech32_hrp_expand(hrp) + data + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)


# --- Version 2: recipients ---


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def parse_recipient(text: str) -> bytes:
    """A recipient string's 32-byte key (FORMAT.md, "Recipient and identity
    strings"): FormatError NonCanonicalKey for a non-canonical key,
    WeakKey for a low-order point, ValueError for anything else."""
    key = bech32_key(text, "rgpub")
    if int.from_bytes(key, "little") >= P25519:
        raise FormatError("NonCanonicalKey", "bit 255 set, or not below 2^255 - 19")
    try:
        X25519PrivateKey.from_private_bytes(bytes([0x55] * 32)).exchange(
            X25519PublicKey.from_public_bytes(key)
        )
    except ValueError:
        raise FormatError("WeakKey", "a low-order point") from None
    return key


def identity_from_text(text: bytes) -> bytes:
    """The identity secret in an identity file's plaintext (FORMAT.md, "Identity files")."""
    try:
        lines = text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise FormatError("NoIdentity", "not UTF-8 text") from None
    identities, claimed, unexpected = [], None, None
    for number, line in enumerate(lines, start=1):
        line = line.strip(" \t\r\n\x0b\x0c")
        if not line:
            continue
        if line.startswith("# public key:"):
            claimed = line[len("# public key:"):].strip()
        elif line.startswith("#"):
            continue
        elif line.lower().startswith("rgsecret1"):
            identities.append(line)
        elif unexpected is None:
            unexpected = number
    if not identities:
        raise FormatError("NoIdentity", "no RGSECRET1 line")
    if len(identities) > 1:
        raise FormatError("SeveralIdentities", f"{len(identities)} identity lines, not 1")
    try:
        secret = bech32_key(identities[0], "rgsecret")
    except ValueError as e:
        raise FormatError("BadIdentity", f"identity line: {e}") from None
    if unexpected is not None:
        raise FormatError("UnexpectedIdentityLine", f"line {unexpected} is not blank, # or the identity")
    if claimed is not None and claimed.lower() != recipient_of(secret):
        raise FormatError("IdentityPublicKeyMismatch", f"the file claims {claimed}")
    return secret


def open_identity_file(data: bytes, passphrase: bytes) -> bytes:
    """An identity file is a version 1 file; returns the 32-byte identity secret."""
    return identity_from_text(open_file(data, passphrase).plaintext)


def recipient_of(secret: bytes) -> str:
    """The rgpub1… string of an identity secret."""
    public = _raw_public(X25519PrivateKey.from_private_bytes(secret).public_key())
    return bech32_encode_key(public, "rgpub")


@dataclass
class OpenedV2:
    file_name: str
    plaintext: bytes
    recipients: int
    version: int = 2


def parse_v2(binary: bytes) -> tuple[bytes, int, bytes]:
    """Steps 3 to 6 of "Reading version 2" (and of version 3 to recipients):
    (header, count, nonce); the header includes version 3's MAC."""
    v3 = binary[6] == 3
    fixed = V3_FIXED_LEN if v3 else V2_FIXED_LEN
    if len(binary) < fixed:
        raise FormatError("Truncated", f"shorter than the {fixed}-byte fixed header")
    count = binary[fixed - 17]  # the byte before the nonce
    if not 1 <= count <= V2_MAX_RECIPIENTS:
        raise FormatError("BadRecipientCount", f"{count} recipients, not 1 to 16")
    header_len = fixed + V2_ENTRY_LEN * count + (MAC_LEN if v3 else 0)
    if len(binary) < header_len:
        raise FormatError("Truncated", "shorter than its header")
    header = binary[:header_len]
    nonce = header[fixed - 16 : fixed - 4]
    (payload_len,) = struct.unpack_from("<I", header, fixed - 4)
    if v3:
        for i in range(count):
            e = header[fixed + V2_ENTRY_LEN * i : fixed + V2_ENTRY_LEN * i + 32]
            if int.from_bytes(e, "little") >= P25519:
                raise FormatError("InvalidStanza", f"entry {i + 1}: non-canonical ephemeral key")
    check_length(binary, header_len, payload_len)
    return header, count, nonce


def open_file_with_identity(data: bytes, secret: bytes) -> OpenedV2:
    """FORMAT.md, "Reading version 2, step by step"."""
    binary = to_binary(data)
    version, kind = kind_of(binary)
    if kind == "passphrase":
        parse_v1(binary)  # a damaged file says so first
        raise FormatError("NeedsPassphrase", "a passphrase file given an identity")
    header, count, nonce = parse_v2(binary)
    fixed = V3_FIXED_LEN if version == 3 else V2_FIXED_LEN
    info = WRAP_INFO_V3 if version == 3 else WRAP_INFO

    identity = X25519PrivateKey.from_private_bytes(secret)
    ours = _raw_public(identity.public_key())
    # Version 2 also tries P with bit 255 set: files sealed to such a
    # recipient string before it was refused (FORMAT.md, "Version 2").
    salts = [ours] if version == 3 else [ours, ours[:31] + bytes([ours[31] | 0x80])]
    file_key = None
    for i in range(count):
        entry = header[fixed + V2_ENTRY_LEN * i : fixed + V2_ENTRY_LEN * (i + 1)]
        ephemeral, wrapped = entry[:32], entry[32:]
        try:
            shared = identity.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError:
            # OpenSSL refuses an all-zero result itself.
            shared = bytes(32)
        if shared == bytes(32):
            raise FormatError("InvalidStanza", f"entry {i + 1}: all-zero X25519 secret")
        for p in salts:
            wrap_key = HKDF(
                algorithm=hashes.SHA256(), length=32, salt=ephemeral + p, info=info
            ).derive(shared)
            try:
                file_key = AESGCM(wrap_key).decrypt(bytes(12), wrapped, b"")
                break
            except InvalidTag:
                continue
        if file_key is not None:
            break
    if file_key is None:
        raise FormatError("NotEncryptedToIdentity", "no entry opens with this identity")
    if version == 3:
        file_key, mac_key = v3_keys(file_key)
        if not mac_ok(mac_key, header[:-MAC_LEN], header[-MAC_LEN:]):
            raise FormatError("Tampered", "the entry opened but the header MAC fails")
    try:
        payload = AESGCM(file_key).decrypt(nonce, binary[len(header):], header)
    except InvalidTag:
        raise FormatError("Tampered", "the entry opened but the payload's tag fails") from None
    file_name, plaintext = split_payload(payload)
    return OpenedV2(file_name=file_name, plaintext=plaintext, recipients=count, version=version)


def split_payload(payload: bytes) -> tuple[str, bytes]:
    """FORMAT.md, "Payload"."""
    (name_len,) = struct.unpack_from("<H", payload, 0)
    if name_len > 255 or 2 + name_len > len(payload):
        raise FormatError("MalformedPayload", f"bad file name length {name_len}")
    try:
        file_name = payload[2 : 2 + name_len].decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError("MalformedPayload", "file name is not UTF-8") from None
    return file_name, payload[2 + name_len :]


def read_passphrase(path: str) -> bytes:
    with open(path, "rb") as f:
        passphrase = f.read()
    if passphrase.endswith(b"\n"):
        passphrase = passphrase[:-1]
        if passphrase.endswith(b"\r"):
            passphrase = passphrase[:-1]
    return passphrase


def main(argv: list[str]) -> int:
    identity_path = None
    if len(argv) == 5 and argv[1] == "-i":
        identity_path, argv = argv[2], [argv[0], *argv[3:]]
    if len(argv) != 3:
        print("usage: decrypt.py [-i IDENTITY_FILE] FILE PASSPHRASE_FILE", file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            data = f.read()
        passphrase = read_passphrase(argv[2])
        identity_file = None
        if identity_path is not None:
            with open(identity_path, "rb") as f:
                identity_file = f.read()
    except OSError as e:
        print(f"decrypt.py: {e}", file=sys.stderr)
        return 2
    try:
        if identity_file is None:
            opened = open_file(data, passphrase)
        else:
            opened = open_file_with_identity(data, open_identity_file(identity_file, passphrase))
    except FormatError as e:
        print(f"decrypt.py: {e.name}: {e}", file=sys.stderr)
        return EXIT_CODES.get(e.name, 2)
    sys.stdout.buffer.write(opened.plaintext)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
