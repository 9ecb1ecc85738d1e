//! `rootguard recipient`: the recipient (rgpub1…) of an identity file.

use crate::failure::Failure;
use crate::files::{self, Target};
use crate::open::read_identity;
use crate::prompt::PassphraseFile;

/// Print the recipient (rgpub1…) of an identity file.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The identity file (- for standard input).
    #[arg(value_name = "IDENTITY", value_parser = files::target(), verbatim_doc_comment)]
    identity: Target,
    #[command(flatten)]
    passphrase_file: PassphraseFile,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let source = args.passphrase_file.path.as_ref();
    files::one_from_stdin(&[Some(&args.identity), source])?;
    let identity = read_identity("recipient", &args.identity, source, None)?;
    crate::files::print(&format!("{}\n", identity.recipient()))?;
    Ok(())
}
