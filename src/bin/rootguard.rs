//! `rootguard`: the command-line tool built from the same core as the
//! extension. Encrypts credential files people already have, decrypts the
//! files the extension saves, and says what a file is.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rootguard::csv::CredentialCsv;
use rootguard::envelope::{self, EnvelopeError, KdfParams, FILE_SUFFIX};
use zeroize::Zeroizing;

const HELP: &str = "\
rootguard — protect AWS access key files

Usage:
    rootguard encrypt [--armor] [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard decrypt [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard inspect FILE

Options:
    -o, --output OUTPUT          Write the result to OUTPUT (- for standard output).
                                 encrypt: default FILE.rootguard; decrypt: default
                                 standard output. Decrypted files are created 0600.
    -a, --armor                  Encrypt to text that survives a password manager's
                                 notes field, instead of binary.
    -p, --passphrase-file PATH   Read the passphrase from PATH (- for standard input)
                                 instead of prompting on the terminal; one trailing
                                 newline is removed.
    -f, --force                  Overwrite OUTPUT if it exists.
    -h, --help                   Print this help.
    -V, --version                Print the version.

FILE - reads standard input. decrypt reads binary and armored files alike.
Inputs over 16 MiB are refused: a credentials file is a few KiB.
The passphrase goes through Argon2id (64 MiB, 3 passes) into AES-256-GCM;
the file format is described in docs/FORMAT.md.

Examples:
    $ rootguard encrypt rootkey.csv
    Passphrase:
    Confirm passphrase:
    $ shred -u rootkey.csv          # once you have checked the copy decrypts

    $ rootguard decrypt rootkey.csv.rootguard
    Access key ID,Secret access key
    AKIA…,…

    $ rootguard decrypt -o rootkey.csv rootkey.csv.rootguard
    $ rootguard encrypt --armor -o - rootkey.csv      # paste into your vault
    $ rootguard decrypt --passphrase-file - key.rootguard < pass.txt

    $ rootguard inspect rootkey.csv   # key IDs only, never secrets

Exit status:
    0  success (inspect: FILE is a credentials or RootGuard file)
    1  wrong passphrase, or the file was modified or damaged (AES-GCM cannot
       tell these apart); inspect: FILE is neither
    2  usage or I/O error
    3  truncated, or not a RootGuard file
    4  unsupported format version: update rootguard
    5  key derivation parameters outside RootGuard's limits
";

/// Exit codes (listed in HELP).
const EXIT_AUTH: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_NOT_ENVELOPE: u8 = 3;
const EXIT_VERSION: u8 = 4;
const EXIT_PARAMS: u8 = 5;

/// A failure: message for stderr (without the `rootguard: ` prefix) and exit
/// code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), code: EXIT_USAGE }
    }

    fn io(what: &str, path: &Path, e: &std::io::Error) -> Failure {
        Failure::usage(format!("cannot {what} {}: {e}", path.display()))
    }
}

