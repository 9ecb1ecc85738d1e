//! The passphrase: from `--passphrase-file`, or asked on the terminal with
//! echo off. It lives in wiped memory and is never printed.

use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::files::{self, read_secret, Target, MAX_PASSPHRASE_LEN, PASSPHRASE_HINT};

/// `-p, --passphrase-file`, for the commands that ask for a passphrase.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct PassphraseFile {
    /// Read the passphrase from PATH (- for standard input)
    /// instead of prompting on the terminal; one trailing
    /// newline is removed.
    #[arg(short = 'p', long = "passphrase-file", value_name = "PATH", value_parser = files::target(), allow_hyphen_values = true, verbatim_doc_comment)]
    pub path: Option<Target>,
}

/// Which passphrase is asked for: the prompt says so.
#[derive(Clone, Copy)]
pub enum Prompt {
    /// FILE's own passphrase.
    File,
    /// The identity file's passphrase.
    Identity,
    /// A new identity file's passphrase.
    NewIdentity,
}

/// The passphrase from `source` (`--passphrase-file`) or the terminal (twice
/// when `confirm`). Refuses an empty one, naming `command`.
pub fn passphrase(
    source: Option<&Target>,
    command: &str,
    confirm: bool,
    what: Prompt,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let passphrase = match source {
        Some(source) => {
            let mut bytes = Zeroizing::new(read_secret(
                source,
                MAX_PASSPHRASE_LEN,
                PASSPHRASE_HINT,
                "the passphrase",
            )?);
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
            crate::harden::lock_slice(first.as_bytes(), "the passphrase");
            let copy = Zeroizing::new(first.as_bytes().to_vec());
            crate::harden::lock_slice(&copy, "the passphrase");
            copy
        }
    };
    if passphrase.is_empty() {
        return Err(Failure::usage(format!("the passphrase is empty; {command} needs one")));
    }
    Ok(passphrase)
}

/// Reads a line from the terminal with echo off.
fn prompt(text: &str) -> Result<Zeroizing<String>, Failure> {
    rpassword::prompt_password(text).map(Zeroizing::new).map_err(|e| {
        Failure::usage(format!(
            "cannot prompt for the passphrase on the terminal (/dev/tty: {e}); \
             without a terminal (cron, CI, an IDE running aws) use --passphrase-file"
        ))
    })
}
