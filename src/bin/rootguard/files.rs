//! Reading inputs and writing outputs: FILE arguments that may be `-`, the
//! size limits that keep memory bounded, and outputs created private and
//! never overwritten unasked.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::PathBuf;

use clap::builder::{OsStringValueParser, TypedValueParser};

use crate::failure::Failure;

/// A file argument: a path, or `-` for standard input/output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Std,
    Path(PathBuf),
}

impl From<OsString> for Target {
    fn from(arg: OsString) -> Target {
        if arg == "-" {
            Target::Std
        } else {
            Target::Path(PathBuf::from(arg))
        }
    }
}

/// clap's parser for a [`Target`]: any path, UTF-8 or not.
pub fn target() -> impl TypedValueParser<Value = Target> {
    OsStringValueParser::new().map(Target::from)
}

/// What `target` is, for messages.
pub fn describe(target: &Target) -> String {
    match target {
        Target::Std => "standard input".to_owned(),
        Target::Path(path) => path.display().to_string(),
    }
}

/// Standard input can be read once: refuses a command line that reads
/// more than one of its inputs from it.
pub fn one_from_stdin(inputs: &[Option<&Target>]) -> Result<(), Failure> {
    if inputs.iter().filter(|t| **t == Some(&Target::Std)).count() > 1 {
        return Err(Failure::usage(
            "only one of FILE, the passphrase and the identity can come from standard input",
        ));
    }
    Ok(())
}

/// Refuses an existing output file unless `force`, before any passphrase
/// is asked.
pub fn refuse_existing(output: &Target, force: bool) -> Result<(), Failure> {
    match output {
        Target::Path(path) if !force && path.exists() => Err(Failure::usage(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// The largest FILE read. A credentials CSV or its RootGuard file is a few
/// hundred bytes, and the format's reader holds the whole file in memory (and
/// an armored one twice): without a limit, a wrong or hostile input of
/// gigabytes would be read in full before being refused.
pub const MAX_FILE_LEN: u64 = 16 << 20;

/// The longest passphrase file read: far beyond any passphrase, small enough
/// that pointing `--passphrase-file` at the wrong file fails at once.
pub const MAX_PASSPHRASE_LEN: u64 = 64 << 10;

pub const FILE_HINT: &str = "FILE: credentials files and RootGuard files are a few KiB, so check \
                             that this is the right file";
pub const IDENTITY_HINT: &str =
    "an identity file: rootguard keygen writes one of a few hundred bytes, \
                             so check that -i names it";
pub const PASSPHRASE_HINT: &str =
    "a passphrase file: check that --passphrase-file names the file holding the passphrase";

/// Reads `target` in full, refusing (without reading it all) anything longer
/// than `limit` bytes. `what` says what the input should be, for the message.
pub fn read_target(target: &Target, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    read(target, limit, what, None)
}

/// [`read_target`] for an input that is a secret (a passphrase, a file to
/// encrypt): its buffer is locked into RAM before anything is read into it.
/// `secret` names it for the warning when locking fails.
pub fn read_secret(
    target: &Target,
    limit: u64,
    what: &str,
    secret: &str,
) -> Result<Vec<u8>, Failure> {
    read(target, limit, what, Some(secret))
}

fn read(target: &Target, limit: u64, what: &str, secret: Option<&str>) -> Result<Vec<u8>, Failure> {
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
    if let Some(secret) = secret {
        crate::harden::lock_capacity(&bytes, secret);
    }
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

/// Writes `bytes` to standard output or to a new file (an existing one only
/// with `force`). `private` files are created (or reset to) mode 0600 before
/// anything is written. A file left incomplete by an error is removed.
pub fn write_output(
    target: &Target,
    bytes: &[u8],
    force: bool,
    private: bool,
) -> Result<(), Failure> {
    let path = match target {
        Target::Std => return write_stdout(bytes),
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

/// Writes `bytes` to standard output and flushes it. Any failure (a closed
/// output, a full disk, a broken pipe) is an error, so the exit code never
/// reports output that went nowhere.
fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    check_stdout()?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::usage(format!("cannot write to standard output: {e}")))
}

/// Refuses a standard output that was closed when rootguard started (the
/// runtime put `/dev/null` in its place): call it before the work.
pub fn check_stdout() -> Result<(), Failure> {
    if crate::harden::stdout_was_closed() {
        return Err(Failure::usage(
            "standard output is closed, so the result would be lost: redirect it to a file or \
             use -o OUTPUT",
        ));
    }
    Ok(())
}

/// `text` on standard output (what `println!` would do, but a failure to
/// write is an error, not a panic or a silent loss).
pub fn print(text: &str) -> Result<(), Failure> {
    write_stdout(text.as_bytes())
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
