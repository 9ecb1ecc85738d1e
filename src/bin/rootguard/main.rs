//! `rootguard`: the command-line tool built from the same core as the
//! extension. Encrypts credential files people already have, decrypts the
//! files the extension saves, and says what a file is.

use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use rootguard::csv::{is_access_key_id, AccessKeyPair, CredentialCsv};
use rootguard::envelope::{self, EnvelopeError, KdfParams, Protection, FILE_SUFFIX};
use rootguard::identity::{self, IdentityError, IDENTITY_FILE_NAME};
use rootguard::recipient::{Identity, Recipient};
use zeroize::Zeroizing;

const HELP: &str = "\
rootguard — protect AWS access key files

Usage:
    rootguard encrypt [--armor] [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard encrypt -r RECIPIENT [-r RECIPIENT…] [--armor] [-o OUTPUT] FILE
    rootguard decrypt [-i IDENTITY] [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard decrypt --format aws-import --user-name NAME [--key-id ID] [-o OUTPUT]
                      [-i IDENTITY] [--passphrase-file PATH] FILE
    rootguard credential-process [-i IDENTITY] [--key-id ID] [--passphrase-file PATH] FILE
    rootguard exec [-i IDENTITY] [--key-id ID] [--passphrase-file PATH] FILE -- COMMAND [ARG…]
    rootguard keygen [-o IDENTITY] [--passphrase-file PATH]
    rootguard recipient [--passphrase-file PATH] IDENTITY
    rootguard inspect FILE

Commands:
    encrypt, decrypt   Protect a credentials file; get it back.
    credential-process Print FILE's access key as the JSON of the AWS CLI's
                       credential_process setting (see Examples). Nothing but
                       that JSON goes to standard output. The passphrase is asked
                       on the terminal (/dev/tty), which works when the AWS CLI
                       runs rootguard from a terminal; with no terminal (cron, CI,
                       an IDE) it fails and says to use --passphrase-file.
                       Every aws command runs it anew, so it asks every time:
                       for a series of commands use exec.
    exec               Run COMMAND (no shell) with FILE's key in AWS_ACCESS_KEY_ID
                       and AWS_SECRET_ACCESS_KEY, like aws-vault exec. It removes
                       AWS_SESSION_TOKEN and AWS_SECURITY_TOKEN (a token sent with
                       a long-term key is rejected), AWS_PROFILE and
                       AWS_DEFAULT_PROFILE (they make tools read ~/.aws instead),
                       and AWS_CREDENTIAL_EXPIRATION (a stale expiry). rootguard
                       wipes its own copy of the secret, but the command's
                       environment holds one it cannot wipe, readable by the
                       command, its children and the same user's debuggers.
                       On Unix rootguard becomes COMMAND: its exit status is
                       COMMAND's (death by signal n: 128+n in a shell).
    keygen             Make an identity for recipients mode: an X25519 key pair.
                       Writes the identity file (default
                       ./rootguard-identity.rootguard, mode 0600, never
                       overwritten), itself encrypted with a passphrase asked
                       twice; prints the recipient (rgpub1…) on standard output.
                       Give the recipient to whoever encrypts for you; keep the
                       identity file and its passphrase to yourself.
    recipient          Print the recipient (rgpub1…) of an identity file.
    inspect            Say what FILE is, without a passphrase.

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
    -r, --recipient RECIPIENT    encrypt: to this recipient (rgpub1…, from rootguard
                                 keygen) instead of a passphrase; repeat for up to
                                 16. Any one of their identities opens the file.
    -i, --identity IDENTITY      Open a file encrypted to recipients with this
                                 identity file; the passphrase asked (or read with
                                 --passphrase-file) is the identity file's.
    --format original|aws-import decrypt: the original file (default), or the CSV
                                 `aws configure import --csv` reads: header
                                 User Name,Access key ID,Secret access key.
    --user-name NAME             With --format aws-import (required): the profile
                                 name aws configure import creates. Names with a
                                 comma, quote, [ ] or surrounding spaces are refused:
                                 the importer does not read CSV quoting.
    -k, --key-id ID              Use the key ID (AKIA…) when FILE holds several keys
                                 (an IAM user CSV can): credential-process, exec and
                                 aws-import need exactly one.
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

    $ rootguard keygen                 # each team member, once
    rgpub1…
    $ rootguard encrypt -r rgpub1…alice -r rgpub1…bob rootkey.csv
    $ rootguard decrypt -i rootguard-identity.rootguard rootkey.csv.rootguard

    # ~/.aws/config: the AWS CLI and SDKs run rootguard when they need the key
    [profile root]
    credential_process = /usr/local/bin/rootguard credential-process /home/me/rootkey.csv.rootguard

    $ rootguard exec rootkey.csv.rootguard -- aws sts get-caller-identity
    $ rootguard decrypt --format aws-import --user-name admin FILE | \
          aws configure import --csv file:///dev/stdin   # AWS CLI v2

Exit status:
    0  success (inspect: FILE is a credentials or RootGuard file)
    1  wrong passphrase, or the file was modified or damaged (AES-GCM cannot
       tell these apart); not encrypted to the identity given; inspect: FILE
       is neither
    2  usage or I/O error
    3  truncated, or not a RootGuard file
    4  unsupported format version: update rootguard
    5  key derivation parameters outside RootGuard's limits
    6  FILE decrypted but holds no access key, several (use --key-id), or not
       the one --key-id names
    exec: COMMAND's own status; 127 COMMAND not found, 126 not runnable
";

/// Exit codes (listed in HELP).
const EXIT_AUTH: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_NOT_ENVELOPE: u8 = 3;
const EXIT_VERSION: u8 = 4;
const EXIT_PARAMS: u8 = 5;
const EXIT_KEY: u8 = 6;

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
            EnvelopeError::NotEncryptedToIdentity(..) | EnvelopeError::Tampered => EXIT_AUTH,
            EnvelopeError::BadRecipientCount(_) | EnvelopeError::InvalidStanza(_) => {
                EXIT_NOT_ENVELOPE
            }
            EnvelopeError::UnsupportedVersion(_) | EnvelopeError::UnsupportedKdf(_) => EXIT_VERSION,
            EnvelopeError::BadParams { .. } => EXIT_PARAMS,
            EnvelopeError::NeedsIdentity
            | EnvelopeError::NeedsPassphrase
            | EnvelopeError::NoRecipients
            | EnvelopeError::TooManyRecipients(_)
            | EnvelopeError::DuplicateRecipient(_)
            | EnvelopeError::FileNameTooLong
            | EnvelopeError::TooLarge
            | EnvelopeError::EmptyPassphrase
            | EnvelopeError::Kdf(_)
            | EnvelopeError::Random(_) => EXIT_USAGE,
        };
        Failure { message: e.to_string(), code }
    }
}

