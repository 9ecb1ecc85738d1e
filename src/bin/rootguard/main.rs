//! `rootguard`: the command-line tool built from the same core as the
//! extension. Encrypts credential files people already have, decrypts the
//! files the extension saves, and says what a file is.
//!
//! One module per command, each with its arguments (clap derives the parser
//! and the help from them) and its `run`; `files`, `prompt` and `open` hold
//! what several commands share. Native only: on wasm32 (built when the
//! bridge's tests are) the binary is an empty stub.

#[cfg(not(target_arch = "wasm32"))]
mod credential_process;
#[cfg(not(target_arch = "wasm32"))]
mod decrypt;
#[cfg(not(target_arch = "wasm32"))]
mod encrypt;
#[cfg(not(target_arch = "wasm32"))]
mod exec;
#[cfg(not(target_arch = "wasm32"))]
mod failure;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod harden;
#[cfg(not(target_arch = "wasm32"))]
mod inspect;
#[cfg(not(target_arch = "wasm32"))]
mod keygen;
#[cfg(not(target_arch = "wasm32"))]
mod open;
#[cfg(not(target_arch = "wasm32"))]
mod prompt;
#[cfg(not(target_arch = "wasm32"))]
mod recipient;
#[cfg(not(target_arch = "wasm32"))]
mod usage;

#[cfg(not(target_arch = "wasm32"))]
use failure::Failure;

/// The command line: a command and its arguments.
#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Parser)]
#[command(
    name = "rootguard",
    about = "rootguard — protect AWS access key files",
    override_usage = usage::SYNOPSIS,
    after_help = usage::AFTER_HELP,
    help_template = usage::TEMPLATE,
    subcommand_help_heading = "Commands",
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    /// Print the version.
    #[arg(short = 'V', long, verbatim_doc_comment)]
    version: bool,
    /// Print help.
    #[arg(short, long, action = clap::ArgAction::HelpLong, global = true, display_order = 1000, verbatim_doc_comment)]
    help: Option<bool>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The commands, in the order the help lists them.
#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Subcommand)]
enum Command {
    #[command(args_override_self = true)]
    Encrypt(encrypt::Args),
    #[command(args_override_self = true)]
    Decrypt(decrypt::Args),
    #[command(args_override_self = true)]
    CredentialProcess(credential_process::Args),
    #[command(args_override_self = true)]
    Exec(exec::Args),
    #[command(args_override_self = true)]
    Keygen(keygen::Args),
    #[command(args_override_self = true)]
    Recipient(recipient::Args),
    #[command(args_override_self = true)]
    Inspect(inspect::Args),
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::{CommandFactory, Parser};

    // Before any secret is read: no core dump, no ptrace by the same user.
    harden::undumpable();
    let result = match Cli::try_parse() {
        Ok(Cli { version: true, .. }) => {
            files::print(&format!("{}\n", rootguard::core_signature()))
        }
        Ok(Cli { command: None, .. }) => {
            // No command: the help, as `--help` prints it.
            files::print(&Cli::command().render_long_help().to_string())
        }
        Ok(Cli { command: Some(command), .. }) => match command {
            Command::Encrypt(args) => encrypt::run(&args),
            Command::Decrypt(args) => decrypt::run(&args),
            Command::CredentialProcess(args) => credential_process::run(&args),
            Command::Exec(args) => exec::run(&args),
            Command::Keygen(args) => keygen::run(&args),
            Command::Recipient(args) => recipient::run(&args),
            Command::Inspect(args) => inspect::run(&args),
        },
        Err(e) => usage::from_clap(&e),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(Failure { message, code }) => {
            if !message.is_empty() {
                eprintln!("rootguard: {message}");
            }
            std::process::ExitCode::from(code)
        }
    }
}

/// The CLI is native: wasm32 has no files or terminal to work with.
#[cfg(target_arch = "wasm32")]
fn main() {}
