//! `rootguard inspect`: what a file is, without a passphrase.

use rootguard::csv::CredentialCsv;
use rootguard::envelope::{self, Protection};

use crate::failure::Failure;
use crate::files::{self, read_target, Target, FILE_HINT, MAX_FILE_LEN};

/// Say what FILE is, without a passphrase.
///
/// A RootGuard file: its format, form and how it is opened. A credentials
/// file: its access key IDs, never the secrets. Exit 1 if it is neither.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The file (- for standard input).
    #[arg(value_name = "FILE", value_parser = files::target(), verbatim_doc_comment)]
    file: Target,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let bytes = read_target(&args.file, MAX_FILE_LEN, FILE_HINT)?;
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