/// A problem with the identity file at `path`: its envelope's exit code
/// (a wrong passphrase is 1), anything else a usage error.
fn identity_failure(path: &str, e: IdentityError) -> Failure {
    let code = match &e {
        IdentityError::Envelope(inner) => Failure::from(inner.clone()).code,
        _ => EXIT_USAGE,
    };
    Failure { message: format!("identity {path}: {e}"), code }
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
        Some("credential-process") => {
            Options::parse("credential-process", rest).and_then(|o| credential_process(&o))
        }
        Some("exec") => Options::parse("exec", rest).and_then(|o| exec(&o)),
        Some("keygen") => Options::parse("keygen", rest).and_then(|o| keygen(&o)),
        Some("recipient") => Options::parse("recipient", rest).and_then(|o| recipient(&o)),
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

/// What `decrypt` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// The original file, byte for byte.
    Original,
    /// `User Name,Access key ID,Secret access key`: what `aws configure
    /// import` reads.
    AwsImport,
}

/// Parsed arguments of one command.
struct Options {
    command: &'static str,
    file: Target,
    output: Option<Target>,
    passphrase_file: Option<Target>,
    armor: bool,
    force: bool,
    format: Format,
    user_name: Option<String>,
    key_id: Option<String>,
    /// `exec`: the program and its arguments, after `--`.
    program: Vec<OsString>,
    /// `encrypt -r`: recipient strings, in order.
    recipients: Vec<String>,
    /// `-i`: the identity file that opens a recipients file.
    identity: Option<Target>,
}

