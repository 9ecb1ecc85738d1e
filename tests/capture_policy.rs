//! The page-realm script needs one number from the core before it can ask
//! the core anything: how large a credentials file can be. It reads it from
//! `extension/main-world/capture-policy.js`; this test keeps that file the
//! core's, so the number has one owner (`src/download.rs`). When it fails,
//! write the file it prints.

use rootguard::download::MAX_CREDENTIALS_FILE_BYTES;

fn expected() -> String {
    format!(
        "// Generated from the Rust core (src/download.rs) by `cargo test`\n\
         // (tests/capture_policy.rs); do not edit. The one number the page-realm script\n\
         // needs before it can ask the core: a download larger than this cannot be a\n\
         // credentials file, so it is never read and never held back.\n\
         export const MAX_CREDENTIALS_FILE_BYTES = {MAX_CREDENTIALS_FILE_BYTES};\n"
    )
}

#[test]
fn the_page_realm_script_has_the_cores_limit() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/main-world/capture-policy.js");
    let found = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(found, expected(), "{path} must read exactly:\\n{}", expected());
}
