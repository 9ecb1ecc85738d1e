//! What the CLI's integration tests (`tests/cli.rs`, `tests/cli_hardening.rs`) share.

use std::path::{Path, PathBuf};

/// A fresh directory under target/tmp, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `target/tmp/<name>-<pid>`, empty.
    pub fn new(name: &str) -> TempDir {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Write `bytes` to `name` in the directory; its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
