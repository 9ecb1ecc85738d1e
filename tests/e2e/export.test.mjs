// Encrypted export, end to end: the replica's wizard builds the CSV in the
// page and "downloads" it; RootGuard must catch it before the download
// manager, ask for a passphrase in its own frame, and save only ciphertext.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT } from "./lib/browsers.mjs";
import { filesContaining, watchForSecret } from "./lib/disk.mjs";
import { PASSPHRASE, decryptWithCli, waitForFiles } from "./lib/files.mjs";
import { clickClosingPrompt, createRootKey, createUserKey, inPassphrasePrompt, noticeText, promptWindow, submitPassphrase, type, promptIsClosed } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";
import { CLASSIC } from "../fixtures/console/scenario.mjs";

const PYTHON = path.join(ROOT, "target", "pyvenv", "bin", "python");
const INDEPENDENT = path.join(ROOT, "tests", "independent", "decrypt.py");

function decryptIndependently(file) {
  const passFile = path.join(path.dirname(file), "..", "passphrase.txt");
  writeFileSync(passFile, PASSPHRASE);
  return execFileSync(PYTHON, [INDEPENDENT, file, passFile]);
}

inEachBrowser("encrypted export", (test, { browserName }) => {
  test("Download .csv file saves only an encrypted file that the CLI and an independent decryptor open", async ({ browser, replica }) => {
    const { wd } = browser;
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    assert.match(created.secretAccessKey, /RGCANARY/);
    const watch = await watchForSecret(browser.watched, created.secretAccessKey);
    try {
      await wd.clickCss('[data-testid="download-csv"]');
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      const saved = await noticeText(wd, "export-saved");
      assert.match(saved, /rootkey\.csv\.rootguard/);
      assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="export-pending"]')`), null, "the notice that pointed to the prompt is gone");
      await promptIsClosed(wd);
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    } finally {
      const seen = await watch.stop();
      assert.ok(seen.events.length > 0, `the ${seen.method} watch saw the ciphertext being written`);
      assert.deepEqual(seen.leaks, [], "no file written during the flow ever held the secret");
    }
    await browser.quit();
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"], "exactly the encrypted file");
    assert.deepEqual(filesContaining(browser.downloadDir, created.secretAccessKey), []);
    assert.deepEqual(filesContaining(browser.profileDir, created.secretAccessKey), [], "nor anywhere in the browser profile");
    const file = path.join(browser.downloadDir, "rootkey.csv.rootguard");
    assert.ok(decryptWithCli(file).equals(Buffer.from(created.csv)), "rootguard decrypt returns the page's CSV byte for byte");
    assert.ok(decryptIndependently(file).equals(Buffer.from(created.csv)), "so does the independent decryptor");
  });

  test("on the classic replica (the older forms: an <a download>, a key-value Retrieve step) only an encrypted file is saved too", async ({ browser, replica }) => {
    const { wd } = browser;
    replica.setScenario(CLASSIC);
    await createRootKey(wd);
    assert.equal(await wd.execute(`return document.querySelector('[data-testid="download-csv"]').localName`), "a", "the older form's link");
    const created = replica.createdKeys.at(-1);
    const watch = await watchForSecret(browser.watched, created.secretAccessKey);
    try {
      await wd.clickCss('[data-testid="download-csv"]');
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved");
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    } finally {
      const seen = await watch.stop();
      assert.deepEqual(seen.leaks, [], "no file written during the flow ever held the secret");
    }
    assert.ok(decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).equals(Buffer.from(created.csv)));
  });

  test("RootGuard's decrypt page opens the saved file with its passphrase and shows the key masked", async ({ browser, replica }) => {
    const { wd } = browser;
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="download-csv"]');
    const { url: promptUrl } = await promptWindow(wd);
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
    await noticeText(wd, "export-saved");
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);

    await browser.openExtensionPage("pages/decrypt.html", promptUrl);
    await wd.waitFor("the decrypt form", `return document.querySelector('[data-rootguard="decrypt-form"]')`);
    await type(wd, 'input[type="file"]', path.join(browser.downloadDir, "rootkey.csv.rootguard"));
    await type(wd, 'input[name="passphrase"]', "not the passphrase at all");
    await wd.clickCss('[data-rootguard-action="decrypt"]');
    const refused = await wd.waitFor("the error", `return document.querySelector('[data-rootguard="decrypt-error"]').textContent`);
    assert.match(refused, /passphrase/i);
    // The core's error crossed the bridge with its name, not only its text.
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="decrypt-error"]').dataset.name`), "WrongPassphraseOrTampered");

    await wd.execute(`document.querySelector('input[name="passphrase"]').value = ""`);
    await type(wd, 'input[name="passphrase"]', PASSPHRASE);
    await wd.clickCss('[data-rootguard-action="decrypt"]');
    const shown = await wd.waitFor(
      "the decrypted key",
      `const id = document.querySelector('[data-rootguard="decrypted-key-id"]');
       return id && { id: id.textContent, secret: document.querySelector('[data-rootguard="decrypted-secret"]').textContent };`,
    );
    assert.equal(shown.id, created.accessKeyId);
    assert.doesNotMatch(shown.secret, /RGCANARY/, "masked until asked");
    await wd.clickCss('[data-rootguard="decrypted-key"] [data-rootguard-action="show"]');
    const revealed = await wd.waitFor("the revealed secret", `return document.querySelector('[data-rootguard="decrypted-secret"]').textContent`);
    assert.equal(revealed, created.secretAccessKey);
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"], "decrypting wrote nothing");
  });

  test("a hostile page script obtains neither the passphrase nor a plaintext file", async ({ browser, replica }) => {
    replica.setScenario({ hostile: true });
    const { wd } = browser;
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    const watch = await watchForSecret(browser.watched, created.secretAccessKey);
    try {
      await wd.clickCss('[data-testid="download-csv"]');
      await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
      await noticeText(wd, "export-saved");
      // Forge what RootGuard's scripts say to each other, from the page.
      await wd.execute(`
        const csv = new TextEncoder().encode(arguments[0]);
        postMessage({ source: "rootguard-content", type: "download-release", fileName: "rootkey.csv", bytes: csv }, "*");
        postMessage({ source: "rootguard-content", type: "download-decision", id: 1, allow: true }, "*");
        postMessage({ source: "rootguard-content", type: "export-finished", outcome: "saved", savedAs: "forged" }, "*");`, created.csv);
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    } finally {
      const seen = await watch.stop();
      assert.deepEqual(seen.leaks, []);
    }
    const attack = JSON.parse(await wd.execute(`return document.documentElement.getAttribute("data-attack-log")`));
    assert.equal(attack.extensionFrame, undefined, "the prompt is not in the page: nothing of it to read or post to");
    assert.equal(attack.runtime, "unavailable", "it cannot message the extension either");
    assert.equal(attack.replacedAfterClick, true);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="export-saved"]').length`), 1, "no forged notice");
    await browser.quit();
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"], "the forged release saved nothing");
    assert.deepEqual(filesContaining(browser.profileDir, created.secretAccessKey), []);
    const file = path.join(browser.downloadDir, "rootkey.csv.rootguard");
    assert.ok(decryptWithCli(file).equals(Buffer.from(created.csv)), "sealed the page's CSV, not the replacement, under the user's passphrase");
  });

  test("an IAM user's <user>_accessKeys.csv (BOM, LF) is exported encrypted too, here as ASCII armor", async ({ browser, replica }) => {
    replica.setScenario({ session: "iam-user", userName: "admin", csvBom: true, csvLineEnd: "\n" });
    const { wd } = browser;
    await createUserKey(wd, "alice");
    const created = replica.createdKeys.at(-1);
    assert.equal(created.fileName, "alice_accessKeys.csv");
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE, PASSPHRASE, { armor: true }));
    assert.match(await noticeText(wd, "export-saved"), /alice_accessKeys\.csv\.rootguard/);
    await waitForFiles(browser.downloadDir, ["alice_accessKeys.csv.rootguard"]);
    const file = path.join(browser.downloadDir, "alice_accessKeys.csv.rootguard");
    assert.match(readFileSync(file, "utf8"), /^-----BEGIN ROOTGUARD ENCRYPTED FILE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END ROOTGUARD ENCRYPTED FILE-----\s*$/);
    assert.ok(decryptWithCli(file).equals(Buffer.from(created.csv)), "byte for byte, BOM included");
    assert.ok(Buffer.from(created.csv).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
  });

  test("Cancel saves nothing and says so; a secret-free download on the same page still saves", async ({ browser }) => {
    const { wd } = browser;
    await createRootKey(wd);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => clickClosingPrompt(prompt, '[data-rootguard-action="cancel"]'));
    const cancelled = await noticeText(wd, "export-cancelled");
    assert.match(cancelled, /Nothing was saved/);
    assert.match(cancelled, /Show/);

    await wd.execute(`location.hash = "#/security_credentials"`);
    await wd.waitFor("the key list link", `return document.querySelector('[data-testid="download-key-list"]')`);
    await wd.clickCss('[data-testid="download-key-list"]');
    await waitForFiles(browser.downloadDir, ["access-keys-list.csv"]);
    assert.doesNotMatch(readFileSync(path.join(browser.downloadDir, "access-keys-list.csv"), "utf8"), /RGCANARY/);
  });

  test("a mismatched confirmation or a weak passphrase is refused in the prompt, and nothing is saved", async ({ browser }) => {
    const { wd } = browser;
    await createRootKey(wd);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, async (prompt) => {
      await submitPassphrase(prompt, PASSPHRASE, `${PASSPHRASE}!`);
      const mismatch = await prompt.waitFor("the error", `return document.querySelector('[data-rootguard="passphrase-error"]').textContent`);
      assert.match(mismatch, /differ/);
      await prompt.execute(`for (const i of document.querySelectorAll("input")) i.value = "";`);
      await submitPassphrase(prompt, "password1234");
      const weak = await prompt.waitFor("the error", `const t = document.querySelector('[data-rootguard="passphrase-error"]').textContent; return /weak/.test(t) && t`);
      assert.match(weak, /too weak/);
      await clickClosingPrompt(prompt, '[data-rootguard-action="cancel"]');
    });
    await noticeText(wd, "export-cancelled");
    assert.deepEqual(readdirSync(browser.downloadDir), []);
  });

  test("when the Rust core cannot load, nothing is saved and the user is told", async ({ browser }) => {
    const { wd } = browser;
    // No core, no decisions: no interstitial either, but a notice that says so.
    await createRootKey(wd, undefined, { interstitial: false });
    assert.match(await noticeText(wd, "core-unavailable"), /could not start/);
    await wd.clickCss('[data-testid="download-csv"]');
    const blocked = await noticeText(wd, "download-unchecked");
    assert.match(blocked, /nothing was saved/);
    assert.match(blocked, /Show/);
    await wd.execute(`location.hash = "#/security_credentials"`);
    await wd.waitFor("the key list link", `return document.querySelector('[data-testid="download-key-list"]')`);
    assert.deepEqual(readdirSync(browser.downloadDir), []);
  }, { extension: brokenBuild(browserName, ["page", "crypto"]) });

  test("when only the core's encryption cannot load, the prompt says so and nothing is saved", async ({ browser }) => {
    const { wd } = browser;
    // The page module loads: warnings and the interstitial as usual. The
    // crypto module loads only for the export, and fails there.
    await createRootKey(wd);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, async (prompt) => {
      await submitPassphrase(prompt, PASSPHRASE);
      const said = await prompt.waitFor("the error", `return document.querySelector('[data-rootguard="passphrase-error"]').textContent`);
      assert.match(said, /encryption did not load/);
      assert.match(said, /nothing was saved/i);
      await clickClosingPrompt(prompt, '[data-rootguard-action="cancel"]');
    });
    await noticeText(wd, "export-cancelled");
    assert.deepEqual(readdirSync(browser.downloadDir), []);
  }, { extension: brokenBuild(browserName, ["crypto"]) });
});