impl Options {
    fn parse(command: &'static str, args: &[OsString]) -> Result<Options, Failure> {
        let mut file = None;
        let mut output = None;
        let mut passphrase_file = None;
        let (mut armor, mut force, mut help) = (false, false, false);
        let mut format = Format::Original;
        let (mut user_name, mut key_id) = (None, None);
        let mut program = Vec::new();
        let mut recipients = Vec::new();
        let mut identity = None;
        let mut args = args.iter().cloned();
        let mut only_files = false;
        while let Some(arg) = args.next() {
            let text = arg.to_str().unwrap_or("");
            if command == "exec" && text == "--" {
                // Everything after `--` is the command, passed as it is:
                // its own options are not ours.
                program.extend(args.by_ref());
                break;
            }
            if only_files || text == "-" || !text.starts_with('-') {
                if file.replace(Target::from(arg)).is_some() {
                    return Err(Failure::usage(if command == "exec" {
                        "exec takes one FILE; put the command after --, as in \
                         rootguard exec FILE -- aws sts get-caller-identity"
                            .to_owned()
                    } else {
                        format!("{command} takes one FILE")
                    }));
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
            let uses_passphrase = matches!(
                command,
                "encrypt" | "decrypt" | "credential-process" | "exec" | "keygen" | "recipient"
            );
            let uses_key = matches!(command, "decrypt" | "credential-process" | "exec");
            match (command, name) {
                (_, "--") => only_files = true,
                (_, "-h" | "--help") => help = true,
                ("encrypt" | "decrypt" | "keygen", "-o" | "--output") => {
                    output = Some(Target::from(value(name)?))
                }
                ("encrypt", "-r" | "--recipient") => recipients.push(
                    value(name)?
                        .into_string()
                        .map_err(|_| Failure::usage("a recipient is plain text (rgpub1…)"))?,
                ),
                (_, "-i" | "--identity") if uses_key => identity = Some(Target::from(value(name)?)),
                (_, "-p" | "--passphrase-file") if uses_passphrase => {
                    passphrase_file = Some(Target::from(value(name)?))
                }
                ("encrypt" | "decrypt", "-f" | "--force") => force = true,
                ("encrypt", "-a" | "--armor") => armor = true,
                ("decrypt", "--format") => {
                    format = match value(name)?.to_str() {
                        Some("original") => Format::Original,
                        Some("aws-import") => Format::AwsImport,
                        _ => {
                            return Err(Failure::usage(
                                "--format is original or aws-import; see rootguard --help",
                            ))
                        }
                    }
                }
                ("decrypt", "--user-name") => {
                    let name = value(name)?;
                    user_name = Some(
                        name.into_string()
                            .map_err(|_| Failure::usage("--user-name must be UTF-8 text"))?,
                    );
                }
                (_, "-k" | "--key-id") if uses_key => {
                    let id = value(name)?.into_string().unwrap_or_default();
                    if !is_access_key_id(&id) {
                        return Err(Failure::usage(format!(
                            "--key-id {id:?} is not an access key ID (AKIA… or ASIA…, 20 characters)"
                        )));
                    }
                    key_id = Some(id);
                }
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
        let file = match (command, file) {
            // keygen reads no FILE; this placeholder is never read.
            ("keygen", None) => Target::Path(PathBuf::new()),
            ("keygen", Some(_)) => {
                return Err(Failure::usage(
                    "keygen takes no FILE; name the identity file with -o IDENTITY",
                ))
            }
            (_, Some(file)) => file,
            ("recipient", None) => {
                return Err(Failure::usage(
                    "recipient needs the IDENTITY file; see rootguard --help",
                ))
            }
            (_, None) => {
                return Err(Failure::usage(format!("{command} needs a FILE; see rootguard --help")))
            }
        };
        let from_stdin = [
            command != "keygen" && file == Target::Std,
            passphrase_file == Some(Target::Std),
            identity == Some(Target::Std),
        ];
        if from_stdin.iter().filter(|&&b| b).count() > 1 {
            return Err(Failure::usage(
                "only one of FILE, the passphrase and the identity can come from standard input",
            ));
        }
        if !recipients.is_empty() && passphrase_file.is_some() {
            return Err(Failure::usage(
                "encrypt -r needs no passphrase: the file is encrypted to the recipients; drop --passphrase-file",
            ));
        }
        if command == "keygen" && output == Some(Target::Std) {
            return Err(Failure::usage(
                "keygen writes the identity to a file (-o IDENTITY); standard output gets the recipient",
            ));
        }
        if command == "exec" && program.is_empty() {
            return Err(Failure::usage(
                "exec needs a command after --, as in rootguard exec FILE -- aws sts get-caller-identity",
            ));
        }
        match (format, &user_name) {
            (Format::AwsImport, None) => {
                return Err(Failure::usage(
                    "--format aws-import needs --user-name NAME: it becomes the profile name aws configure import writes",
                ))
            }
            (Format::AwsImport, Some(name)) => check_user_name(name)?,
            (Format::Original, Some(_)) => {
                return Err(Failure::usage("--user-name only goes with --format aws-import"))
            }
            (Format::Original, None) => {}
        }
        if command == "decrypt" && format == Format::Original && key_id.is_some() {
            return Err(Failure::usage(
                "decrypt --key-id only goes with --format aws-import: the original file is printed whole",
            ));
        }
        Ok(Options {
            command,
            file,
            output,
            passphrase_file,
            armor,
            force,
            format,
            user_name,
            key_id,
            program,
            recipients,
            identity,
        })
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
const IDENTITY_HINT: &str =
    "an identity file: rootguard keygen writes one of a few hundred bytes, \
                             so check that -i names it";
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
        let form = if info.armored { "armored" } else { "binary" };
        match info.protection {
            Protection::Passphrase { params } => println!(
                "RootGuard encrypted file: format {}, {form}, Argon2id {params}; open it with \
                 `rootguard decrypt`",
                info.version
            ),
            Protection::Recipients { count } => println!(
                "RootGuard encrypted file: format {}, {form}, encrypted to {count} recipient{}; \
                 open it with `rootguard decrypt -i IDENTITY`",
                info.version,
                if count == 1 { "" } else { "s" }
            ),
        }
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
    let sealed = if o.recipients.is_empty() {
        let passphrase = passphrase(o, true, Prompt::File)?;
        envelope::seal(&plaintext, &file_name, &passphrase, KdfParams::DEFAULT)?
    } else {
        let recipients = rootguard::export::parse_recipients(&o.recipients)
            .map_err(|e| Failure::usage(format!("-r: {e}")))?;
        envelope::recipients::seal_to_recipients(&plaintext, &file_name, &recipients)?
    };
    let bytes = if o.armor { envelope::armor(&sealed).into_bytes() } else { sealed };
    write_output(&output, &bytes, o.force, false)
}

fn decrypt(o: &Options) -> Result<(), Failure> {
    let file = read_target(&o.file, MAX_FILE_LEN, FILE_HINT)?;
    // Everything that needs no passphrase is checked before prompting.
    let protection = check_before_prompting(o, &file)?;
    let output = o.output.clone().unwrap_or(Target::Std);
    if let Target::Path(path) = &output {
        if !o.force && path.exists() {
            return Err(Failure::usage(format!(
                "{} already exists; use --force to overwrite it",
                path.display()
            )));
        }
    }
    let plaintext = open_checked(o, &file, protection)?;
    match o.format {
        Format::Original => write_output(&output, &plaintext, o.force, true),
        Format::AwsImport => {
            let key = pick_key(o, &plaintext)?;
            let user_name = o.user_name.as_deref().unwrap_or_default();
            write_output(&output, aws_import_csv(user_name, &key).as_bytes(), o.force, true)
        }
    }
}

/// `credential-process`: the one key of FILE as the JSON the AWS CLI and SDKs
/// read from a `credential_process` (Version 1). Nothing else goes to
/// standard output: the SDK parses all of it.
fn credential_process(o: &Options) -> Result<(), Failure> {
    // rpassword prompts on /dev/tty on Unix; elsewhere it writes the prompt to
    // standard output, where it would corrupt the JSON.
    if !cfg!(unix) && o.passphrase_file.is_none() {
        return Err(Failure::usage(
            "credential-process needs --passphrase-file on this system: the prompt would go to standard output, which the AWS CLI parses",
        ));
    }
    let key = open_key(o)?;
    let json = credential_process_json(&key);
    write_output(&Target::Std, json.as_bytes(), false, false)
}

/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}` and a newline.
/// No `Expiration`: long-term keys do not expire, and without one the SDKs
/// keep the key for the life of the client instead of calling again. Built by hand into one buffer
/// sized up front, so no reallocation leaves a copy of the secret behind; no
/// escaping is needed because `csv.rs` only accepts key IDs of
/// `[A-Z2-7]` and secrets of base64's alphabet.
fn credential_process_json(key: &AccessKeyPair) -> Zeroizing<String> {
    let parts = [
        r#"{"Version": 1, "AccessKeyId": ""#,
        &key.access_key_id,
        r#"", "SecretAccessKey": ""#,
        key.secret_access_key.as_str(),
        "\"}\n",
    ];
    concat(&parts)
}

/// The header and one row `aws configure import --csv` reads. Its parser
/// (awscli/customizations/configure/importer.py, AWS CLI v2) splits lines on
/// commas with no CSV quoting, matches the headers `User Name`, `Access key
/// ID`, `Secret access key` case-insensitively, and makes the user name the
/// profile name: hence [`check_user_name`].
fn aws_import_csv(user_name: &str, key: &AccessKeyPair) -> Zeroizing<String> {
    let parts = [
        "User Name,Access key ID,Secret access key\n",
        user_name,
        ",",
        &key.access_key_id,
        ",",
        key.secret_access_key.as_str(),
        "\n",
    ];
    concat(&parts)
}

/// Joins `parts` into one buffer allocated once and wiped on drop.
fn concat(parts: &[&str]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(parts.iter().map(|p| p.len()).sum()));
    for part in parts {
        out.push_str(part);
    }
    out
}

/// A `--user-name` that `aws configure import` turns into exactly that
/// profile name. It splits on commas without honouring quotes, so a quoted
/// name would keep its quotes; it trims fields; and the name becomes a
/// `[section]` of the credentials file. Such names are refused, not mangled.
fn check_user_name(name: &str) -> Result<(), Failure> {
    let problem = if name.is_empty() {
        Some("is empty")
    } else if name.trim() != name {
        Some("starts or ends with white space, which aws configure import trims")
    } else if name.contains([',', '"']) {
        Some("contains a comma or a double quote: aws configure import splits on commas and does not read CSV quoting")
    } else if name.contains(['[', ']']) || name.chars().any(char::is_control) {
        Some("contains [, ] or a control character, which cannot stand in a profile name")
    } else {
        None
    };
    match problem {
        Some(why) => Err(Failure::usage(format!("--user-name {name:?} {why}"))),
        None => Ok(()),
    }
}

/// FILE's one access key (or the one `--key-id` names), after asking for the
/// passphrase.
fn open_key(o: &Options) -> Result<AccessKeyPair, Failure> {
    let file = read_target(&o.file, MAX_FILE_LEN, FILE_HINT)?;
    // Everything that needs no passphrase is checked before prompting.
    let protection = check_before_prompting(o, &file)?;
    let plaintext = open_checked(o, &file, protection)?;
    pick_key(o, &plaintext)
}

/// Checks FILE's structure and that what the user gave (`-i` or not) is
/// what opens it, before any prompt or Argon2id. The identity file is read
/// and checked here too.
fn check_before_prompting(o: &Options, file: &[u8]) -> Result<Protection, Failure> {
    let protection = envelope::peek(file)?.protection;
    match (&o.identity, protection) {
        (None, Protection::Recipients { .. }) => Err(EnvelopeError::NeedsIdentity.into()),
        (Some(_), Protection::Passphrase { .. }) => Err(EnvelopeError::NeedsPassphrase.into()),
        _ => Ok(protection),
    }
}

/// FILE's plaintext: with the passphrase (version 1) or with the identity
/// given by `-i` (version 2; the passphrase is the identity file's).
fn open_checked(
    o: &Options,
    file: &[u8],
    protection: Protection,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    match (&o.identity, protection) {
        (Some(target), Protection::Recipients { .. }) => {
            let identity = read_identity(o, target)?;
            Ok(envelope::recipients::open_with_identity(file, &identity)?.plaintext)
        }
        (None, Protection::Passphrase { .. }) => {
            let passphrase = passphrase(o, false, Prompt::File)?;
            Ok(envelope::open(file, &passphrase)?.plaintext)
        }
        (None, Protection::Recipients { .. }) => Err(EnvelopeError::NeedsIdentity.into()),
        (Some(_), Protection::Passphrase { .. }) => Err(EnvelopeError::NeedsPassphrase.into()),
    }
}

/// Reads the identity file at `target`, checks it is a RootGuard file, then
/// asks for its passphrase and opens it.
fn read_identity(o: &Options, target: &Target) -> Result<Identity, Failure> {
    let path = describe(target);
    let bytes = read_target(target, MAX_FILE_LEN, IDENTITY_HINT)?;
    envelope::peek(&bytes).map_err(|e| identity_failure(&path, e.into()))?;
    let passphrase = passphrase(o, false, Prompt::Identity)?;
    identity::open_identity_file(&bytes, &passphrase).map_err(|e| identity_failure(&path, e))
}

/// `keygen`: a new identity, written encrypted under a passphrase asked
/// twice; the recipient on standard output.
fn keygen(o: &Options) -> Result<(), Failure> {
    let output = o.output.clone().unwrap_or(Target::Path(PathBuf::from(IDENTITY_FILE_NAME)));
    let Target::Path(path) = &output else {
        return Err(Failure::usage("keygen writes the identity to a file"));
    };
    // Never overwrite: the old identity may be the only way into files.
    if path.exists() {
        return Err(Failure::usage(format!(
            "{} already exists; keygen never overwrites an identity (files encrypted to it \
             would be lost). Choose another name with -o",
            path.display()
        )));
    }
    let passphrase = passphrase(o, true, Prompt::NewIdentity)?;
    // The identity file protects every file encrypted to it, for as long as
    // it is kept: hold its passphrase to the extension's bar.
    let text = String::from_utf8_lossy(&passphrase);
    if !rootguard::passphrase::rate(&text).acceptable {
        return Err(Failure::usage(format!(
            "the passphrase is too weak for an identity: use at least {} characters and avoid \
             repeats and runs",
            rootguard::passphrase::MINIMUM_LENGTH
        )));
    }
    let identity = Identity::generate()
        .map_err(|e| Failure::usage(format!("the system's random number generator failed: {e}")))?;
    let sealed =
        identity::seal_identity_file(&identity, &utc_now(), &passphrase, KdfParams::DEFAULT)?;
    write_output(&output, &sealed, false, true)?;
    println!("{}", identity.recipient());
    eprintln!(
        "rootguard: wrote the identity to {} (keep it and its passphrase; give others the \
         recipient above)",
        path.display()
    );
    Ok(())
}

/// `recipient`: the recipient of an identity file.
fn recipient(o: &Options) -> Result<(), Failure> {
    let identity = read_identity(o, &o.file)?;
    let recipient: Recipient = identity.recipient();
    println!("{recipient}");
    Ok(())
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`, for the identity file's comment line.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The key to use among those `plaintext` holds: the only one, or the one
/// `--key-id` names. Errors list key IDs, never secrets.
fn pick_key(o: &Options, plaintext: &[u8]) -> Result<AccessKeyPair, Failure> {
    let csv = CredentialCsv::parse(plaintext).map_err(|e| Failure {
        message: format!(
            "{} decrypted, but it does not hold AWS access keys: {e}",
            describe(&o.file)
        ),
        code: EXIT_KEY,
    })?;
    // The same row twice is one key, not a choice.
    let mut keys: Vec<AccessKeyPair> = Vec::with_capacity(csv.keys.len());
    for key in csv.keys {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let ids = || keys.iter().map(|k| k.access_key_id.as_str()).collect::<Vec<_>>().join(", ");
    let matching: Vec<usize> = (0..keys.len())
        .filter(|&i| o.key_id.as_ref().map_or(true, |id| keys[i].access_key_id == *id))
        .collect();
    match (matching.as_slice(), &o.key_id) {
        ([one], _) => Ok(keys.swap_remove(*one)),
        ([], Some(id)) => Err(Failure {
            message: format!("{} holds no access key {id}; it holds {}", describe(&o.file), ids()),
            code: EXIT_KEY,
        }),
        (_, Some(id)) => Err(Failure {
            message: format!(
                "{} holds access key {id} more than once, with different secrets; fix the file",
                describe(&o.file)
            ),
            code: EXIT_KEY,
        }),
        (_, None) => Err(Failure {
            message: format!(
                "{} holds {} access keys ({}); pick one with --key-id",
                describe(&o.file),
                keys.len(),
                ids()
            ),
            code: EXIT_KEY,
        }),
    }
}

fn describe(target: &Target) -> String {
    match target {
        Target::Std => "standard input".to_owned(),
        Target::Path(path) => path.display().to_string(),
    }
}

/// Variables `exec` removes from the command's environment. Each would
/// override or contradict the key `exec` sets: a session token would be sent
/// with a long-term key (AWS rejects the pair), a profile makes tools that
/// honour it read ~/.aws instead of (or mixed with) these variables, and a
/// stale expiration makes SDKs treat the key as expired.
const REMOVED_VARIABLES: [&str; 5] = [
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CREDENTIAL_EXPIRATION",
];

/// `exec`: runs the command after `--`, with no shell, with FILE's key in
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
fn exec(o: &Options) -> Result<(), Failure> {
    let Some((program, args)) = o.program.split_first() else {
        return Err(Failure::usage("exec needs a command after --"));
    };
    let key = open_key(o)?;
    let mut command = Command::new(program);
    command.args(args);
    for name in REMOVED_VARIABLES {
        command.env_remove(name);
    }
    // The command's environment is a copy RootGuard cannot wipe: the child
    // needs the secret there. Our own copy is wiped as `key` drops.
    command.env("AWS_ACCESS_KEY_ID", &key.access_key_id);
    command.env("AWS_SECRET_ACCESS_KEY", key.secret_access_key.as_str());
    drop(key);
    run(command, program)
}

/// Unix: becomes the command (execvp), as `aws-vault exec` does. No parent is
/// left holding the secret or standing between the command and the
/// terminal's signals, and the command's exit status is the one the caller
/// sees (a shell shows death by signal n as 128+n).
#[cfg(unix)]
fn run(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    use std::os::unix::process::CommandExt;
    // `exec` returns only if the command could not be started.
    let e = command.exec();
    Err(not_started(program, &e))
}

/// Elsewhere: waits for the command and exits with its status.
#[cfg(not(unix))]
fn run(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    let status = command.status().map_err(|e| not_started(program, &e))?;
    std::process::exit(status.code().unwrap_or(1))
}

/// 127 when the command does not exist, 126 when it cannot be run: what
/// shells and env(1) exit with.
fn not_started(program: &OsStr, e: &std::io::Error) -> Failure {
    let code = if e.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
    Failure { message: format!("cannot run {}: {e}", program.to_string_lossy()), code }
}

/// Which passphrase is asked for: the prompt says so.
#[derive(Clone, Copy)]
enum Prompt {
    /// FILE's own passphrase.
    File,
    /// The identity file's passphrase.
    Identity,
    /// A new identity file's passphrase.
    NewIdentity,
}

/// The passphrase from `--passphrase-file` or the terminal (twice when
/// `confirm`). Refuses an empty one.
fn passphrase(o: &Options, confirm: bool, what: Prompt) -> Result<Zeroizing<Vec<u8>>, Failure> {
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
            let (ask, again) = match what {
                Prompt::File => ("Passphrase: ", "Confirm passphrase: "),
                Prompt::Identity => ("Identity passphrase: ", ""),
                Prompt::NewIdentity => {
                    ("Passphrase for the new identity: ", "Confirm passphrase: ")
                }
            };
            let first = prompt(ask)?;
            if confirm && !first.is_empty() {
                let second = prompt(again)?;
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
            "cannot prompt for the passphrase on the terminal (/dev/tty: {e}); \
             without a terminal (cron, CI, an IDE running aws) use --passphrase-file"
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
