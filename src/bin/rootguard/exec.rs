//! `rootguard exec`: a command run with FILE's key in its environment, like
//! `aws-vault exec`.

use std::ffi::{OsStr, OsString};
use std::process::Command;

use crate::failure::Failure;
use crate::files::{self, Target};
use crate::open::{open_key, KeyId, Unlock};

/// The hint every "where is the command" message ends with.
pub const SHAPE: &str = "as in rootguard exec FILE -- aws sts get-caller-identity";

/// Run COMMAND (no shell) with FILE's key in AWS_ACCESS_KEY_ID
/// and AWS_SECRET_ACCESS_KEY, like aws-vault exec. It removes
/// AWS_SESSION_TOKEN and AWS_SECURITY_TOKEN (a token sent with
/// a long-term key is rejected), AWS_PROFILE and
/// AWS_DEFAULT_PROFILE (they make tools read ~/.aws instead),
/// and AWS_CREDENTIAL_EXPIRATION (a stale expiry). rootguard
/// wipes its own copy of the secret, but the command's
/// environment holds one it cannot wipe, readable by the
/// command, its children and the same user's debuggers.
/// On Unix rootguard becomes COMMAND: its exit status is
/// COMMAND's (death by signal n: 128+n in a shell).
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The RootGuard file (- for standard input).
    #[arg(value_name = "FILE", value_parser = files::target(), verbatim_doc_comment)]
    file: Target,
    /// The command and its arguments, after --: passed as
    /// they are, their options are not rootguard's.
    #[arg(value_name = "COMMAND", last = true, allow_hyphen_values = true, verbatim_doc_comment)]
    program: Vec<OsString>,
    #[command(flatten)]
    key_id: KeyId,
    #[command(flatten)]
    unlock: Unlock,
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

/// Runs the command after `--`, with no shell, with FILE's key in
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
pub fn run(args: &Args) -> Result<(), Failure> {
    let key_id = args.key_id.checked()?;
    let unlock = &args.unlock;
    unlock.one_from_stdin_with(&args.file)?;
    let Some((program, rest)) = args.program.split_first() else {
        return Err(Failure::usage(format!("exec needs a command after --, {SHAPE}")));
    };
    let key = open_key("exec", &args.file, unlock, key_id)?;
    let mut command = Command::new(program);
    command.args(rest);
    for name in REMOVED_VARIABLES {
        command.env_remove(name);
    }
    // The command's environment is a copy RootGuard cannot wipe: the child
    // needs the secret there. Our own copy is wiped as `key` drops.
    command.env("AWS_ACCESS_KEY_ID", &key.access_key_id);
    command.env("AWS_SECRET_ACCESS_KEY", key.secret_access_key.as_str());
    drop(key);
    become_command(command, program)
}

/// Unix: becomes the command (execvp), as `aws-vault exec` does. No parent is
/// left holding the secret or standing between the command and the
/// terminal's signals, and the command's exit status is the one the caller
/// sees (a shell shows death by signal n as 128+n).
#[cfg(unix)]
fn become_command(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    use std::os::unix::process::CommandExt;
    // `exec` returns only if the command could not be started.
    let e = command.exec();
    Err(not_started(program, &e))
}

/// Elsewhere: waits for the command and exits with its status.
#[cfg(not(unix))]
fn become_command(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    let status = command.status().map_err(|e| not_started(program, &e))?;
    std::process::exit(status.code().unwrap_or(1))
}

/// 127 when the command does not exist, 126 when it cannot be run: what
/// shells and env(1) exit with.
fn not_started(program: &OsStr, e: &std::io::Error) -> Failure {
    let code = if e.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
    Failure { message: format!("cannot run {}: {e}", program.to_string_lossy()), code }
}