/** A copy of the built extension whose Wasm `modules` (page, crypto) are garbage (as if they failed to load). */
function brokenBuild(browserName, modules) {
  const source = path.join(ROOT, "dist", browserName === "chromium" ? "chrome" : "firefox");
  const copy = mkdtempSync(path.join(tmpdir(), `rootguard-broken-${browserName}-${modules.join("-")}-`));
  if (existsSync(source)) {
    cpSync(source, copy, { recursive: true });
    for (const module of modules) writeFileSync(path.join(copy, "core", `rootguard_${module}_bg.wasm`), "this is not WebAssembly");
  }
  process.on("exit", () => rmSync(copy, { recursive: true, force: true }));
  return copy;
}

/**
 * Click a link of the console page to a server-sent file (`href` on the
 * console host): an attachment the page-realm hooks cannot hold, so it
 * reaches the download manager. A WebDriver click, so it is the user's.
 */
async function clickServerLink(wd, href, testid) {
  await wd.execute(
    `const a = document.createElement("a");
     a.href = arguments[0];
     a.textContent = arguments[1];
     a.dataset.testid = arguments[1];
     document.body.prepend(a);`,
    href,
    testid,
  );
  await wd.clickCss(`[data-testid="${testid}"]`);
}

/** Wait until `file` holds exactly `expected` (the browser may create it empty first), polling. */
async function waitForContent(file, expected, timeout = 30_000) {
  const holds = () => (existsSync(file) ? readFileSync(file) : null);
  await waitUntil(`${path.basename(file)} to hold the server's bytes`, () => holds()?.equals(expected), timeout, () => `it holds ${JSON.stringify(holds()?.toString("utf8"))}`);
}

