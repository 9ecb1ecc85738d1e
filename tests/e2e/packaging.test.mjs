// Packaging: the very files a user installs (the Chrome zip, the Firefox
// xpi) load without a warning or an error, and RootGuard works from them.
// Chromium's own record (what chrome://extensions shows: install warnings,
// manifest errors, runtime errors, the service worker) and Firefox's console
// (where it reports manifest problems) are read back after a whole export.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after } from "node:test";

import { ROOT } from "./lib/browsers.mjs";
import { createRootKey, inPassphrasePrompt, noticeText, submitPassphrase } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const CHROME_ZIP = path.join(ROOT, "dist", "rootguard-chrome.zip");
const FIREFOX_XPI = path.join(ROOT, "dist", "rootguard-firefox.xpi");

// What chrome://extensions knows about RootGuard (its page may call developerPrivate).
async function chromiumRecord(wd) {
  await wd.navigate("chrome://extensions/");
  return JSON.parse(
    await wd.execute(`
      return new Promise((resolve) => chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true, includeTerminated: true }, resolve))
        .then((all) => JSON.stringify(all.map((e) => ({ name: e.name, state: e.state, installWarnings: e.installWarnings,
          manifestErrors: e.manifestErrors, runtimeErrors: e.runtimeErrors, views: e.views.map((v) => v.type + " " + v.url),
          permissions: e.permissions }))));`),
  );
}

// Firefox's console messages that mention the add-on or its manifest.
async function firefoxConsole(wd) {
  await wd.cmd("POST", "/moz/context", { context: "chrome" });
  try {
    return await wd.execute(`
      return Services.console.getMessageArray()
        .map((m) => (m instanceof Ci.nsIScriptError ? (m.flags & Ci.nsIScriptError.warningFlag ? "warning: " : "error: ") + m.errorMessage + " " + m.sourceName : "log: " + m.message))
        .filter((text) => /rootguard|Reading manifest|moz-extension/i.test(text));`);
  } finally {
    await wd.cmd("POST", "/moz/context", { context: "content" });
  }
}

const unzipped = mkdtempSync(path.join(tmpdir(), "rootguard-chrome-zip-"));
execFileSync("python3", ["-m", "zipfile", "-e", CHROME_ZIP, unzipped]);
after(() => rmSync(unzipped, { recursive: true, force: true }));

inEachBrowser("packaging", (test, { browserName }) => {
  test("the packed extension loads with no warning or error and exports from the packed files", async ({ wd, replica }) => {
    // Chromium loads the zip's contents (it loads zips only as signed CRX); Firefox the xpi itself.
    await createRootKey(wd);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, "correct horse battery staple"));
    await noticeText(wd, "export-saved");
    assert.equal(replica.createdKeys.length, 1);

    if (browserName === "chromium") {
      const record = await chromiumRecord(wd);
      assert.equal(record.length, 1, "exactly one extension: RootGuard");
      const [rootguard] = record;
      assert.equal(rootguard.state, "ENABLED");
      assert.deepEqual(rootguard.installWarnings, [], "no install (manifest) warnings");
      assert.deepEqual(rootguard.manifestErrors, [], "no manifest errors");
      assert.deepEqual(rootguard.runtimeErrors, [], "no runtime errors, the service worker's included");
      assert.ok(rootguard.views.some((v) => v.startsWith("EXTENSION_SERVICE_WORKER_BACKGROUND ") && v.endsWith("/background.js")), `the service worker is registered: ${rootguard.views}`);
    } else {
      const messages = await firefoxConsole(wd);
      assert.deepEqual(messages.filter((m) => !m.startsWith("log: ")), [], "no warning or error about the add-on");
    }
  }, { extension: browserName === "chromium" ? unzipped : FIREFOX_XPI });
});
