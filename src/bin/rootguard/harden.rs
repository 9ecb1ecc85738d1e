//! Keeping secrets out of core dumps and swap, and never reporting success
//! for output that went nowhere.
//!
//! - [`undumpable`]: on Linux `prctl(PR_SET_DUMPABLE, 0)`, so a crash
//!   leaves no core file holding the passphrase or the plaintext, and other
//!   processes of the same user cannot attach with ptrace or read
//!   `/proc/PID/mem`; on other Unix systems `RLIMIT_CORE` 0 (no core file;
//!   the limit is inherited by `exec`'s command). Nothing on Windows.
//! - [`lock`]: the pages of a buffer holding a secret are locked into RAM
//!   (mlock, VirtualLock), so they are never written to swap. The pages stay
//!   locked until the process ends, which for this short-lived tool is
//!   moments later. Failing to lock (e.g. a low `ulimit -l`) is a warning,
//!   printed once, not an error.
//! - [`stdout_was_closed`]: Rust's runtime reopens a closed standard output
//!   on `/dev/null` before `main`, so writing to it "succeeds"; this tells
//!   the two apart so that a command can refuse instead.

use std::sync::atomic::{AtomicBool, Ordering};

/// Marks the process undumpable; a failure is a warning.
pub fn undumpable() {
    if let Err(e) = set_undumpable() {
        eprintln!("rootguard: warning: cannot keep secrets out of core dumps ({e})");
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn set_undumpable() -> std::io::Result<()> {
    use rustix::process::{set_dumpable_behavior, DumpableBehavior};
    Ok(set_dumpable_behavior(DumpableBehavior::NotDumpable)?)
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn set_undumpable() -> std::io::Result<()> {
    use rustix::process::{setrlimit, Resource, Rlimit};
    Ok(setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) })?)
}

#[cfg(not(unix))]
fn set_undumpable() -> std::io::Result<()> {
    Ok(())
}

/// Whether the process is marked undumpable (Linux; elsewhere `None`).
#[cfg(test)]
fn is_undumpable() -> Option<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{dumpable_behavior, DumpableBehavior};
        dumpable_behavior().ok().map(|d| d == DumpableBehavior::NotDumpable)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    None
}

static LOCK_WARNED: AtomicBool = AtomicBool::new(false);

/// Locks the pages that hold `bytes` (a buffer's whole capacity, when it is
/// about to be filled) into RAM until the process exits. `what` names the
/// secret for the warning.
pub fn lock(bytes: *const u8, len: usize, what: &str) {
    if len == 0 {
        return;
    }
    match region::lock(bytes, len) {
        // Unlocking on drop would unlock pages other secrets may share.
        Ok(guard) => std::mem::forget(guard),
        Err(e) => {
            if !LOCK_WARNED.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "rootguard: warning: cannot lock the memory holding {what} ({e}); it may \
                     be written to swap (raise `ulimit -l` to avoid this)"
                );
            }
        }
    }
}

/// [`lock`] for a filled buffer.
pub fn lock_slice(bytes: &[u8], what: &str) {
    lock(bytes.as_ptr(), bytes.len(), what);
}

/// [`lock`] for a vector's whole allocation, before it is filled.
pub fn lock_capacity(bytes: &Vec<u8>, what: &str) {
    lock(bytes.as_ptr(), bytes.capacity(), what);
}

/// Whether standard output was closed when the process started (`>&-`):
/// the runtime then opened `/dev/null` read-write in its place, which no
/// shell redirection does (`>/dev/null` opens it write-only).
pub fn stdout_was_closed() -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{fcntl_getfl, fstat, stat, FileType, OFlags};
        let out = std::io::stdout();
        let (Ok(ours), Ok(flags)) = (fstat(&out), fcntl_getfl(&out)) else {
            return true;
        };
        let Ok(null) = stat("/dev/null") else {
            return false;
        };
        FileType::from_raw_mode(ours.st_mode) == FileType::CharacterDevice
            && ours.st_rdev == null.st_rdev
            && flags & OFlags::RWMODE == OFlags::RDWR
    }
    #[cfg(not(unix))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// VmLck from /proc/self/status, in KiB.
    #[cfg(target_os = "linux")]
    fn locked_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmLck:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    #[test]
    fn the_process_becomes_undumpable_and_locks_secrets() {
        #[cfg(target_os = "linux")]
        {
            undumpable();
            // The kernel reports the flag through prctl(PR_GET_DUMPABLE); and
            // /proc/self/status shows what it implies: no core dump is being
            // written, and (below) the locked memory.
            assert_eq!(is_undumpable(), Some(true));
            let before = locked_kib();
            let secret = vec![0x5au8; 64 << 10];
            lock_slice(&secret, "a test secret");
            assert!(locked_kib() >= before + 64, "VmLck {} kB after locking 64 KiB", locked_kib());
        }
        #[cfg(not(target_os = "linux"))]
        undumpable();
    }
}
