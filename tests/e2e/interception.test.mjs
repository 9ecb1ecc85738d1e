// The console's credentials CSV, started by every mechanism a page has
// (the replica's download variants, public/save-file.mjs), from every realm
// it can reach: RootGuard holds it before the browser's download code sees
// it, asks for a passphrase in the console tab, and nothing holding the
// secret is ever written to the download directory or the profile (the
// fanotify watch over both, for the whole flow, and a search of both after
// the browser quit). SECURITY.md, "Page-realm hooks", lists each mechanism.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";

import { filesContaining, whileWatching } from "./lib/disk.mjs";
import { PASSPHRASE, decryptWithCli, waitForFiles } from "./lib/files.mjs";
import { clickClosingPrompt, createRootKey, inPassphrasePrompt, noticeText, promptCount, submitPassphrase } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

/** Mechanisms that carry the page's file name; the others (a URL opened or navigated to) carry none. */
const UNNAMED = new Set(["target-blank", "window-open", "location", "form", "iframe-src", "iframe-src-first"]);

/** The realm and primitive each mechanism exercises, and how the test runs it. */
const MECHANISMS = [
  ["anchor", "an <a download> the user clicks"],
  ["shadow-anchor", "an <a download> in a closed shadow root, clicked by the user"],
  ["data-url", "an <a download> to a data: URL"],
  ["programmatic", "a <button> whose handler clicks a temporary anchor (the console's likely way)"],
  ["filesaver", "FileSaver.js: a detached anchor clicked by a dispatched event in a later task"],
  ["detached", "an anchor never attached, .click()"],
  ["dispatch", "an anchor never attached, dispatchEvent"],
  ["revoke", "an anchor whose object URL is revoked right after the click"],
  ["area", "an <area download>"],
  ["data-url-base64", "a data: URL in upper case, base64 with line breaks"],
  ["data-url-params", "a data: URL with parameters in another order, percent-encoded"],
  ["target-blank", "an anchor with target=_blank to a blob, no download attribute"],
  ["window-open", "window.open(blob:)"],
  ["location", "location = blob:"],
  ["form", "a form whose action is a data: URL, into a new window"],
  ["iframe-src", "a hidden iframe sent to the blob after it is inserted"],
  ["iframe-src-first", "a hidden iframe with the blob as src before it is inserted"],
  ["iframe-blank", "an anchor made and clicked in a fresh about:blank frame"],
  ["iframe-removed", "an anchor made and clicked in a fresh about:blank frame, removed at once"],
  ["iframe-srcdoc", "an anchor in an iframe srcdoc document"],
  ["iframe-javascript", "an anchor in a javascript: URL frame (a page whose CSP allows them)", { csp: "none" }],
  ["iframe-same-origin", "a same-origin console document in a frame, its own script saving"],
  ["popup", "an anchor in an empty popup from window.open(''), closed at once"],
  ["worker", "a blob URL made in a Worker", { csp: "none" }],
  ["file-handle", "a FileSystemFileHandle's createWritable"],
];

/** Mechanisms whose prompt is sealed through to an encrypted file (the others are cancelled): the realms whose captures reach the console tab from elsewhere. */
const SEALED = new Set(["iframe-removed", "iframe-same-origin", "popup", "worker", "file-handle"]);

inEachBrowser("interception", (test, { browserName }) => {
  for (const [mechanism, what, scenario = {}] of MECHANISMS) {
    test(`${mechanism}: ${what}: held for a passphrase in the console tab, no plaintext written`, async ({ browser, wd, replica }) => {
      replica.setScenario({ downloadMechanism: mechanism, ...scenario });
      await createRootKey(wd);
      const created = replica.createdKeys.at(-1);
      const name = UNNAMED.has(mechanism) ? "credentials.csv" : "rootkey.csv";
      const sealed = SEALED.has(mechanism);
      const seen = await whileWatching(browser.watched, created.secretAccessKey, async () => {
        await wd.clickCss('[data-testid="download-csv"]');
        const line = await inPassphrasePrompt(wd, async (prompt) => {
          const text = await prompt.execute(`return document.getElementById("file-line").textContent`);
          if (sealed) await submitPassphrase(prompt, PASSPHRASE);
          else await clickClosingPrompt(prompt, '[data-rootguard-action="cancel"]');
          return text;
        });
        assert.match(line, new RegExp(`caught ${name.replace(".", "\\.")}`), "the prompt names the file the page asked for");
        if (sealed) {
          await noticeText(wd, "export-saved");
          await waitForFiles(browser.downloadDir, [`${name}.rootguard`]);
        } else {
          await noticeText(wd, "export-cancelled");
        }
      });
      assert.ok(seen.method === "fanotify" || seen.method === "inotify");
      await browser.quit();
      assert.deepEqual(readdirSync(browser.downloadDir), sealed ? [`${name}.rootguard`] : [], "only ciphertext, if anything, in the download directory");
      assert.deepEqual(filesContaining(browser.profileDir, created.secretAccessKey), [], "and nothing in the profile");
      if (sealed) {
        const opened = decryptWithCli(path.join(browser.downloadDir, `${name}.rootguard`));
        assert.ok(opened.equals(Buffer.from(created.csv)), "the encrypted file holds the console's CSV, byte for byte");
      }
    });
  }

  test("worker, on a page whose CSP forbids fetching blob: URLs: Firefox cannot read a Worker's blob, so nothing is saved and the page says so; Chromium holds it", async ({ browser, wd, replica, browserName }) => {
    replica.setScenario({ downloadMechanism: "worker", csp: "strict" });
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await whileWatching(browser.watched, created.secretAccessKey, async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      if (browserName === "firefox") {
        const said = await noticeText(wd, "download-unchecked");
        assert.match(said, /could not check rootkey\.csv/);
        assert.match(said, /nothing was saved/);
      } else {
        await inPassphrasePrompt(wd, (prompt) => clickClosingPrompt(prompt, '[data-rootguard-action="cancel"]'));
        await noticeText(wd, "export-cancelled");
      }
    });
    await browser.quit();
    assert.deepEqual(readdirSync(browser.downloadDir), []);
    assert.deepEqual(filesContaining(browser.profileDir, created.secretAccessKey), []);
  });

  // The File System Access API's picker is Chromium's only: Firefox gets no such test.
  if (browserName === "chromium") {
    test("showSaveFilePicker: the picker stays the browser's own (headless Chromium cannot show one, so it refuses)", async ({ browser, wd, replica }) => {
      replica.setScenario({ downloadMechanism: "save-picker" });
      await createRootKey(wd);
      await wd.clickCss('[data-testid="download-csv"]');
      const outcome = await wd.waitFor("the page's picker to answer", `return document.documentElement.getAttribute("data-replica-picker")`);
      assert.equal(outcome, "AbortError", "the browser's own picker answered (what the page wrote would go through RootGuard's writable: the file-handle test)");
      assert.equal(await promptCount(wd), 0, "no passphrase prompt");
      assert.deepEqual(readdirSync(browser.downloadDir), []);
    });
  }
});
