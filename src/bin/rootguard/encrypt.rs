//! `rootguard encrypt`: a credentials file (or any small file) into a
//! RootGuard file, with a passphrase or to recipients.

use std::io::IsTerminal;
use std::path::PathBuf;

use rootguard::envelope::{self, FILE_SUFFIX};
use rootguard::settings::KdfStrength;
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::files::{self, read_secret, refuse_existing, write_output, Target};
use crate::files::{FILE_HINT, MAX_FILE_LEN};
use crate::prompt::{passphrase, PassphraseFile, Prompt};

/// Protect a credentials file.
///
/// With a passphrase (asked twice) or, with -r, to recipients (no
/// passphrase asked).
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The file to encrypt (- for standard input).
    #[arg(value_name = "FILE", value_parser = files::target(), verbatim_doc_comment)]
    file: Target,
    /// Write the result to OUTPUT (- for standard output);
    /// default FILE.rootguard.
    #[arg(short, long, value_name = "OUTPUT", value_parser = files::target(), allow_hyphen_values = true, verbatim_doc_comment)]
    output: Option<Target>,
    /// Encrypt to text that survives a password manager's
    /// notes field, instead of binary.
    #[arg(short, long, verbatim_doc_comment)]
    armor: bool,
    /// Overwrite OUTPUT if it exists.
    #[arg(short, long, verbatim_doc_comment)]
    force: bool,
    /// Encrypt to this recipient (rgpub1…, from rootguard
    /// keygen) instead of a passphrase; repeat for up to
    /// 16. Any one of their identities opens the file.
    #[arg(
        short,
        long = "recipient",
        value_name = "RECIPIENT",
        allow_hyphen_values = true,
        verbatim_doc_comment
    )]
    recipients: Vec<String>,
    #[command(flatten)]
    passphrase_file: PassphraseFile,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let source = args.passphrase_file.path.as_ref();
    files::one_from_stdin(&[Some(&args.file), source])?;
    if !args.recipients.is_empty() && source.is_some() {
        return Err(Failure::usage(
            "encrypt -r needs no passphrase: the file is encrypted to the recipients; drop --passphrase-file",
        ));
    }
    let plaintext =
        Zeroizing::new(read_secret(&args.file, MAX_FILE_LEN, FILE_HINT, "the file to encrypt")?);
    let (file_name, default_output) = match &args.file {
        Target::Std => (String::new(), Target::Std),
        Target::Path(path) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let mut out = path.clone().into_os_string();
            out.push(FILE_SUFFIX);
            (name.unwrap_or_default(), Target::Path(PathBuf::from(out)))
        }
    };
    let output = args.output.clone().unwrap_or(default_output);
    if output == Target::Std && !args.armor && std::io::stdout().is_terminal() {
        return Err(Failure::usage(
            "refusing to write a binary file to the terminal; use -o OUTPUT or --armor",
        ));
    }
    // Refuse an existing (or closed) output before asking for the passphrase.
    refuse_existing(&output, args.force)?;
    if output == Target::Std {
        files::check_stdout()?;
    }
    let sealed = if args.recipients.is_empty() {
        let passphrase = passphrase(source, "encrypt", true, Prompt::File)?;
        // The extension's default strength (its options page can change it there).
        let params = KdfStrength::default().params();
        envelope::seal(&plaintext, &file_name, &passphrase, params)?
    } else {
        let recipients = rootguard::export::parse_recipients(&args.recipients)
            .map_err(|e| Failure::usage(format!("-r: {e}")))?;
        envelope::recipients::seal_to_recipients(&plaintext, &file_name, &recipients)?
    };
    let bytes = if args.armor { envelope::armor(&sealed).into_bytes() } else { sealed };
    write_output(&output, &bytes, args.force, false)
}
