//! `rootguard decrypt`: a RootGuard file back to the original file, or to
//! the CSV `aws configure import` reads.

use rootguard::csv::AccessKeyPair;
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::files::{self, read_target, refuse_existing, write_output, Target};
use crate::files::{FILE_HINT, MAX_FILE_LEN};
use crate::open::{check_before_prompting, concat, open_checked, pick_key, KeyId, Unlock};

/// Get a protected credentials file back.
///
/// Reads binary and armored files alike; prints the original file, or
/// writes it with -o (mode 0600).
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The RootGuard file (- for standard input).
    #[arg(value_name = "FILE", value_parser = files::target(), verbatim_doc_comment)]
    file: Target,
    /// Write the result to OUTPUT (- for standard output,
    /// the default). Decrypted files are created 0600.
    #[arg(short, long, value_name = "OUTPUT", value_parser = files::target(), allow_hyphen_values = true, verbatim_doc_comment)]
    output: Option<Target>,
    /// Overwrite OUTPUT if it exists.
    #[arg(short, long, verbatim_doc_comment)]
    force: bool,
    /// What to print.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Original, verbatim_doc_comment)]
    format: Format,
    /// With --format aws-import (required): the profile
    /// name aws configure import creates. Names with a
    /// comma, quote, [ ] or surrounding spaces are refused:
    /// the importer does not read CSV quoting.
    #[arg(
        long = "user-name",
        value_name = "NAME",
        allow_hyphen_values = true,
        verbatim_doc_comment
    )]
    user_name: Option<String>,
    #[command(flatten)]
    key_id: KeyId,
    #[command(flatten)]
    unlock: Unlock,
}

/// What `decrypt` prints (`--help` shows these lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// the original file, byte for byte
    Original,
    /// the CSV `aws configure import --csv` reads: header
    /// User Name,Access key ID,Secret access key
    #[value(verbatim_doc_comment)]
    AwsImport,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let key_id = args.key_id.checked()?;
    let unlock = &args.unlock;
    unlock.one_from_stdin_with(&args.file)?;
    match (args.format, &args.user_name) {
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
    if args.format == Format::Original && key_id.is_some() {
        return Err(Failure::usage(
            "decrypt --key-id only goes with --format aws-import: the original file is printed whole",
        ));
    }
    let file = read_target(&args.file, MAX_FILE_LEN, FILE_HINT)?;
    // Everything that needs no passphrase is checked before prompting.
    let protection = check_before_prompting(unlock, &file)?;
    let output = args.output.clone().unwrap_or(Target::Std);
    refuse_existing(&output, args.force)?;
    if output == Target::Std {
        files::check_stdout()?;
    }
    let plaintext = open_checked("decrypt", unlock, &file, protection)?;
    match args.format {
        Format::Original => write_output(&output, &plaintext, args.force, true),
        Format::AwsImport => {
            let key = pick_key(&args.file, key_id, &plaintext)?;
            let user_name = args.user_name.as_deref().unwrap_or_default();
            write_output(&output, aws_import_csv(user_name, &key).as_bytes(), args.force, true)
        }
    }
}

/// The header and one row `aws configure import --csv` reads. Its parser
/// (awscli/customizations/configure/importer.py, AWS CLI v2) splits lines on
/// commas with no CSV quoting, matches the headers `User Name`, `Access key
/// ID`, `Secret access key` case-insensitively, and makes the user name the
/// profile name: hence [`check_user_name`].
fn aws_import_csv(user_name: &str, key: &AccessKeyPair) -> Zeroizing<String> {
    concat(&[
        "User Name,Access key ID,Secret access key\n",
        user_name,
        ",",
        &key.access_key_id,
        ",",
        key.secret_access_key.as_str(),
        "\n",
    ])
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