impl From<EnvelopeError> for Failure {
    fn from(e: EnvelopeError) -> Failure {
        let code = match e {
            EnvelopeError::WrongPassphraseOrTampered => EXIT_AUTH,
            EnvelopeError::NotAnEnvelope
            | EnvelopeError::Truncated
            | EnvelopeError::TrailingData(_)
            | EnvelopeError::BadArmor(_)
            | EnvelopeError::MalformedPayload(_) => EXIT_NOT_ENVELOPE,
            EnvelopeError::UnsupportedVersion(_) | EnvelopeError::UnsupportedKdf(_) => EXIT_VERSION,
            EnvelopeError::BadParams { .. } => EXIT_PARAMS,
            EnvelopeError::FileNameTooLong
            | EnvelopeError::TooLarge
            | EnvelopeError::EmptyPassphrase
            | EnvelopeError::Kdf(_)
            | EnvelopeError::Random(_) => EXIT_USAGE,
        };
        Failure { message: e.to_string(), code }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let command = args.first().map(|a| a.to_str().unwrap_or("\u{fffd}"));
    let result = match command {
        None | Some("--help" | "-h" | "help") => {
            print!("{HELP}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("{}", rootguard::core_signature());
            Ok(())
        }
        Some("inspect") => Options::parse("inspect", rest).and_then(|o| inspect(&o)),
        Some("encrypt") => Options::parse("encrypt", rest).and_then(|o| encrypt(&o)),
        Some("decrypt") => Options::parse("decrypt", rest).and_then(|o| decrypt(&o)),
        Some(other) => {
            Err(Failure::usage(format!("unknown command {other:?}; see rootguard --help")))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { message, code }) => {
            if !message.is_empty() {
                eprintln!("rootguard: {message}");
            }
            ExitCode::from(code)
        }
    }
}

/// A file argument: a path, or `-` for standard input/output.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Std,
    Path(PathBuf),
}

impl Target {
    fn from(arg: OsString) -> Target {
        if arg == "-" {
            Target::Std
        } else {
            Target::Path(PathBuf::from(arg))
        }
    }
}

/// Parsed arguments of one command.
struct Options {
    command: &'static str,
    file: Target,
    output: Option<Target>,
    passphrase_file: Option<Target>,
    armor: bool,
    force: bool,
}

impl Options {
    fn parse(command: &'static str, args: &[OsString]) -> Result<Options, Failure> {
        let mut file = None;
        let mut output = None;
        let mut passphrase_file = None;
        let (mut armor, mut force, mut help) = (false, false, false);
        let mut args = args.iter().cloned();
        let mut only_files = false;
        while let Some(arg) = args.next() {
            let text = arg.to_str().unwrap_or("");
            if only_files || text == "-" || !text.starts_with('-') {
                if file.replace(Target::from(arg)).is_some() {
                    return Err(Failure::usage(format!("{command} takes one FILE")));
                }
                continue;
            }
            // `--name=value` or `--name value`.
            let (name, inline) = match text.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(OsString::from(v))),
                _ => (text, None),
            };
            let mut value = |flag: &str| {
                inline.clone().or_else(|| args.next()).ok_or_else(|| {
                    Failure::usage(format!("{flag} needs a value; see rootguard --help"))
                })
            };
            match (command, name) {
                (_, "--") => only_files = true,
                (_, "-h" | "--help") => help = true,
                ("encrypt" | "decrypt", "-o" | "--output") => {
                    output = Some(Target::from(value(name)?))
                }
                ("encrypt" | "decrypt", "-p" | "--passphrase-file") => {
                    passphrase_file = Some(Target::from(value(name)?))
                }
                ("encrypt" | "decrypt", "-f" | "--force") => force = true,
                ("encrypt", "-a" | "--armor") => armor = true,
                _ => {
                    return Err(Failure::usage(format!(
                        "{command}: unknown option {text}; see rootguard --help"
                    )))
                }
            }
        }
        if help {
            // Not a failure, but it ends the command: exit 0, nothing on stderr.
            print!("{HELP}");
            return Err(Failure { message: String::new(), code: 0 });
        }
        let file = file.ok_or_else(|| {
            Failure::usage(format!("{command} needs a FILE; see rootguard --help"))
        })?;
        if file == Target::Std && passphrase_file == Some(Target::Std) {
            return Err(Failure::usage(
                "FILE and the passphrase cannot both come from standard input",
            ));
        }
        Ok(Options { command, file, output, passphrase_file, armor, force })
    }
}

/// The largest FILE read. A credentials CSV or its RootGuard file is a few
/// hundred bytes, and the format's reader holds the whole file in memory (and
/// an armored one twice): without a limit, a wrong or hostile input of
/// gigabytes would be read in full before being refused.
const MAX_FILE_LEN: u64 = 16 << 20;

/// The longest passphrase file read: far beyond any passphrase, small enough
/// that pointing `--passphrase-file` at the wrong file fails at once.
const MAX_PASSPHRASE_LEN: u64 = 64 << 10;

const FILE_HINT: &str = "FILE: credentials files and RootGuard files are a few KiB, so check \
                         that this is the right file";
const PASSPHRASE_HINT: &str =
    "a passphrase file: check that --passphrase-file names the file holding the passphrase";

/// Reads `target` in full, refusing (without reading it all) anything longer
/// than `limit` bytes. `what` says what the input should be, for the message.
fn read_target(target: &Target, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    let too_large = |name: &str| {
        Failure::usage(format!(
            "{name} is larger than {}, the most rootguard reads as {what}",
            describe_size(limit)
        ))
    };
    let (mut reader, name, size): (Box<dyn Read>, String, u64) = match target {
        Target::Std => (Box::new(std::io::stdin().lock()), "standard input".to_owned(), 0),
        Target::Path(path) => {
            let file = File::open(path).map_err(|e| Failure::io("read", path, &e))?;
            // A regular file says its size: refuse before reading anything.
            // (Pipes and devices say 0; the bounded read below covers them.)
            let size = file.metadata().map_or(0, |m| if m.is_file() { m.len() } else { 0 });
            if size > limit {
                return Err(too_large(&path.display().to_string()));
            }
            (Box::new(file), path.display().to_string(), size)
        }
    };
    // Reserved at the known size so a plaintext read never reallocates,
    // which would leave unwiped copies behind (as `std::fs::read` does).
    let mut bytes = Vec::new();
    let reserve = usize::try_from(size.saturating_add(1)).unwrap_or(usize::MAX);
    bytes
        .try_reserve_exact(reserve)
        .map_err(|_| Failure::usage(format!("cannot read {name}: out of memory")))?;
    // One byte past the limit tells "exactly at the limit" from "beyond".
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > limit) {
        return Err(too_large(&name));
    }
    Ok(bytes)
}

/// `16777216` → `16 MiB`, `65536` → `64 KiB`.
fn describe_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

fn inspect(o: &Options) -> Result<(), Failure> {
    let bytes = read_target(&o.file, MAX_FILE_LEN, FILE_HINT)?;
    if envelope::is_envelope(&bytes) {
        let info = envelope::peek(&bytes)?;
        println!(
            "RootGuard encrypted file: format {}, {}, Argon2id {}; open it with `rootguard decrypt`",
            info.version,
            if info.armored { "armored" } else { "binary" },
            info.params
        );
        return Ok(());
    }
    match CredentialCsv::parse(&bytes) {
        Ok(csv) => {
            for key in &csv.keys {
                println!("credentials file ({:?}): access key {}", csv.format, key.access_key_id);
            }
            Ok(())
        }
        Err(e) => {
            println!("not a credentials file: {e}");
            Err(Failure { message: String::new(), code: 1 })
        }
    }
}

