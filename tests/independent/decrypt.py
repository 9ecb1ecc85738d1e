#!/usr/bin/env python3
"""An independent decryptor for RootGuard encrypted files.

Written from docs/FORMAT.md alone, with PyPI's `cryptography` (AES-256-GCM)
and `argon2-cffi` (the reference Argon2 implementation), to prove that the
format is what the document says. It shares no code with RootGuard.

Usage: python decrypt.py FILE PASSPHRASE_FILE

Prints the original file's bytes to standard output. PASSPHRASE_FILE holds
the passphrase; one trailing newline is removed. Exits non-zero with a
message on standard error when the file cannot be opened: the exit codes are
those of `rootguard decrypt` (docs/FORMAT.md, "Errors").
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import sys
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RGENC\x00"
HEADER_LEN = 52
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
    "UnsupportedVersion": 4,
    "UnsupportedKdf": 4,
    "BadParams": 5,
}


class FormatError(Exception):
    """A file that cannot be opened; `name` is the error name in FORMAT.md."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


@dataclass
class Opened:
    file_name: str
    plaintext: bytes
    params: tuple[int, int, int]


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
    return binary


def open_file(data: bytes, passphrase: bytes) -> Opened:
    """Steps 1 to 10 of FORMAT.md, "Reading, step by step"."""
    binary = to_binary(data)
    if not binary.startswith(MAGIC):
        raise FormatError("NotAnEnvelope", "no RootGuard magic")
    if len(binary) < 7:
        raise FormatError("Truncated", "no version byte")
    version = binary[6]
    if version != 1:
        raise FormatError("UnsupportedVersion", f"format version {version} is not 1")
    if len(binary) < HEADER_LEN:
        raise FormatError("Truncated", "shorter than the 52-byte header")
    header = binary[:HEADER_LEN]
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
    expected = HEADER_LEN + payload_len + TAG_LEN
    if len(binary) < expected:
        raise FormatError("Truncated", f"{len(binary)} bytes, the header declares {expected}")
    if len(binary) > expected:
        raise FormatError("TrailingData", f"{len(binary) - expected} bytes after the tag")
    if payload_len < 2:
        raise FormatError("Truncated", "payload shorter than its name length field")

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
    try:
        # cryptography takes ciphertext || tag, exactly the bytes after the header.
        payload = AESGCM(key).decrypt(nonce, binary[HEADER_LEN:], header)
    except InvalidTag:
        raise FormatError(
            "WrongPassphraseOrTampered",
            "wrong passphrase, or the file was modified (these cannot be told apart)",
        ) from None

    (name_len,) = struct.unpack_from("<H", payload, 0)
    if name_len > 255 or 2 + name_len > len(payload):
        raise FormatError("MalformedPayload", f"bad file name length {name_len}")
    try:
        file_name = payload[2 : 2 + name_len].decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError("MalformedPayload", "file name is not UTF-8") from None
    return Opened(file_name=file_name, plaintext=payload[2 + name_len :], params=params)


def read_passphrase(path: str) -> bytes:
    with open(path, "rb") as f:
        passphrase = f.read()
    if passphrase.endswith(b"\n"):
        passphrase = passphrase[:-1]
        if passphrase.endswith(b"\r"):
            passphrase = passphrase[:-1]
    return passphrase


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: decrypt.py FILE PASSPHRASE_FILE", file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            data = f.read()
        passphrase = read_passphrase(argv[2])
    except OSError as e:
        print(f"decrypt.py: {e}", file=sys.stderr)
        return 2
    try:
        opened = open_file(data, passphrase)
    except FormatError as e:
        print(f"decrypt.py: {e.name}: {e}", file=sys.stderr)
        return EXIT_CODES.get(e.name, 2)
    sys.stdout.buffer.write(opened.plaintext)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
