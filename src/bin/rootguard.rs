//! `rootguard`: the command-line tool built from the same core as the
//! extension. Later versions decrypt and encrypt exported key files.

use std::io::Read;
use std::process::ExitCode;

use rootguard::csv::CredentialCsv;

const HELP: &str = "\
rootguard — protect AWS access key files

Usage:
    rootguard inspect FILE     Say whether FILE is an AWS credentials file
                               (prints key IDs only, never secrets). FILE - reads stdin.
    rootguard --version        Print the version.
    rootguard --help           Print this help.

Exit codes: 0 ok, 1 not a credentials file, 2 usage or I/O error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--version" | "-V"] => {
            println!("{}", rootguard::core_signature());
            ExitCode::SUCCESS
        }
        ["--help" | "-h"] | [] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["inspect", path] => inspect(path),
        _ => {
            eprint!("rootguard: unknown arguments\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

fn inspect(path: &str) -> ExitCode {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("rootguard: cannot read {path}: {e}");
        return ExitCode::from(2);
    }
    match CredentialCsv::parse(&bytes) {
        Ok(csv) => {
            for key in &csv.keys {
                println!("credentials file ({:?}): access key {}", csv.format, key.access_key_id);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("not a credentials file: {e}");
            ExitCode::from(1)
        }
    }
}
