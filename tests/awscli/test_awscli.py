"""The real AWS CLI (PyPI's `awscli`) using RootGuard as its credential source.

Run from the repository root, after `cargo build --release --bin rootguard`:

    target/pyvenv/bin/python -m unittest discover -s tests/awscli -v

ROOTGUARD_BIN names the CLI (default target/release/rootguard); `aws` is the
one installed beside the Python that runs this file. The tests fail, not
skip, when either is missing.

No request leaves the machine: every AWS call goes to --endpoint-url on
127.0.0.1, a stub STS in this file that checks the request's SigV4 signature
with the secret it expects; HTTP(S)_PROXY point at a closed loopback port, so a
request that escaped --endpoint-url would fail instead of reaching AWS; the
instance metadata lookup is disabled; HOME and the AWS config files are a
temporary directory.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# AWS's documentation example keys: well-formed, never valid.
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
OTHER_KEY_ID = "AKIAI44QH2DHBEXAMPLE"
OTHER_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
PASSPHRASE = "awscli interop passphrase"
ACCOUNT = "123456789012"
REGION = "us-east-1"


def rootguard_bin() -> Path:
    path = Path(os.environ.get("ROOTGUARD_BIN", ROOT / "target" / "release" / "rootguard"))
    return path if path.is_absolute() else ROOT / path


def aws_bin() -> Path:
    return Path(sys.executable).parent / "aws"


# --- A stub STS on loopback that verifies SigV4 ------------------------------


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def sigv4_signature(secret: str, method: str, path: str, query: str,
                    headers: dict[str, str], signed: list[str], body: bytes,
                    amz_date: str, scope: str) -> str:
    """The SigV4 signature of a request, written from AWS's specification
    (not botocore's code), for requests with an empty query and a plain path
    as the CLI sends to STS."""
    canonical_headers = "".join(
        f"{name}:{' '.join(headers[name].strip().split())}\n" for name in signed
    )
    canonical_request = "\n".join([
        method, path or "/", query, canonical_headers, ";".join(signed),
        hashlib.sha256(body).hexdigest(),
    ])
    string_to_sign = "\n".join([
        "AWS4-HMAC-SHA256", amz_date, scope,
        hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
    ])
    date, region, service, terminator = scope.split("/")
    key = _hmac(("AWS4" + secret).encode("utf-8"), date)
    for part in (region, service, terminator):
        key = _hmac(key, part)
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[A-Z0-9]+)/(?P<scope>[^,]+), "
    r"SignedHeaders=(?P<signed>[^,]+), Signature=(?P<sig>[0-9a-f]{64})$"
)

CALLER_IDENTITY = f"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::{ACCOUNT}:root</Arn>
    <UserId>{ACCOUNT}</UserId>
    <Account>{ACCOUNT}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>
"""

SIGNATURE_MISMATCH = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>stub: bad signature</Message></Error>
  <RequestId>c0ffee00-0000-4000-8000-000000000001</RequestId>
</ErrorResponse>
"""


class StubSts:
    """GetCallerIdentity on 127.0.0.1: records each request's Authorization
    header and whether its signature verifies with `secrets[key ID]`."""

    def __init__(self, secrets: dict[str, str]):
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                auth = self.headers.get("Authorization", "")
                match = AUTH_RE.match(auth)
                verified = False
                if match and match["key"] in secrets:
                    signed = match["signed"].split(";")
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    url = urlsplit(self.path)
                    expected = sigv4_signature(
                        secrets[match["key"]], "POST", url.path, url.query, headers,
                        signed, body, headers.get("x-amz-date", ""), match["scope"])
                    verified = hmac.compare_digest(expected, match["sig"])
                stub.requests.append({
                    "authorization": auth,
                    "key_id": match["key"] if match else None,
                    "verified": verified,
                    "body": body.decode("utf-8", "replace"),
                })
                reply = (CALLER_IDENTITY if verified else SIGNATURE_MISMATCH).encode("utf-8")
                self.send_response(200 if verified else 403)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


# --- The tests ----------------------------------------------------------------


class AwsCliWithRootGuard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in (rootguard_bin(), aws_bin()):
            if not tool.exists():
                raise AssertionError(f"{tool} is missing: run ./build.sh (it builds "
                                     "the CLI and installs tests/awscli/requirements.txt)")
        cls.tmp = tempfile.TemporaryDirectory(prefix="rootguard-awscli-")
        cls.dir = Path(cls.tmp.name)
        cls.passfile = cls.dir / "pass.txt"
        cls.passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
        csv = cls.dir / "rootkey.csv"
        csv.write_bytes(f"Access key ID,Secret access key\r\n{KEY_ID},{SECRET}\r\n".encode())
        cls.file = cls.dir / "rootkey.csv.rootguard"
        cls.run_rootguard("encrypt", "--passphrase-file", cls.passfile, csv)
        # Recipients mode: an identity (its file under the same passphrase)
        # and the same key file encrypted to it and to a second recipient.
        cls.identity = cls.dir / "me.rootguard"
        me = cls.run_rootguard("keygen", "--passphrase-file", cls.passfile, "-o", cls.identity)
        cls.other_identity = cls.dir / "colleague.rootguard"
        colleague = cls.run_rootguard("keygen", "--passphrase-file", cls.passfile,
                                      "-o", cls.other_identity)
        cls.stranger_identity = cls.dir / "stranger.rootguard"
        cls.run_rootguard("keygen", "--passphrase-file", cls.passfile,
                          "-o", cls.stranger_identity)
        cls.file_to_recipients = cls.dir / "rootkey-team.csv.rootguard"
        cls.run_rootguard("encrypt", "-r", me.stdout.decode().strip(),
                          "-r", colleague.stdout.decode().strip(),
                          "-o", cls.file_to_recipients, csv)
        csv.unlink()
        cls.sts = StubSts({KEY_ID: SECRET, OTHER_KEY_ID: OTHER_SECRET})

    @classmethod
    def tearDownClass(cls):
        cls.sts.close()
        cls.tmp.cleanup()

    def setUp(self):
        self.sts.requests.clear()
        self.home = Path(tempfile.mkdtemp(prefix="home-", dir=self.dir))
        (self.home / ".aws").mkdir()
        self.config = self.home / ".aws" / "config"
        self.credentials = self.home / ".aws" / "credentials"
        self.config.write_text("", encoding="utf-8")
        self.credentials.write_text("", encoding="utf-8")

    @classmethod
    def run_rootguard(cls, *args, **kwargs) -> subprocess.CompletedProcess:
        out = subprocess.run([rootguard_bin(), *map(str, args)], capture_output=True,
                             stdin=subprocess.DEVNULL, **kwargs)
        if out.returncode != 0:
            raise AssertionError(f"rootguard {args}: exit {out.returncode}: {out.stderr!r}")
        return out

    def env(self, **extra: str) -> dict[str, str]:
        """An environment with no AWS settings but ours and no way out."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and k.lower() not in ("http_proxy", "https_proxy",
                                                                   "all_proxy", "no_proxy")}
        env.update({
            "HOME": str(self.home),
            "AWS_CONFIG_FILE": str(self.config),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.credentials),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_PAGER": "",
            # Anything that is not loopback goes to a closed port and fails.
            "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
            "NO_PROXY": "127.0.0.1,localhost",
        })
        env.update(extra)
        return env

    def aws(self, *args, env=None) -> subprocess.CompletedProcess:
        return subprocess.run([aws_bin(), *map(str, args)], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env=env or self.env(), timeout=120)

    def add_process_profile(self, name: str, *extra: str, file: Path | None = None) -> None:
        command = " ".join([str(rootguard_bin()), "credential-process", "--passphrase-file",
                            str(self.passfile), *extra, str(file or self.file)])
        with open(self.config, "a", encoding="utf-8") as f:
            f.write(f"[profile {name}]\ncredential_process = {command}\nregion = {REGION}\n")

    def assert_signed_with_file_key(self, out: subprocess.CompletedProcess) -> None:
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["Account"], ACCOUNT)
        self.assertEqual(len(self.sts.requests), 1, self.sts.requests)
        request = self.sts.requests[0]
        self.assertIn("Action=GetCallerIdentity", request["body"])
        self.assertIn(f"Credential={KEY_ID}/", request["authorization"])
        # Signed with the file's secret: the key was used, not just named.
        self.assertTrue(request["verified"], request)

    # (1) decrypt --format aws-import, as `aws configure import` reads it.
    def test_aws_import_csv_becomes_a_profile(self):
        out = self.run_rootguard("decrypt", "--format", "aws-import", "--user-name", "rg-import",
                                 "--passphrase-file", self.passfile, self.file)
        text = out.stdout.decode("utf-8")
        profiles = parse_like_configure_import(text)
        self.assertEqual(profiles, [("rg-import", KEY_ID, SECRET)])
        # Written the way `aws configure import` writes each row: awscli's
        # ConfigFileWriter, section = user name (CredentialImporter).
        from awscli.customizations.configure.writer import ConfigFileWriter
        for name, key_id, secret in profiles:
            ConfigFileWriter().update_config(
                {"__section__": name, "aws_access_key_id": key_id,
                 "aws_secret_access_key": secret}, str(self.credentials))
        for setting, value in (("aws_access_key_id", KEY_ID), ("aws_secret_access_key", SECRET)):
            got = self.aws("configure", "get", setting, "--profile", "rg-import")
            self.assertEqual((got.returncode, got.stdout.strip()), (0, value), got.stderr)
        # And the CLI signs with it.
        out = self.aws("sts", "get-caller-identity", "--profile", "rg-import",
                       "--endpoint-url", self.sts.url)
        self.assert_signed_with_file_key(out)

    # (2) credential_process in ~/.aws/config: the CLI runs rootguard.
    def test_credential_process_profile_resolves_to_the_file_key(self):
        self.add_process_profile("rg")
        out = self.aws("configure", "list", "--profile", "rg")
        self.assertEqual(out.returncode, 0, out.stderr)
        access_key_line = next(l for l in out.stdout.splitlines() if "access_key" in l)
        self.assertIn("custom-process", access_key_line)
        self.assertIn(KEY_ID[-4:], access_key_line)
        # The CLI's own credential chain (what `aws configure
        # export-credentials` prints in AWS CLI v2), from the same package.
        script = ("import json, sys; from awscli.botocore.session import Session; "
                  "c = Session(profile=sys.argv[1]).get_credentials(); "
                  "print(json.dumps([c.method, c.access_key, c.secret_key, c.token]))")
        out = subprocess.run([sys.executable, "-c", script, "rg"], capture_output=True,
                             text=True, env=self.env(), stdin=subprocess.DEVNULL)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout), ["custom-process", KEY_ID, SECRET, None])

    # (3) a signed call through the credential process, on loopback.
    def test_get_caller_identity_is_signed_with_the_key_from_the_credential_process(self):
        self.add_process_profile("rg")
        out = self.aws("sts", "get-caller-identity", "--profile", "rg",
                       "--endpoint-url", self.sts.url, "--debug")
        self.assert_signed_with_file_key(out)
        looked = re.findall(r"Looking for credentials via: (\S+)", out.stderr)
        self.assertEqual(looked[-1:], ["custom-process"], looked)
        self.assertNotIn(SECRET, out.stderr, "the CLI's debug log shows the secret")

    @unittest.skipUnless(hasattr(os, "fork"), "needs a pseudo-terminal")
    def test_credential_process_prompts_on_the_terminal_aws_runs_in(self):
        """The AWS CLI pipes the process's stdout and stderr; the prompt goes
        to /dev/tty, so a user at a terminal is asked there, with echo off."""
        self.answer_prompt_on_a_terminal(f"{rootguard_bin()} credential-process {self.file}",
                                         b"Passphrase: ")

    @unittest.skipUnless(hasattr(os, "fork"), "needs a pseudo-terminal")
    def test_credential_process_with_an_identity_asks_its_passphrase_on_the_terminal(self):
        self.answer_prompt_on_a_terminal(
            f"{rootguard_bin()} credential-process -i {self.identity} {self.file_to_recipients}",
            b"Identity passphrase: ")

    def answer_prompt_on_a_terminal(self, command: str, prompt: bytes) -> None:
        """Runs `aws sts get-caller-identity` with `command` as the profile's
        credential_process under a pseudo-terminal, types the passphrase at
        `prompt` once echo is off, and checks the signed request."""
        import pty
        import select
        import termios
        import time
        self.config.write_text(f"[profile tty]\ncredential_process = {command}\n",
                               encoding="utf-8")
        argv = [str(aws_bin()), "sts", "get-caller-identity", "--profile", "tty",
                "--endpoint-url", self.sts.url]
        env = self.env()
        pid, fd = pty.fork()
        if pid == 0:  # the child: aws, with the pseudo-terminal as its terminal
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        seen, answered = b"", False
        try:
            while True:
                ready, _, _ = select.select([fd], [], [], 60)
                if not ready:
                    raise AssertionError(f"no output for 60 s: {seen!r}")
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the terminal's other side closed
                    break
                if not chunk:
                    break
                seen += chunk
                if not answered and prompt in seen:
                    # rpassword prints the prompt, then turns echo off: type
                    # once it is off, as a person would (Linux reports the
                    # terminal's modes through the master side too).
                    deadline = time.monotonic() + 30
                    while termios.tcgetattr(fd)[3] & termios.ECHO:
                        if time.monotonic() > deadline:
                            raise AssertionError("echo stayed on at the prompt")
                        time.sleep(0.02)
                    os.write(fd, PASSPHRASE.encode() + b"\n")
                    answered = True
        finally:
            _, status = os.waitpid(pid, 0)
            os.close(fd)
        text = seen.decode("utf-8", "replace")
        self.assertTrue(answered, text)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0, text)
        self.assertNotIn(PASSPHRASE, text, "the passphrase was echoed")
        self.assertIn(ACCOUNT, text)
        self.assertEqual([r["verified"] for r in self.sts.requests], [True])

    def test_credential_process_failure_reaches_the_cli_with_rootguard_message(self):
        wrong = self.dir / "wrong-pass.txt"
        wrong.write_text("not the passphrase\n", encoding="utf-8")
        command = f"{rootguard_bin()} credential-process --passphrase-file {wrong} {self.file}"
        self.config.write_text(f"[profile bad]\ncredential_process = {command}\n", encoding="utf-8")
        out = self.aws("sts", "get-caller-identity", "--profile", "bad",
                       "--endpoint-url", self.sts.url)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("wrong passphrase", out.stderr)
        self.assertEqual(self.sts.requests, [], "a request went out without credentials")

    # (4) rootguard exec -- aws …
    def test_exec_runs_aws_with_the_file_key(self):
        # A profile with another key, named by AWS_PROFILE: exec must remove
        # AWS_PROFILE, or the CLI would sign with that key instead.
        self.credentials.write_text(
            f"[other]\naws_access_key_id = {OTHER_KEY_ID}\n"
            f"aws_secret_access_key = {OTHER_SECRET}\n", encoding="utf-8")
        env = self.env(AWS_PROFILE="other", AWS_SESSION_TOKEN="stale")
        out = subprocess.run(
            [rootguard_bin(), "exec", "--passphrase-file", self.passfile, self.file, "--",
             aws_bin(), "sts", "get-caller-identity", "--endpoint-url", self.sts.url],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
        self.assert_signed_with_file_key(out)

        out = subprocess.run(
            [rootguard_bin(), "exec", "--passphrase-file", self.passfile, self.file, "--", "env"],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertIn(f"AWS_ACCESS_KEY_ID={KEY_ID}", lines)
        self.assertIn(f"AWS_SECRET_ACCESS_KEY={SECRET}", lines)
        self.assertFalse([l for l in lines if l.startswith(("AWS_PROFILE=", "AWS_SESSION_TOKEN="))])

    # (5) recipients mode: -i IDENTITY with credential-process and exec.
    def test_credential_process_with_an_identity_signs_with_the_file_key(self):
        for identity in (self.identity, self.other_identity):
            with self.subTest(identity=identity.name):
                self.sts.requests.clear()
                self.config.write_text("", encoding="utf-8")
                self.add_process_profile("team", "-i", str(identity),
                                         file=self.file_to_recipients)
                out = self.aws("sts", "get-caller-identity", "--profile", "team",
                               "--endpoint-url", self.sts.url)
                self.assert_signed_with_file_key(out)

    def test_credential_process_with_a_stranger_identity_fails_before_any_request(self):
        self.add_process_profile("stranger", "-i", str(self.stranger_identity),
                                 file=self.file_to_recipients)
        out = self.aws("sts", "get-caller-identity", "--profile", "stranger",
                       "--endpoint-url", self.sts.url)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("not encrypted to this identity", out.stderr)
        self.assertEqual(self.sts.requests, [], "a request went out without credentials")

    def test_exec_with_an_identity_runs_aws_with_the_file_key(self):
        self.credentials.write_text(
            f"[other]\naws_access_key_id = {OTHER_KEY_ID}\n"
            f"aws_secret_access_key = {OTHER_SECRET}\n", encoding="utf-8")
        env = self.env(AWS_PROFILE="other")
        out = subprocess.run(
            [rootguard_bin(), "exec", "-i", self.identity, "--passphrase-file", self.passfile,
             self.file_to_recipients, "--",
             aws_bin(), "sts", "get-caller-identity", "--endpoint-url", self.sts.url],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
        self.assert_signed_with_file_key(out)


def parse_like_configure_import(text: str) -> list[tuple[str, str, str]]:
    """The rules of AWS CLI v2's `aws configure import --csv`
    (awscli/customizations/configure/importer.py, CSVCredentialParser), which
    PyPI's awscli (v1) lacks: lines split on commas with no CSV quoting;
    headers lower-cased and trimmed, and `user name`, `access key id` and
    `secret access key` required; each field trimmed and non-empty."""
    lines = text.splitlines()
    headers = [h.lstrip("\ufeff").strip().lower() for h in lines[0].split(",")]
    wanted = ["user name", "access key id", "secret access key"]
    for header in wanted:
        if header not in headers:
            raise AssertionError(f'Expected header "{header}" not found in {lines[0]!r}')
    rows = []
    for line in lines[1:]:
        cols = line.split(",")
        values = tuple(cols[headers.index(h)].strip() for h in wanted)
        if not all(values):
            raise AssertionError(f"row missing a value: {line!r}")
        rows.append(values)
    return rows


if __name__ == "__main__":
    unittest.main()