fn encrypt(o: &Options) -> Result<(), Failure> {
    let plaintext = Zeroizing::new(read_target(&o.file, MAX_FILE_LEN, FILE_HINT)?);
    let (file_name, default_output) = match &o.file {
        Target::Std => (String::new(), Target::Std),
        Target::Path(path) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let mut out = path.clone().into_os_string();
            out.push(FILE_SUFFIX);
            (name.unwrap_or_default(), Target::Path(PathBuf::from(out)))
        }
    };
    let output = o.output.clone().unwrap_or(default_output);
    if output == Target::Std && !o.armor && std::io::stdout().is_terminal() {
        return Err(Failure::usage(
            "refusing to write a binary file to the terminal; use -o OUTPUT or --armor",
        ));
    }
    // Refuse an existing output before asking for the passphrase.
    if let Target::Path(path) = &output {
        if !o.force && path.exists() {
            return Err(Failure::usage(format!(
                "{} already exists; use --force to overwrite it",
                path.display()
            )));
        }
    }
    let passphrase = passphrase(o, true)?;
    let sealed = envelope::seal(&plaintext, &file_name, &passphrase, KdfParams::DEFAULT)?;
    let bytes = if o.armor { envelope::armor(&sealed).into_bytes() } else { sealed };
    write_output(&output, &bytes, o.force, false)
}

fn decrypt(o: &Options) -> Result<(), Failure> {
    let file = read_target(&o.file, MAX_FILE_LEN, FILE_HINT)?;
    // Everything that needs no passphrase is checked before prompting.
    envelope::peek(&file)?;
    let output = o.output.clone().unwrap_or(Target::Std);
    if let Target::Path(path) = &output {
        if !o.force && path.exists() {
            return Err(Failure::usage(format!(
                "{} already exists; use --force to overwrite it",
                path.display()
            )));
        }
    }
    let passphrase = passphrase(o, false)?;
    let opened = envelope::open(&file, &passphrase)?;
    write_output(&output, &opened.plaintext, o.force, true)
}

/// The passphrase from `--passphrase-file` or the terminal (twice when
/// `confirm`). Refuses an empty one.
fn passphrase(o: &Options, confirm: bool) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let passphrase = match &o.passphrase_file {
        Some(source) => {
            let mut bytes =
                Zeroizing::new(read_target(source, MAX_PASSPHRASE_LEN, PASSPHRASE_HINT)?);
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
            }
            bytes
        }
        None => {
            let first = prompt("Passphrase: ")?;
            if confirm && !first.is_empty() {
                let second = prompt("Confirm passphrase: ")?;
                if first != second {
                    return Err(Failure::usage("the passphrases do not match"));
                }
            }
            Zeroizing::new(first.as_bytes().to_vec())
        }
    };
    if passphrase.is_empty() {
        return Err(Failure::usage(format!("the passphrase is empty; {} needs one", o.command)));
    }
    Ok(passphrase)
}

/// Reads a line from the terminal with echo off.
#[cfg(not(target_arch = "wasm32"))]
fn prompt(text: &str) -> Result<Zeroizing<String>, Failure> {
    rpassword::prompt_password(text).map(Zeroizing::new).map_err(|e| {
        Failure::usage(format!(
            "cannot prompt for the passphrase ({e}); without a terminal use --passphrase-file"
        ))
    })
}

#[cfg(target_arch = "wasm32")]
fn prompt(_text: &str) -> Result<Zeroizing<String>, Failure> {
    Err(Failure::usage("no terminal to prompt on; use --passphrase-file"))
}

/// Writes `bytes` to standard output or to a new file (an existing one only
/// with `force`). `private` files are created (or reset to) mode 0600 before
/// anything is written. A file left incomplete by an error is removed.
fn write_output(target: &Target, bytes: &[u8], force: bool, private: bool) -> Result<(), Failure> {
    let path = match target {
        Target::Std => {
            let mut stdout = std::io::stdout().lock();
            return stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure::usage(format!("cannot write to standard output: {e}")));
        }
        Target::Path(path) => path,
    };
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    // The file is closed at the end of this block, before any removal.
    let written = {
        let mut file: File = options.open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::usage(format!(
                    "{} already exists; use --force to overwrite it",
                    path.display()
                ))
            } else {
                Failure::io("create", path, &e)
            }
        })?;
        restrict(&file, private).and_then(|()| {
            file.write_all(bytes)?;
            file.sync_all()
        })
    };
    written.map_err(|e| {
        let _ = std::fs::remove_file(path);
        Failure::io("write", path, &e)
    })
}

/// An overwritten (`--force`) file keeps its old mode: reset it to 0600.
fn restrict(file: &File, private: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt;
        return file.set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    let _ = (file, private);
    Ok(())
}
