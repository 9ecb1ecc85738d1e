#!/usr/bin/env python3
"""Watch directory trees with fanotify and keep a copy of every file's bytes
as they were written, even for files that live under a millisecond.

inotify only names a file, and by the time a watcher opens it, a short-lived
file (Chromium's hidden `.org.chromium.Chromium.*`, renamed at once) may be
gone. fanotify hands the watcher an open descriptor with each event, so the
bytes can be read whatever happened to the name. The mark is on the whole
mount (a directory mark would see only its direct children, and a browser
profile is a deep tree); events outside the watched trees are dropped
unread. Needs root (CAP_SYS_ADMIN).

Usage: fanotify_watch.py COPY_DIR DIR [DIR...]
Prints "ready" once watching; then one line per copy: "<copy path>\t<file path>".
Runs until SIGTERM.
"""
import ctypes
import os
import select
import signal
import struct
import sys

FAN_MODIFY = 0x00000002
FAN_CLOSE_WRITE = 0x00000008
FAN_EVENT_ON_CHILD = 0x08000000
FAN_CLASS_NOTIF = 0x00000000
FAN_CLOEXEC = 0x00000001
FAN_NONBLOCK = 0x00000002
FAN_MARK_ADD = 0x00000001
FAN_MARK_MOUNT = 0x00000010
AT_FDCWD = -100
METADATA = struct.Struct("=IBBHQii")  # event_len, vers, reserved, metadata_len, mask, fd, pid


def main() -> int:
    copies = sys.argv[1]
    watched = [os.path.realpath(d).rstrip("/") + "/" for d in sys.argv[2:]]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.fanotify_init.argtypes = [ctypes.c_uint, ctypes.c_uint]
    libc.fanotify_mark.argtypes = [ctypes.c_int, ctypes.c_uint, ctypes.c_uint64, ctypes.c_int, ctypes.c_char_p]
    fan = libc.fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, os.O_RDONLY | os.O_LARGEFILE)
    if fan < 0:
        print(f"fanotify_init failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        return 2
    mask = FAN_MODIFY | FAN_CLOSE_WRITE
    if libc.fanotify_mark(fan, FAN_MARK_ADD | FAN_MARK_MOUNT, mask, AT_FDCWD, watched[0].encode()) < 0:
        print(f"fanotify_mark failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        return 2
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    print("ready", flush=True)
    count = 0
    while not stop:
        ready, _, _ = select.select([fan], [], [], 0.2)
        if not ready:
            continue
        try:
            buffer = os.read(fan, 65536)
        except BlockingIOError:
            continue
        offset = 0
        while offset + METADATA.size <= len(buffer):
            event_len, _vers, _res, _mlen, _mask, fd, _pid = METADATA.unpack_from(buffer, offset)
            offset += event_len
            if fd < 0:
                continue
            try:
                name = os.readlink(f"/proc/self/fd/{fd}")
                if not any(name.startswith(w) for w in watched):
                    continue  # elsewhere on the mount (the finally closes it)
                data = b""
                while True:
                    chunk = os.pread(fd, 1 << 20, len(data))
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                data, name = b"", "?"
            finally:
                os.close(fd)
            if data:
                count += 1
                copy = os.path.join(copies, f"{count:05d}")
                with open(copy, "wb") as out:
                    out.write(data)
                print(f"{copy}\t{name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
