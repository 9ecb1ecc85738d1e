"""The independent decryptor against RootGuard's vectors and its CLI.

Run from the repository root (see tests/independent/README.md):

    target/pyvenv/bin/python -m unittest discover -s tests/independent -v

ROOTGUARD_BIN names the CLI to round-trip with (default
target/release/rootguard); the CLI tests fail, not skip, when it is missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VECTORS = ROOT / "tests" / "vectors"
DECRYPT = HERE / "decrypt.py"

sys.path.insert(0, str(HERE))
import decrypt  # noqa: E402  (the module under test, beside this file)


def rootguard_bin() -> Path:
    path = Path(os.environ.get("ROOTGUARD_BIN", ROOT / "target" / "release" / "rootguard"))
    return path if path.is_absolute() else ROOT / path


def load_vectors() -> list[dict]:
    with open(VECTORS / "vectors.json", encoding="utf-8") as f:
        return json.load(f)["vectors"]


class Vectors(unittest.TestCase):
    def test_every_vector_has_the_listed_outcome(self):
        vectors = load_vectors()
        self.assertGreaterEqual(len(vectors), 10)
        for v in vectors:
            with self.subTest(file=v["file"], expect=v["expect"]):
                data = (VECTORS / v["file"]).read_bytes()
                if "identity_file" in v:
                    self.check_recipients_vector(v, data)
                    continue
                passphrase = v["passphrase"].encode("utf-8")
                if v["expect"] == "ok":
                    opened = decrypt.open_file(data, passphrase)
                    self.assertEqual(opened.plaintext.hex(), v["plaintext_hex"])
                    self.assertEqual(opened.file_name, v["file_name"])
                    p = v["params"]
                    self.assertEqual(opened.params, (p["m_cost_kib"], p["t_cost"], p["p_cost"]))
                    if not v["armored"]:
                        self.assertEqual(data[20:36].hex(), v["salt_hex"])
                        self.assertEqual(data[36:48].hex(), v["nonce_hex"])
                    if "identity_recipient" in v:
                        secret = decrypt.identity_from_text(opened.plaintext)
                        self.assertEqual(secret.hex(), v["identity_secret_hex"])
                        self.assertEqual(decrypt.recipient_of(secret), v["identity_recipient"])
                else:
                    with self.assertRaises(decrypt.FormatError) as caught:
                        decrypt.open_file(data, passphrase)
                    self.assertEqual(caught.exception.name, v["error"])

    def check_recipients_vector(self, v: dict, data: bytes) -> None:
        """A version 2 vector: the identity file first, then the file."""
        identity_file = (VECTORS / v["identity_file"]).read_bytes()
        secret = decrypt.open_identity_file(identity_file, v["identity_passphrase"].encode())
        if v["expect"] == "ok":
            opened = decrypt.open_file_with_identity(data, secret)
            self.assertEqual(opened.plaintext.hex(), v["plaintext_hex"])
            self.assertEqual(opened.file_name, v["file_name"])
            self.assertEqual(opened.recipients, len(v["recipients"]))
            self.assertIn(decrypt.recipient_of(secret), v["recipients"])
            if not v["armored"]:
                self.assertIn(data[6], (2, 3))
                self.assertEqual(opened.version, data[6])
                fixed = 25 if data[6] == 3 else 24
                self.assertEqual(data[fixed - 16 : fixed - 4].hex(), v["nonce_hex"])
                # Each entry's ephemeral key is X25519(e, 9) of the listed secret.
                for i, e in enumerate(v["ephemeral_secrets_hex"]):
                    public = decrypt._raw_public(
                        decrypt.X25519PrivateKey.from_private_bytes(bytes.fromhex(e)).public_key()
                    )
                    self.assertEqual(data[fixed + 80 * i : fixed + 32 + 80 * i], public)
            if "noncanonical_recipient" in v:
                with self.assertRaises(decrypt.FormatError) as caught:
                    decrypt.parse_recipient(v["noncanonical_recipient"])
                self.assertEqual(caught.exception.name, "NonCanonicalKey")
        else:
            with self.assertRaises(decrypt.FormatError) as caught:
                decrypt.open_file_with_identity(data, secret)
            self.assertEqual(caught.exception.name, v["error"])

    def test_bech32_strings_refuse_typos(self):
        v = next(v for v in load_vectors() if "identity_recipient" in v)
        recipient = v["identity_recipient"]
        key = decrypt.bech32_key(recipient, "rgpub")
        self.assertEqual(decrypt.bech32_encode_key(key, "rgpub"), recipient)
        self.assertEqual(decrypt.bech32_key(recipient.upper(), "rgpub"), key)
        typo = recipient[:20] + ("p" if recipient[20] == "q" else "q") + recipient[21:]
        for bad in [typo, recipient[:-1], recipient[:10] + recipient[10:].upper()]:
            with self.assertRaises(ValueError):
                decrypt.bech32_key(bad, "rgpub")

    def test_ok_and_failing_vectors_are_both_present(self):
        outcomes = {v["expect"] for v in load_vectors()}
        errors = {v.get("error") for v in load_vectors()}
        self.assertEqual(outcomes, {"ok", "error"})
        for name in [
            "WrongPassphraseOrTampered",
            "UnsupportedVersion",
            "Truncated",
            "BadParams",
            "NotEncryptedToIdentity",
            "Tampered",
            "BadRecipientCount",
            "InvalidStanza",
            "NeedsIdentity",
            "UnsupportedKdf",
            "BadArmor",
            "TrailingData",
        ]:
            self.assertIn(name, errors)

    def test_the_salamander_opens_twice_in_version_2_and_once_in_version_3(self):
        """One file, two recipients, two plaintexts: version 2 cannot tell;
        version 3's header MAC refuses the second."""
        salamanders = [v for v in load_vectors() if v["file"].startswith("salamander-")]
        v2 = [v for v in salamanders if v["file"] == "salamander-v2.rootguard"]
        self.assertEqual([v["expect"] for v in v2], ["ok", "ok"])
        self.assertNotEqual(v2[0]["plaintext_hex"], v2[1]["plaintext_hex"])
        v3 = [v for v in salamanders if v["file"] == "salamander-v3.rootguard"]
        self.assertEqual([(v["expect"], v.get("error")) for v in v3], [("ok", None), ("error", "Tampered")])
        # Without the MAC check, bob's payload key would open the payload:
        # the tag really verifies under both keys.
        data = (VECTORS / "salamander-v3.rootguard").read_bytes()
        header_len = 25 + 2 * 80 + 32
        for key_hex in v3[0]["file_keys_hex"]:
            payload_key, _ = decrypt.v3_keys(bytes.fromhex(key_hex))
            decrypt.AESGCM(payload_key).decrypt(data[9:21], data[header_len:], data[:header_len])

    def test_recipient_strings_must_be_canonical(self):
        v = next(v for v in load_vectors() if "identity_recipient" in v)
        key = decrypt.parse_recipient(v["identity_recipient"])
        high = key[:31] + bytes([key[31] | 0x80])
        with self.assertRaises(decrypt.FormatError) as caught:
            decrypt.parse_recipient(decrypt.bech32_encode_key(high, "rgpub"))
        self.assertEqual(caught.exception.name, "NonCanonicalKey")
        p = (2**255 - 19).to_bytes(32, "little")
        with self.assertRaises(decrypt.FormatError) as caught:
            decrypt.parse_recipient(decrypt.bech32_encode_key(p, "rgpub"))
        self.assertEqual(caught.exception.name, "NonCanonicalKey")

    def test_command_line_prints_the_original_bytes(self):
        v = next(v for v in load_vectors() if v["file"] == "v1-rootkey.armored.rootguard")
        with tempfile.TemporaryDirectory() as tmp:
            pw = Path(tmp) / "pw"
            pw.write_bytes(v["passphrase"].encode() + b"\n")
            run = subprocess.run(
                [sys.executable, str(DECRYPT), str(VECTORS / v["file"]), str(pw)],
                capture_output=True,
                check=False,
            )
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(run.stdout.hex(), v["plaintext_hex"])
            pw.write_bytes(b"wrong\n")
            run = subprocess.run(
                [sys.executable, str(DECRYPT), str(VECTORS / v["file"]), str(pw)],
                capture_output=True,
                check=False,
            )
            self.assertEqual(run.returncode, 1)
            self.assertEqual(run.stdout, b"")
            self.assertIn(b"WrongPassphraseOrTampered", run.stderr)


