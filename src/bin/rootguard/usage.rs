//! What the top-level help adds to what clap writes from the arguments (the
//! synopsis, examples and exit status), and how an argument error reads:
//! `rootguard: …` on standard error, exit 2, as every other usage error.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::failure::Failure;

/// `rootguard --help`: the sections in order; the commands and options come
/// from clap.
pub const TEMPLATE: &str = "{about}\n\nUsage:\n    {usage}\n\n{all-args}{after-help}";

/// Every command's shape at a glance (the template indents the first line).
pub const SYNOPSIS: &str = "rootguard encrypt [--armor] [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard encrypt -r RECIPIENT [-r RECIPIENT…] [--armor] [-o OUTPUT] FILE
    rootguard decrypt [-i IDENTITY] [-o OUTPUT] [--passphrase-file PATH] FILE
    rootguard decrypt --format aws-import --user-name NAME [--key-id ID] [-o OUTPUT]
                      [-i IDENTITY] [--passphrase-file PATH] FILE
    rootguard credential-process [-i IDENTITY] [--key-id ID] [--passphrase-file PATH] FILE
    rootguard exec [-i IDENTITY] [--key-id ID] [--passphrase-file PATH] FILE -- COMMAND [ARG…]
    rootguard keygen [-o IDENTITY] [--passphrase-file PATH]
    rootguard recipient [--passphrase-file PATH] IDENTITY
    rootguard inspect FILE
    rootguard COMMAND --help";

/// After the commands: inputs, examples, exit status.
pub const AFTER_HELP: &str = "\
Each command's options: rootguard COMMAND --help.
FILE - reads standard input. decrypt reads binary and armored files alike.
Inputs over 16 MiB are refused: a credentials file is a few KiB.
The passphrase goes through Argon2id (64 MiB, 3 passes) into AES-256-GCM;
the file format is described in docs/FORMAT.md.

Examples:
    $ rootguard encrypt rootkey.csv
    Passphrase:
    Confirm passphrase:
    $ shred -u rootkey.csv          # once you have checked the copy decrypts

    $ rootguard decrypt rootkey.csv.rootguard
    Access key ID,Secret access key
    AKIA…,…

    $ rootguard decrypt -o rootkey.csv rootkey.csv.rootguard
    $ rootguard encrypt --armor -o - rootkey.csv      # paste into your vault
    $ rootguard decrypt --passphrase-file - key.rootguard < pass.txt

    $ rootguard inspect rootkey.csv   # key IDs only, never secrets

    $ rootguard keygen                 # each team member, once
    rgpub1…
    $ rootguard encrypt -r rgpub1…alice -r rgpub1…bob rootkey.csv
    $ rootguard decrypt -i rootguard-identity.rootguard rootkey.csv.rootguard

    # ~/.aws/config: the AWS CLI and SDKs run rootguard when they need the key
    [profile root]
    credential_process = /usr/local/bin/rootguard credential-process /home/me/rootkey.csv.rootguard

    $ rootguard exec rootkey.csv.rootguard -- aws sts get-caller-identity
    $ rootguard decrypt --format aws-import --user-name admin FILE | \\
          aws configure import --csv file:///dev/stdin   # AWS CLI v2

Exit status:
    0  success (inspect: FILE is a credentials or RootGuard file)
    1  wrong passphrase, or the file was modified or damaged (AES-GCM cannot
       tell these apart); not encrypted to the identity given; inspect: FILE
       is neither
    2  usage or I/O error, including output that could not be written
       (standard output closed, disk full, broken pipe)
    3  truncated, or not a RootGuard file
    4  unsupported format version: update rootguard
    5  key derivation parameters outside RootGuard's limits, or above
       --max-memory
    6  FILE decrypted but holds no access key, several (use --key-id), or not
       the one --key-id names
    exec: COMMAND's own status; 127 COMMAND not found, 126 not runnable";

/// A clap outcome that is not a parsed command line: help (printed, exit
/// 0) or an argument error, said the way rootguard says usage errors.
pub fn from_clap(e: &clap::Error) -> Result<(), Failure> {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Not a failure: clap prints the help on standard output.
        return e.print().map_err(|e| Failure::usage(format!("cannot print the help: {e}")));
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let first = std::env::args_os().nth(1).unwrap_or_default();
    let command = first.to_string_lossy();
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!(
                "unknown command {:?}; see rootguard --help",
                text(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::UnknownArgument if !is_command(&command) => {
            format!("unknown command {command:?}; see rootguard --help")
        }
        ErrorKind::UnknownArgument => {
            let arg = text(ContextKind::InvalidArg);
            match &*command {
                _ if arg.starts_with('-') && arg != "-" => {
                    format!("{command}: unknown option {arg}; see rootguard --help")
                }
                "exec" => {
                    format!("exec takes one FILE; put the command after --, {}", crate::exec::SHAPE)
                }
                "keygen" => {
                    "keygen takes no FILE; name the identity file with -o IDENTITY".to_owned()
                }
                _ => format!("{command} takes one FILE"),
            }
        }
        ErrorKind::MissingRequiredArgument if command == "recipient" => {
            "recipient needs the IDENTITY file; see rootguard --help".to_owned()
        }
        ErrorKind::MissingRequiredArgument => {
            format!("{command} needs a FILE; see rootguard --help")
        }
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => {
            // The option as typed: the command line's last word.
            let last = std::env::args_os().next_back().unwrap_or_default();
            let typed = Some(last.to_string_lossy().into_owned()).filter(|a| a.starts_with('-'));
            let flag = typed.unwrap_or_else(|| text(ContextKind::InvalidArg));
            format!("{flag} needs a value; see rootguard --help")
        }
        ErrorKind::InvalidValue if text(ContextKind::InvalidArg).starts_with("--format") => {
            "--format is original or aws-import; see rootguard --help".to_owned()
        }
        ErrorKind::InvalidUtf8 => {
            format!("{command}: recipients, --user-name and --key-id must be UTF-8 text")
        }
        // Anything else in clap's words, on one line.
        _ => {
            let rendered = e.render().to_string();
            let line = rendered.lines().next().unwrap_or_default();
            format!("{}; see rootguard --help", line.trim_start_matches("error: "))
        }
    };
    Err(Failure::usage(message))
}

/// Whether `name` is one of the commands.
fn is_command(name: &str) -> bool {
    use clap::CommandFactory;
    crate::Cli::command().get_subcommands().any(|c| c.get_name() == name)
}
