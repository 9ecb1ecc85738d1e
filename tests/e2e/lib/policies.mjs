// An organisation's policy for RootGuard, as real policy files where the real
// browsers read them (docs/MANAGED-SETTINGS.md): Chromium's managed policy
// directory, Firefox's distribution/policies.json. They are machine-wide
// (the tests run as root), so each is written just before the browser
// starts and removed after; a file from a test that crashed is recognised
// by its name (Chromium) or marker (Firefox) and removed when a suite
// starts, so it cannot leak into other tests.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
const CHROMIUM_POLICY = path.join(CHROMIUM_POLICY_DIR, "rootguard-e2e-managed-settings.json");
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
  return { file: FIREFOX_POLICY, content: { [MARKER]: true, policies: { "3rdparty": { Extensions: { [GECKO_ID]: managed } } } } };
}

/** Write the policy; returns the function that removes it (and puts back what it replaced). */
export function writePolicy(browserName, managed) {
  removeLeftoverPolicies();
  const { file, content } = policyFile(browserName, managed);
  mkdirSync(path.dirname(file), { recursive: true });
  if (browserName === "firefox" && existsSync(file)) renameSync(file, FIREFOX_ASIDE);
  writeFileSync(file, JSON.stringify(content, null, 2));
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    removeLeftoverPolicies();
  };
}

/** Remove any policy file a test of ours wrote, putting back Firefox's own if one was set aside. */
export function removeLeftoverPolicies() {
  rmSync(CHROMIUM_POLICY, { force: true });
  if (isOurs(FIREFOX_POLICY)) rmSync(FIREFOX_POLICY);
  if (existsSync(FIREFOX_ASIDE) && !existsSync(FIREFOX_POLICY)) renameSync(FIREFOX_ASIDE, FIREFOX_POLICY);
}

/** Whether `file` is a policies.json this file wrote (no file, or not JSON: not ours to touch). */
function isOurs(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"))[MARKER] === true;
  } catch {
    return false;
  }
}
