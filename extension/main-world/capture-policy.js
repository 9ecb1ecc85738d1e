// Generated from the Rust core (src/download.rs) by `cargo test`
// (tests/capture_policy.rs); do not edit. The one number the page-realm script
// needs before it can ask the core: a download larger than this cannot be a
// credentials file, so it is never read and never held back.
export const MAX_CREDENTIALS_FILE_BYTES = 65536;
