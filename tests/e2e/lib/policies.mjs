// An organisation's policy for RootGuard, as real policy files where the real
// browsers read them (docs/MANAGED-SETTINGS.md): Chromium's managed policy
// directory, Firefox's distribution/policies.json. They are machine-wide
// (the tests run as root), so each is written just before the browser
// starts and removed after; a file from a test run that crashed is
// recognised by its name (Chromium) or marker (Firefox), both holding the
// writing process's ID, and removed when a suite starts once that process
// is gone, so it cannot leak into other tests. Being machine-wide, a policy
// holds for every browser started meanwhile: run the suites that write one
// alone, not beside others (docs/TESTING.md).

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { FIREFOX, ROOT } from "./browsers.mjs";

/**
 * Chromium's ID for RootGuard: from the manifest's public key (`key`), the
 * first 128 bits of its SHA-256 written with the letters a–p.
 */
export function chromiumExtensionId(manifest = JSON.parse(readFileSync(path.join(ROOT, "manifest.json"), "utf8"))) {
  const digest = createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  return [...digest].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join("");
}

export const CHROMIUM_EXTENSION_ID = chromiumExtensionId();
export const GECKO_ID = "rootguard@rootguard.dev";

// Debian's chromium reads every *.json here (chrome://policy lists them).
const CHROMIUM_POLICY_DIR = process.env.ROOTGUARD_CHROMIUM_POLICIES ?? "/etc/chromium/policies/managed";
const CHROMIUM_PREFIX = "rootguard-e2e-managed-settings-";
const CHROMIUM_POLICY = path.join(CHROMIUM_POLICY_DIR, `${CHROMIUM_PREFIX}${process.pid}.json`);
// Firefox reads one file; one that was there before is set aside and put back.
const FIREFOX_POLICY = process.env.ROOTGUARD_FIREFOX_POLICIES ?? path.join(path.dirname(FIREFOX), "distribution", "policies.json");
const FIREFOX_ASIDE = `${FIREFOX_POLICY}.rootguard-e2e-aside`;
const MARKER = "rootguardE2E";

/** The policy file `browserName` reads with `managed` as RootGuard's settings. */
function policyFile(browserName, managed) {
  if (browserName === "chromium") {
    return { file: CHROMIUM_POLICY, content: { "3rdparty": { extensions: { [CHROMIUM_EXTENSION_ID]: managed } } } };
  }
  // Firefox reads only "policies"; the marker tells a leftover of ours apart.
  return { file: FIREFOX_POLICY, content: { [MARKER]: process.pid, policies: { "3rdparty": { Extensions: { [GECKO_ID]: managed } } } } };
}

/** Write the policy; returns the function that removes it (and puts back what it replaced). */
export function writePolicy(browserName, managed) {
  removeLeftoverPolicies();
  if (browserName === "firefox" && writer(FIREFOX_POLICY) !== null) throw new Error(`${FIREFOX_POLICY} is another test run's (${writer(FIREFOX_POLICY)}): run the policy suites one at a time`);
  const { file, content } = policyFile(browserName, managed);
  mkdirSync(path.dirname(file), { recursive: true });
  if (browserName === "firefox" && existsSync(file)) renameSync(file, FIREFOX_ASIDE);
  writeFileSync(file, JSON.stringify(content, null, 2));
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (browserName === "chromium") rmSync(CHROMIUM_POLICY, { force: true });
    else if (writer(FIREFOX_POLICY) === process.pid) rmSync(FIREFOX_POLICY);
    removeLeftoverPolicies();
  };
}

/**
 * Remove the policy files a test run that is gone wrote (a crash, a kill),
 * putting back Firefox's own if one was set aside; a running one's stay.
 */
export function removeLeftoverPolicies() {
  const found = existsSync(CHROMIUM_POLICY_DIR) ? readdirSync(CHROMIUM_POLICY_DIR) : [];
  for (const name of found.filter((n) => n.startsWith(CHROMIUM_PREFIX))) {
    if (!alive(Number.parseInt(name.slice(CHROMIUM_PREFIX.length), 10))) rmSync(path.join(CHROMIUM_POLICY_DIR, name), { force: true });
  }
  const firefoxWriter = writer(FIREFOX_POLICY);
  if (firefoxWriter !== null && !alive(firefoxWriter)) rmSync(FIREFOX_POLICY);
  if (existsSync(FIREFOX_ASIDE) && !existsSync(FIREFOX_POLICY)) renameSync(FIREFOX_ASIDE, FIREFOX_POLICY);
}

/** The process ID in a policies.json this file wrote, or null (no file, not JSON, not ours: not ours to touch). */
function writer(file) {
  try {
    const pid = JSON.parse(readFileSync(file, "utf8"))[MARKER];
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Whether process `pid` still runs. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
