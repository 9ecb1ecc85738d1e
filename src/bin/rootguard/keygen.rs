//! `rootguard keygen`: a new identity for recipients mode.

use std::path::PathBuf;

use rootguard::envelope::KdfParams;
use rootguard::identity::{self, IDENTITY_FILE_NAME};
use rootguard::recipient::Identity;
use time::macros::format_description;
use time::OffsetDateTime;

use crate::failure::Failure;
use crate::files::{self, write_output, Target};
use crate::prompt::{passphrase, PassphraseFile, Prompt};

/// Make an identity for recipients mode: an X25519 key pair.
/// Writes the identity file (default
/// ./rootguard-identity.rootguard, mode 0600, never
/// overwritten), itself encrypted with a passphrase asked
/// twice; prints the recipient (rgpub1…) on standard output.
/// Give the recipient to whoever encrypts for you; keep the
/// identity file and its passphrase to yourself.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write the identity file to IDENTITY (default
    /// ./rootguard-identity.rootguard); never overwritten.
    #[arg(short, long, value_name = "IDENTITY", value_parser = files::target(), allow_hyphen_values = true, verbatim_doc_comment)]
    output: Option<Target>,
    #[command(flatten)]
    passphrase_file: PassphraseFile,
}

/// A new identity, written encrypted under a passphrase asked twice; the
/// recipient on standard output.
pub fn run(args: &Args) -> Result<(), Failure> {
    let source = args.passphrase_file.path.as_ref();
    let output = args.output.clone().unwrap_or(Target::Path(PathBuf::from(IDENTITY_FILE_NAME)));
    let Target::Path(path) = &output else {
        return Err(Failure::usage(
            "keygen writes the identity to a file (-o IDENTITY); standard output gets the recipient",
        ));
    };
    // Never overwrite: the old identity may be the only way into files.
    if path.exists() {
        return Err(Failure::usage(format!(
            "{} already exists; keygen never overwrites an identity (files encrypted to it \
             would be lost). Choose another name with -o",
            path.display()
        )));
    }
    // The recipient is printed at the end: refuse a closed output first.
    crate::files::check_stdout()?;
    let passphrase = passphrase(source, "keygen", true, Prompt::NewIdentity)?;
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
        identity::seal_identity_file(&identity, &utc_now()?, &passphrase, KdfParams::DEFAULT)?;
    write_output(&output, &sealed, false, true)?;
    crate::files::print(&format!("{}\n", identity.recipient()))?;
    eprintln!(
        "rootguard: wrote the identity to {} (keep it and its passphrase; give others the \
         recipient above)",
        path.display()
    );
    Ok(())
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`, for the identity file's comment line.
fn utc_now() -> Result<String, Failure> {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    OffsetDateTime::now_utc()
        .format(&format)
        .map_err(|e| Failure::usage(format!("cannot write the date: {e}")))
}
