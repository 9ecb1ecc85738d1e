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
                else:
                    with self.assertRaises(decrypt.FormatError) as caught:
                        decrypt.open_file(data, passphrase)
                    self.assertEqual(caught.exception.name, v["error"])

    def test_ok_and_failing_vectors_are_both_present(self):
        outcomes = {v["expect"] for v in load_vectors()}
        errors = {v.get("error") for v in load_vectors()}
        self.assertEqual(outcomes, {"ok", "error"})
        for name in ["WrongPassphraseOrTampered", "UnsupportedVersion", "Truncated", "BadParams"]:
            self.assertIn(name, errors)

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


if __name__ == "__main__":
    unittest.main()