async function waitUntil(what, condition, timeout = 30_000, describe = () => "") {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${describe()}`.trim());
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Record in the page every "download stopped" notice RootGuard shows (a later one replaces an earlier one). */
function recordStoppedNotices(wd) {
  return wd.execute(`
    window.__stoppedNotices = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        for (const notice of [n, ...n.querySelectorAll("*")]) {
          if (notice.getAttribute("data-rootguard") === "download-stopped") window.__stoppedNotices.push(notice.shadowRoot?.textContent ?? "");
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });`);
}

inEachBrowser("download safety net", (test) => {
  test("a server-sent rootkey.csv is cancelled, removed and reported", async ({ browser, replica }) => {
    replica.setScenario({ serverDownloadLink: true });
    const { wd } = browser;
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials");
    await wd.waitFor("the server copy link", `return document.querySelector('[data-testid="download-server-copy"]')`);
    await wd.clickCss('[data-testid="download-server-copy"]');
    const stopped = await noticeText(wd, "download-stopped");
    assert.match(stopped, /rootkey\.csv/);
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="download-stopped"]').getAttribute("data-by")`), "name");
    const [sent] = replica.serverDownloads;
    assert.ok(sent, "the server did send the file");
    // The download directory ends with no trace of the file.
    await waitForFiles(browser.downloadDir, []);
    await browser.quit();
    assert.deepEqual(filesContaining(browser.downloadDir, sent.secretAccessKey), []);
  });

  test("a server-sent credentials file under an ordinary name (report.csv) is removed and reported", async ({ browser, replica }) => {
    const { wd } = browser;
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials");
    await wd.waitFor("the console page", `return document.querySelector('[data-testid="create-access-key"]')`);
    const earlier = replica.serverDownloads.length; // the replica outlives each test
    await clickServerLink(wd, "/__replica/server-report.csv", "server-report");
    const stopped = await noticeText(wd, "download-stopped");
    assert.match(stopped, /report\.csv/);
    assert.match(stopped, /found an AWS secret access key in it/, "the notice says the content, not the name, gave it away");
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="download-stopped"]').getAttribute("data-by")`), "content");
    const sent = replica.serverDownloads.slice(earlier);
    assert.ok(sent.length > 0, "the server did send the file");
    // The download directory ends with no trace of the file: not the browser's
    // copy, nor anything holding a secret the server handed out (RootGuard's
    // own read is a second request, and the replica mints a key for each).
    await waitForFiles(browser.downloadDir, []);
    await browser.quit();
    for (const { secretAccessKey } of sent) assert.deepEqual(filesContaining(browser.downloadDir, secretAccessKey), []);
  });

  test("a server-sent file with no secret, under the same ordinary name, is saved byte for byte and not reported", async ({ browser, replica }) => {
    const { wd } = browser;
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials");
    await wd.waitFor("the console page", `return document.querySelector('[data-testid="create-access-key"]')`);
    await recordStoppedNotices(wd);
    const earlier = replica.serverDownloads.length; // the replica outlives each test
    const served = () => replica.serverDownloads.slice(earlier);
    await clickServerLink(wd, "/__replica/server-ordinary.csv", "server-ordinary");
    await waitForFiles(browser.downloadDir, ["report.csv"]);
    const [sent] = served();
    const file = path.join(browser.downloadDir, "report.csv");
    await waitForContent(file, Buffer.from(sent.csv, "utf8"));
    // RootGuard reads the file beside the browser's download: a second
    // request. Once the server has seen it, a credentials file clicked after
    // it shows its notice only after RootGuard's verdict on this one.
    await waitUntil("RootGuard's own read of report.csv", () => served().length === 2);
    assert.deepEqual(served().map((d) => d.path), ["/__replica/server-ordinary.csv", "/__replica/server-ordinary.csv"]);
    await clickServerLink(wd, "/__replica/server-rootkey.csv", "server-rootkey");
    assert.match(await noticeText(wd, "download-stopped"), /rootkey\.csv/);
    await waitForFiles(browser.downloadDir, ["report.csv"]);
    const notices = await wd.execute(`return window.__stoppedNotices`);
    assert.equal(notices.length, 1, `one notice, for rootkey.csv only: ${JSON.stringify(notices)}`);
    assert.match(notices[0], /rootkey\.csv/);
    await browser.quit();
    assert.ok(readFileSync(file).equals(Buffer.from(sent.csv, "utf8")), "the browser saved exactly what the server sent");
  });
});
