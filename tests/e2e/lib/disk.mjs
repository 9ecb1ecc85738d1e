// Proving a secret never reached disk: search files by content (raw, UTF-16
// and base64 forms of the canary), and watch a directory while a flow runs.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Every byte pattern under which a secret could sit in a file. */
export function secretForms(secret) {
  const raw = Buffer.from(secret, "utf8");
  const forms = [raw, Buffer.from(secret, "utf16le"), Buffer.from(secret, "utf16le").swap16()];
  // base64 at each of the three alignments, trimmed of the partial edges.
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), raw]).toString("base64");
    const start = Math.ceil((offset * 4) / 3) + 1;
    forms.push(Buffer.from(b64.slice(start, b64.length - 4)));
  }
  return forms.filter((f) => f.length >= 16);
}

/** Whether `bytes` hold the secret (or any of several) in any form. */
export function containsSecret(bytes, secret) {
  return [].concat(secret).some((one) => secretForms(one).some((form) => bytes.includes(form)));
}

/** Files under `dir` whose bytes hold the secret in any form. */
export function filesContaining(dir, secret) {
  const hits = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const p = path.join(d, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        try {
          if (containsSecret(readFileSync(p), secret)) hits.push(p);
        } catch {
          /* vanished or unreadable socket/lock */
        }
      }
    }
  };
  walk(dir);
  return hits;
}

/**
 * Watch `dirs` (a directory or several: the download directory and the
 * browser profile, whole trees) for the whole flow. As root, fanotify
 * (fanotify_watch.py) keeps a copy of the bytes of every write, even of
 * files renamed or deleted within a millisecond; each copy is checked for the
 * secret. Otherwise inotify.
 */
export async function watchForSecret(dirs, secret) {
  const list = [].concat(dirs);
  if (process.getuid?.() === 0) return watchWithFanotify(list, secret);
  return watchWithInotify(list, secret);
}

/**
 * Run `flow` while watching `dir`, then assert that no file written during it
 * ever held the secret (also when the flow failed: its own error wins).
 * Returns what the watch saw.
 */
export async function whileWatching(dirs, secret, flow, message = "no file written during the flow ever held the secret") {
  const watch = await watchForSecret(dirs, secret);
  let seen;
  try {
    await flow();
  } finally {
    seen = await watch.stop();
  }
  assert.deepEqual(seen.leaks, [], message);
  return seen;
}

async function watchWithFanotify(dirs, secret) {
  const copies = mkdtempSync(path.join(tmpdir(), "rootguard-fanotify-"));
  const script = fileURLToPath(new URL("./fanotify_watch.py", import.meta.url));
  const child = spawn("/usr/bin/python3", [script, copies, ...dirs], { stdio: ["ignore", "pipe", "pipe"] });
  const events = [];
  const leaks = new Set();
  let buffered = "";
  let said = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => (said += chunk));
  child.stdout.setEncoding("utf8");
  await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`fanotify_watch.py exited with ${code}: ${said}`)));
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) {
        if (line === "ready") {
          resolve();
          continue;
        }
        const [copy, file] = line.split("\t");
        events.push({ event: "WRITE", file: path.basename(file ?? "") });
        if (containsSecret(readFileSync(copy), secret)) leaks.add(file);
      }
    });
  });
  return {
    method: "fanotify",
    events,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve)));
      rmSync(copies, { recursive: true, force: true });
      return { method: "fanotify", events, leaks: [...leaks] };
    },
  };
}

/**
 * Watch `dir` with inotify for the whole flow; every file that is created,
 * written or renamed is read at once and checked for the secret. (inotify can
 * miss a file that lives for under a millisecond; the final scans of the
 * download directory and the profile cover what stays.)
 */
async function watchWithInotify(dirs, secret) {
  const child = spawn("inotifywait", ["-m", "-r", "--format", "%e|%w%f", "-e", "create,modify,close_write,moved_to", ...dirs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events = [];
  const leaks = new Set();
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop();
    for (const line of lines) {
      const [event, file] = line.split("|");
      events.push({ event, file: path.basename(file ?? "") });
      try {
        if (containsSecret(readFileSync(file), secret)) leaks.add(file);
      } catch {
        /* already renamed or removed: its successor is reported too */
      }
    }
  });
  // inotifywait says "Watches established." on stderr once it is watching.
  await new Promise((resolve, reject) => {
    let said = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`inotifywait exited with ${code}: ${said}`)));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      said += chunk;
      if (said.includes("Watches established")) resolve();
    });
  });
  return {
    events,
    leaks,
    async stop() {
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve)));
      return { method: "inotify", events, leaks: [...leaks] };
    },
  };
}

export function listFiles(dir) {
  return readdirSync(dir).sort();
}
