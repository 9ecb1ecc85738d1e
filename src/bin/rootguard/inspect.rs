//! `rootguard inspect`: what a file is, without a passphrase.

use rootguard::csv::CredentialCsv;
use rootguard::envelope::{self, KdfParams, Protection};

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
        let text = match info.protection {
            Protection::Passphrase { params } => {
                let mut text = format!(
                    "RootGuard encrypted file: format {}, {form}, Argon2id {params}; open it with \
                     `rootguard decrypt`\n",
                    info.version
                );
                if params.far_above_default() {
                    text.push_str(&format!(
                        "note: this file asks for {}; opening it will take a while (RootGuard \
                         writes {}). decrypt --max-memory SIZE refuses such files\n",
                        params.cost(),
                        KdfParams::DEFAULT.cost()
                    ));
                }
                text
            }
            Protection::Recipients { count } => format!(
                "RootGuard encrypted file: format {}, {form}, encrypted to {count} recipient{}; \
                 open it with `rootguard decrypt -i IDENTITY`\n",
                info.version,
                if count == 1 { "" } else { "s" }
            ),
        };
        return files::print(&text);
    }
    match CredentialCsv::parse(&bytes) {
        Ok(csv) => {
            let mut text = String::new();
            for key in &csv.keys {
                text.push_str(&format!(
                    "credentials file ({:?}): access key {}\n",
                    csv.format, key.access_key_id
                ));
            }
            files::print(&text)
        }
        Err(e) => {
            files::print(&format!("not a credentials file: {e}\n"))?;
            Err(Failure { message: String::new(), code: 1 })
        }
    }
}