class CliRoundTrip(unittest.TestCase):
    """Files written by `rootguard encrypt` open here, byte for byte."""

    def setUp(self):
        self.bin = rootguard_bin()
        self.assertTrue(
            self.bin.is_file(),
            f"{self.bin} not found: build it (cargo build --release --bin rootguard) "
            "or set ROOTGUARD_BIN",
        )

    def encrypt(self, tmp: Path, name: str, data: bytes, passphrase: bytes, *extra: str) -> Path:
        src = tmp / name
        src.write_bytes(data)
        pw = tmp / "passphrase"
        pw.write_bytes(passphrase + b"\n")
        run = subprocess.run(
            [str(self.bin), "encrypt", "--passphrase-file", str(pw), *extra, str(src)],
            capture_output=True,
            check=False,
        )
        self.assertEqual(run.returncode, 0, run.stderr)
        out = tmp / (name + ".rootguard")
        self.assertTrue(out.is_file())
        return out

    def test_random_data_binary_and_armored(self):
        cases = [
            ("rootkey.csv", os.urandom(1000), b"a long passphrase, typed carefully"),
            ("blob.bin", os.urandom(70_000), "Grüße 🔑 aus Köln".encode()),
            ("empty.csv", b"", b"x"),
        ]
        for armored in (False, True):
            for name, data, passphrase in cases:
                with self.subTest(name=name, armored=armored), tempfile.TemporaryDirectory() as t:
                    tmp = Path(t)
                    extra = ("--armor",) if armored else ()
                    out = self.encrypt(tmp, name, data, passphrase, *extra)
                    raw = out.read_bytes()
                    self.assertEqual(raw.startswith(decrypt.BEGIN), armored)
                    opened = decrypt.open_file(raw, passphrase)
                    self.assertEqual(opened.plaintext, data)
                    self.assertEqual(opened.file_name, name)
                    self.assertEqual(opened.params, (65536, 3, 1))
                    with self.assertRaises(decrypt.FormatError) as caught:
                        decrypt.open_file(raw, passphrase + b"!")
                    self.assertEqual(caught.exception.name, "WrongPassphraseOrTampered")


