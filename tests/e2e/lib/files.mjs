// The download directory as the tests read it: waiting for exactly the
// expected files, and opening RootGuard's output with the native CLI.

import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { ROOT } from "./browsers.mjs";

export const PASSPHRASE = "correct horse battery staple";
export const CLI = path.join(ROOT, "target", "release", "rootguard");

/** Wait until `dir` holds exactly `expected` (sorted names), polling. */
export async function waitForFiles(dir, expected, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = readdirSync(dir).sort();
    if (JSON.stringify(names) === JSON.stringify([...expected].sort())) return names;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expected.join(", ")} in ${dir} (have: ${names.join(", ")})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Decrypt a RootGuard file with the CLI; the passphrase goes through a file next to the download directory. */
export function decryptWithCli(file, passphrase = PASSPHRASE) {
  const passFile = path.join(path.dirname(file), "..", "passphrase.txt");
  writeFileSync(passFile, passphrase);
  return execFileSync(CLI, ["decrypt", "--passphrase-file", passFile, file]);
}

/** Wait until `dir` holds `count` finished RootGuard files (any names); returns them sorted. */
export async function waitForEncryptedFiles(dir, count, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = readdirSync(dir).sort();
    if (names.length === count && names.every((n) => n.endsWith(".rootguard"))) return names;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} encrypted files in ${dir} (have: ${names.join(", ")})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
