// Resilience: the console misbehaving, or the browser stopping RootGuard's
// background, never loses a key silently or leaks one. Both browsers; the
// download directory is watched for the whole flow in each test.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";

import { whileWatching } from "./lib/disk.mjs";
import { PASSPHRASE, decryptWithCli, waitForEncryptedFiles, waitForFiles } from "./lib/files.mjs";
import { WIZARD_URL, createRootKey, inPassphrasePrompt, noticeText, promptCount, submitPassphrase } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

/** Wait until RootGuard's prompt is ready for typing (the background knows it). */
const promptReady = (wd) => inPassphrasePrompt(wd, (prompt) => prompt.waitFor("the prompt to be ready", `return document.body.dataset.state === "ready"`));

/**
 * Stop RootGuard's background as the browser does to an idle one: Chromium's
 * service worker from chrome://serviceworker-internals (in a second tab),
 * Firefox's event page through the add-on's own terminateBackground (as
 * about:debugging's "Terminate background script" does).
 */
async function stopBackground(browser) {
  const { wd } = browser;
  if (browser.name === "chromium") {
    const consoleTab = await wd.cmd("GET", "/window");
    const tab = await wd.cmd("POST", "/window/new", { type: "tab" });
    await wd.cmd("POST", "/window", { handle: tab.handle });
    await wd.navigate("chrome://serviceworker-internals/");
    const registration = `[...document.querySelectorAll(".serviceworker-registration")].find((r) => r.innerText.includes("Scope: chrome-extension://"))`;
    await wd.waitFor("RootGuard's running worker", `return ${registration}?.innerText.includes("Running Status: RUNNING")`);
    await wd.execute(`${registration}.querySelector('[data-command="stop"]').click()`);
    await wd.waitFor("the worker to stop", `return ${registration}?.innerText.includes("Running Status: STOPPED")`);
    await wd.cmd("DELETE", "/window");
    await wd.cmd("POST", "/window", { handle: consoleTab });
  } else {
    await wd.cmd("POST", "/moz/context", { context: "chrome" });
    try {
      const state = await wd.execute(`
        const extension = WebExtensionPolicy.getByID("rootguard@rootguard.dev").extension;
        return extension.terminateBackground({ disableResetIdleForTest: true }).then(() => String(extension.backgroundState));`);
      assert.equal(state, "stopped");
    } finally {
      await wd.cmd("POST", "/moz/context", { context: "content" });
    }
  }
}

inEachBrowser("resilience", (test) => {
  test("the background is stopped while a console tab is open: the next SPA move still gets the core's verdict (the sensor's port connects again)", async ({ browser, wd }) => {
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials");
    await wd.waitFor("the credentials page's badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    await stopBackground(browser);
    // A route this page has not shown before: only the core can answer it (nothing kept from earlier).
    await wd.execute(`location.hash = "#/home"`);
    await wd.waitFor(
      "the core's verdict on the new route",
      `const stack = document.querySelector('[data-rootguard="notices"]');
       return stack?.getAttribute("data-page") === "other" && document.querySelectorAll('[data-rootguard="key-badge"]').length === 0`,
    );
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="core-unavailable"]').length`), 0, "no \"RootGuard could not start\"");
    // And once more: stopped again, the move after it is answered too.
    await stopBackground(browser);
    await wd.execute(`location.hash = arguments[0]`, new URL(WIZARD_URL).hash);
    await wd.waitFor("the core's verdict after the second stop", `return document.querySelector('[data-rootguard="notices"]')?.getAttribute("data-page") === "access-key-wizard"`);
  });

  test("the background is stopped while the prompt is open: the export still completes", async ({ browser, wd, replica }) => {
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await whileWatching(browser.watched, created.secretAccessKey, async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      await promptReady(wd);
      await stopBackground(browser);
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved").catch(async (error) => {
        // What the prompt says, if it is still open (it closes once saved).
        const prompt = await inPassphrasePrompt(wd, (p) => p.execute(`return document.body.dataset.state + ": " + document.getElementById("error").textContent`)).catch(() => "closed");
        throw new Error(`${error.message}; the prompt: ${prompt}`);
      });
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    });
    assert.ok(decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).equals(Buffer.from(created.csv)));
  });

  test("the page reloads mid-prompt: nothing is saved, the reloaded page says why, the next export works", async ({ browser, wd, replica }) => {
    await createRootKey(wd);
    const lost = replica.createdKeys.at(-1);
    await whileWatching(browser.watched, lost.secretAccessKey, async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      await promptReady(wd);
      await wd.execute(`window.__beforeReload = true; location.reload();`);
      await wd.waitFor("the reloaded page", `return !window.__beforeReload && document.readyState !== "loading"`);
      const notice = await noticeText(wd, "export-discarded");
      assert.match(notice, /rootkey\.csv/);
      assert.match(notice, /nothing was saved/);
      assert.match(notice, /deactivate this access key/);
      assert.deepEqual(readdirSync(browser.downloadDir), []);
    });
    // A query string makes this a new document (a #fragment change would not be).
    await createRootKey(wd, WIZARD_URL.replace("/iam/home#", "/iam/home?again=1#"));
    const created = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
    await noticeText(wd, "export-saved");
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    assert.ok(decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).equals(Buffer.from(created.csv)));
  });

  test("two console tabs export at once: each gets its own prompt and its own file", async ({ browser, wd, replica }) => {
    const firstTab = await wd.cmd("GET", "/window");
    await createRootKey(wd);
    const first = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="download-csv"]');
    await promptReady(wd);
    const second = await wd.cmd("POST", "/window/new", { type: "tab" });
    await wd.cmd("POST", "/window", { handle: second.handle });
    await createRootKey(wd);
    const other = replica.createdKeys.at(-1);
    assert.notEqual(other.accessKeyId, first.accessKeyId);
    let files;
    await whileWatching(browser.watched, [first.secretAccessKey, other.secretAccessKey], async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved");
      await wd.cmd("POST", "/window", { handle: firstTab });
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved");
      files = await waitForEncryptedFiles(browser.downloadDir, 2);
    });
    const opened = files.map((name) => decryptWithCli(path.join(browser.downloadDir, name)).toString()).sort();
    assert.deepEqual(opened, [first.csv, other.csv].sort(), "each tab's own CSV, none lost or mixed up");
  });

  test("a second Download click while the prompt is open is refused with a notice; the first export completes", async ({ browser, wd, replica }) => {
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await whileWatching(browser.watched, created.secretAccessKey, async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      await promptReady(wd);
      // The prompt's window is in front of the console's, so this is the page's own click (as a double click would be).
      await wd.execute(`document.querySelector('[data-testid="download-csv"]').click()`);
      const busy = await noticeText(wd, "export-busy");
      assert.match(busy, /already asking for a passphrase for rootkey\.csv/);
      assert.equal(await promptCount(wd), 1, "one prompt window");
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved");
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    });
    assert.ok(decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).equals(Buffer.from(created.csv)));
  });
});
