//! `rootguard credential-process`: FILE's key as the JSON the AWS CLI and
//! SDKs read from a `credential_process` setting.

use rootguard::csv::AccessKeyPair;
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::files::{self, write_output, Target};
use crate::open::{concat, open_key, KeyId, Unlock};

/// Print FILE's access key as the JSON of the AWS CLI's
/// credential_process setting (see Examples). Nothing but
/// that JSON goes to standard output. The passphrase is asked
/// on the terminal (/dev/tty), which works when the AWS CLI
/// runs rootguard from a terminal; with no terminal (cron, CI,
/// an IDE) it fails and says to use --passphrase-file.
/// Every aws command runs it anew, so it asks every time:
/// for a series of commands use exec.
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The RootGuard file (- for standard input).
    #[arg(value_name = "FILE", value_parser = files::target(), verbatim_doc_comment)]
    file: Target,
    #[command(flatten)]
    key_id: KeyId,
    #[command(flatten)]
    unlock: Unlock,
}

/// Standard output gets the JSON and nothing else: the SDK parses all of it.
pub fn run(args: &Args) -> Result<(), Failure> {
    let key_id = args.key_id.checked()?;
    let unlock = &args.unlock;
    unlock.one_from_stdin_with(&args.file)?;
    // rpassword prompts on /dev/tty on Unix; elsewhere it writes the prompt to
    // standard output, where it would corrupt the JSON.
    if !cfg!(unix) && unlock.passphrase_file.path.is_none() {
        return Err(Failure::usage(
            "credential-process needs --passphrase-file on this system: the prompt would go to standard output, which the AWS CLI parses",
        ));
    }
    crate::files::check_stdout()?;
    let key = open_key("credential-process", &args.file, unlock, key_id)?;
    let json = credential_process_json(&key);
    write_output(&Target::Std, json.as_bytes(), false, false)
}

/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}` and a newline.
/// No `Expiration`: long-term keys do not expire, and without one the SDKs
/// keep the key for the life of the client instead of calling again. Built by
/// hand into one buffer sized up front, so no reallocation leaves a copy of
/// the secret behind; no escaping is needed because `csv.rs` only accepts key
/// IDs of `[A-Z2-7]` and secrets of base64's alphabet.
fn credential_process_json(key: &AccessKeyPair) -> Zeroizing<String> {
    concat(&[
        r#"{"Version": 1, "AccessKeyId": ""#,
        &key.access_key_id,
        r#"", "SecretAccessKey": ""#,
        key.secret_access_key.as_str(),
        "\"}\n",
    ])
}
