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

fn read_target(target: &Target) -> Result<Vec<u8>, Failure> {
    match target {
        Target::Std => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
            Ok(bytes)
        }
        Target::Path(path) => std::fs::read(path).map_err(|e| Failure::io("read", path, &e)),
    }
}

fn inspect(o: &Options) -> Result<(), Failure> {
    let bytes = read_target(&o.file)?;
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
    let plaintext = Zeroizing::new(read_target(&o.file)?);
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
    let file = read_target(&o.file)?;
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
            let mut bytes = Zeroizing::new(read_target(source)?);
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