class CliRecipients(unittest.TestCase):
    """`rootguard keygen` and `encrypt -r` output opens here; files to
    recipients open with decrypt.py -i."""

    def setUp(self):
        self.bin = rootguard_bin()
        self.assertTrue(self.bin.is_file(), f"{self.bin} not found: build it or set ROOTGUARD_BIN")

    def run_ok(self, *args: str) -> bytes:
        run = subprocess.run([str(self.bin), *args], capture_output=True, check=False)
        self.assertEqual(run.returncode, 0, run.stderr)
        return run.stdout

    def test_keygen_and_encrypt_to_recipients(self):
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            pw = tmp / "pw"
            pw.write_bytes(b"a long identity passphrase\n")
            recipients, secrets = [], []
            for name in ("alice", "bob"):
                identity = tmp / f"{name}.rootguard"
                out = self.run_ok("keygen", "--passphrase-file", str(pw), "-o", str(identity))
                recipient = out.decode().strip()
                secret = decrypt.open_identity_file(
                    identity.read_bytes(), b"a long identity passphrase"
                )
                # The identity file is a version 1 file at the default strength.
                self.assertEqual(
                    decrypt.open_file(identity.read_bytes(), b"a long identity passphrase").params,
                    (65536, 3, 1),
                )
                self.assertEqual(decrypt.recipient_of(secret), recipient)
                recipients.append(recipient)
                secrets.append(secret)
            data = os.urandom(3000)
            src = tmp / "rootkey.csv"
            src.write_bytes(data)
            for armored in (False, True):
                with self.subTest(armored=armored):
                    out = tmp / f"out-{armored}.rootguard"
                    extra = ["--armor"] if armored else []
                    self.run_ok(
                        "encrypt", "-r", recipients[0], "-r", recipients[1], *extra,
                        "-o", str(out), str(src),
                    )
                    raw = out.read_bytes()
                    for secret in secrets:
                        opened = decrypt.open_file_with_identity(raw, secret)
                        self.assertEqual(opened.plaintext, data)
                        self.assertEqual(opened.file_name, "rootkey.csv")
                        self.assertEqual(opened.recipients, 2)
                    # The independent command line, -i.
                    run = subprocess.run(
                        [sys.executable, str(DECRYPT), "-i", str(tmp / "bob.rootguard"),
                         str(out), str(pw)],
                        capture_output=True,
                        check=False,
                    )
                    self.assertEqual(run.returncode, 0, run.stderr)
                    self.assertEqual(run.stdout, data)
                    stranger = bytes(range(32))
                    with self.assertRaises(decrypt.FormatError) as caught:
                        decrypt.open_file_with_identity(raw, stranger)
                    self.assertEqual(caught.exception.name, "NotEncryptedToIdentity")


if __name__ == "__main__":
    unittest.main()
