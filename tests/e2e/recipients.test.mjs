// Recipients mode, end to end: the owner lists the team's public keys on the
// options page, and the console's key file is then sealed to them with no
// passphrase prompt. Only ciphertext reaches the download directory; any
// recipient's identity opens it, with the CLI, the independent decryptor and
// RootGuard's decrypt page; someone else's identity does not.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT } from "./lib/browsers.mjs";
import { filesContaining, whileWatching } from "./lib/disk.mjs";
import { CLI, waitForFiles } from "./lib/files.mjs";
import { createRootKey, noticeText, promptCount, type } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const PYTHON = path.join(ROOT, "target", "pyvenv", "bin", "python");
const INDEPENDENT = path.join(ROOT, "tests", "independent", "decrypt.py");
const IDENTITY_PASSPHRASE = "identity passphrase for the team test";

/** Team identities made with the CLI, as an owner would: name → {file, recipient}. */
function makeTeam(names) {
  const dir = mkdtempSync(path.join(tmpdir(), "rootguard-team-"));
  const passFile = path.join(dir, "identity-passphrase.txt");
  writeFileSync(passFile, IDENTITY_PASSPHRASE);
  const team = { passFile };
  for (const name of names) {
    const file = path.join(dir, `${name}.identity.rootguard`);
    const recipient = execFileSync(CLI, ["keygen", "-o", file, "--passphrase-file", passFile], { encoding: "utf8" }).trim();
    team[name] = { file, recipient };
  }
  return team;
}

async function openOptions(browser) {
  const { from, opened } = await browser.openExtensionPageInNewWindow("pages/options.html");
  await browser.wd.waitFor("the options page", `return document.body.dataset.state === "ready"`);
  return { consoleWindow: from, optionsWindow: opened };
}

/** Add one recipient on the options page; returns the error shown, if any. */
async function addRecipient(wd, name, recipient) {
  await wd.execute(`document.querySelector('[name="recipientName"]').value = ""; document.querySelector('[name="recipientKey"]').value = ""`);
  await type(wd, '[name="recipientName"]', name);
  await type(wd, '[name="recipientKey"]', recipient);
  await wd.clickCss('[data-rootguard-action="add-recipient"]');
  return wd.execute(`return document.querySelector('[data-rootguard="recipient-error"]').textContent`);
}

async function save(wd) {
  const before = await wd.execute(`return document.body.dataset.attempts ?? "0"`);
  await wd.clickCss('[data-rootguard-action="save"]');
  await wd.waitFor("the save to finish", `return (document.body.dataset.attempts ?? "0") !== arguments[0]`, { args: [before] });
  return wd.execute(`return { saved: document.body.dataset.saved, error: document.querySelector('[data-rootguard="options-error"]').textContent }`);
}

/** As the owner: recipients mode with these [name, recipient] pairs, saved; back to the console window. */
async function chooseRecipients(browser, pairs) {
  const { wd } = browser;
  const { consoleWindow } = await openOptions(browser);
  await wd.clickCss('input[name="exportMode"][value="recipients"]');
  for (const [name, recipient] of pairs) assert.equal(await addRecipient(wd, name, recipient), "");
  assert.equal((await save(wd)).saved, "saved");
  await wd.cmd("POST", "/window", { handle: consoleWindow });
}

/** Record, from before the click, whether RootGuard ever said on the page that it opened its passphrase prompt. */
const watchForPrompt = (wd) =>
  wd.execute(`
    window.__promptSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-rootguard="export-pending"]')) window.__promptSeen = true;
    }).observe(document.documentElement, { childList: true, subtree: true });`);

const decryptWithIdentity = (team, who, file) =>
  spawnSync(CLI, ["decrypt", "-i", team[who].file, "--passphrase-file", team.passFile, file]);

inEachBrowser("recipients", (test) => {
  test("the options page takes the team's keys, refuses a mistyped one, and recipients mode without any", async ({ browser }) => {
    const { wd } = browser;
    const team = makeTeam(["alice"]);
    await openOptions(browser);
    await wd.clickCss('input[name="exportMode"][value="recipients"]');
    const empty = await save(wd);
    assert.equal(empty.saved, "refused");
    assert.match(empty.error, /at least one recipient/);

    // One character changed: the checksum catches it before anything is saved.
    const r = team.alice.recipient;
    const i = r.length - 8;
    const typo = r.slice(0, i) + (r[i] === "q" ? "p" : "q") + r.slice(i + 1);
    assert.notEqual(await addRecipient(wd, "Alice", typo), "", "a mistyped key is refused");
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="recipient"]').length`), 0);
    assert.match(await addRecipient(wd, "", r), /name/i, "a recipient needs a name");

    assert.equal(await addRecipient(wd, "Alice", r), "");
    assert.match(await addRecipient(wd, "Alice again", r), /already in the list, as Alice/);
    assert.deepEqual(await save(wd), { saved: "saved", error: "" });
    const stored = await wd.execute(`return (globalThis.browser ?? chrome).storage.sync.get("settings").then((s) => s.settings)`);
    assert.equal(stored.exportMode, "recipients");
    assert.deepEqual(stored.recipients, [{ name: "Alice", recipient: r }]);
  });

  test("an export is sealed to every recipient without a prompt, and only their identities open it", async ({ browser, replica }) => {
    const { wd } = browser;
    const team = makeTeam(["alice", "bob", "mallory"]);
    await chooseRecipients(browser, [["Alice", team.alice.recipient], ["Bob (security)", team.bob.recipient]]);
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await watchForPrompt(wd);
    await whileWatching(browser.watched, created.secretAccessKey, async () => {
      await wd.clickCss('[data-testid="download-csv"]');
      const said = await noticeText(wd, "export-saved");
      assert.match(said, /encrypted to Alice, Bob \(security\)/);
      await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    });
    assert.equal(await wd.execute(`return window.__promptSeen`), false, "no passphrase prompt in recipients mode");
    assert.equal(await promptCount(wd), 0, "no passphrase window either");
    assert.equal(
      await wd.execute(`return document.querySelector('[data-rootguard="export-saved"]').getAttribute("data-recipients")`),
      JSON.stringify(["Alice", "Bob (security)"]),
    );
    assert.deepEqual(filesContaining(browser.downloadDir, created.secretAccessKey), []);

    const file = path.join(browser.downloadDir, "rootkey.csv.rootguard");
    for (const who of ["alice", "bob"]) {
      const opened = decryptWithIdentity(team, who, file);
      assert.equal(opened.status, 0, `${who}: ${opened.stderr}`);
      assert.ok(opened.stdout.equals(Buffer.from(created.csv)), `${who}'s identity opens it to the page's CSV byte for byte`);
    }
    const refused = decryptWithIdentity(team, "mallory", file);
    assert.notEqual(refused.status, 0, "an identity that is not a recipient opens nothing");
    assert.match(String(refused.stderr), /not encrypted to this identity/i);
    assert.equal(refused.stdout.length, 0);
    const independent = execFileSync(PYTHON, [INDEPENDENT, "-i", team.bob.file, file, team.passFile]);
    assert.ok(independent.equals(Buffer.from(created.csv)), "the independent decryptor opens it with Bob's identity");

    // RootGuard's own decrypt page, with Alice's identity file.
    await browser.openExtensionPageInNewWindow("pages/decrypt.html");
    await wd.waitFor("the decrypt form", `return document.querySelector('[data-rootguard="decrypt-form"]')`);
    await type(wd, 'input[name="file"]', file);
    await type(wd, 'input[name="passphrase"]', IDENTITY_PASSPHRASE);
    await wd.clickCss('[data-rootguard-action="decrypt"]');
    assert.match(await wd.waitFor("the error", `return document.querySelector('[data-rootguard="decrypt-error"]').textContent`), /identity file/);
    await type(wd, 'input[name="identity"]', team.alice.file);
    await wd.clickCss('[data-rootguard-action="decrypt"]');
    const id = await wd.waitFor("the decrypted key", `return document.querySelector('[data-rootguard="decrypted-key-id"]')?.textContent`);
    assert.equal(id, created.accessKeyId);
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"], "decrypting wrote nothing");
  });

  test("Encrypt and save instead, in recipients mode, seals the shown key to the team without a prompt", async ({ browser, replica }) => {
    const { wd } = browser;
    const team = makeTeam(["alice"]);
    await chooseRecipients(browser, [["Alice", team.alice.recipient]]);
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await watchForPrompt(wd);
    await wd.clickCss('[data-testid="show-secret"]');
    await wd.waitFor("the shown-secret notice", `return document.querySelector('[data-rootguard="secret-shown"]')`);
    const shadow = await wd.shadowRoot(await wd.find('[data-rootguard="secret-shown"]'));
    await wd.click(await wd.find('[data-rootguard-action="encrypt-secret"]', shadow));
    assert.match(await noticeText(wd, "export-saved"), /encrypted to Alice/);
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    assert.equal(await wd.execute(`return window.__promptSeen`), false, "no passphrase prompt in recipients mode");
    assert.equal(await promptCount(wd), 0, "no passphrase window either");
    const opened = decryptWithIdentity(team, "alice", path.join(browser.downloadDir, "rootkey.csv.rootguard"));
    assert.equal(opened.status, 0, String(opened.stderr));
    assert.ok(opened.stdout.equals(Buffer.from(created.csv)), "the console's own CSV, byte for byte");
  });

  test("a damaged recipient list saves nothing and says why (fail closed)", async ({ browser, replica }) => {
    const { wd } = browser;
    const { consoleWindow } = await openOptions(browser);
    // What a corrupted sync store would hold: recipients mode, an unreadable key.
    await wd.execute(
      `return (globalThis.browser ?? chrome).storage.sync.set({ settings: { exportMode: "recipients", recipients: [{ name: "Broken", recipient: "rgpub1notarecipient" }] } })`,
    );
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="download-csv"]');
    const said = await noticeText(wd, "download-blocked");
    assert.match(said, /rootkey\.csv/);
    assert.deepEqual(readdirSync(browser.downloadDir), [], "nothing saved");
    assert.deepEqual(filesContaining(browser.profileDir, created.secretAccessKey), []);
  });

  test("a page flooding credential downloads in recipients mode gets one encrypted file, not one per download", async ({ browser, replica }) => {
    const { wd } = browser;
    const team = makeTeam(["alice"]);
    await chooseRecipients(browser, [["Alice", team.alice.recipient]]);
    // public/attacks.js "flood": 25 rootkey.csv downloads with no click, as the wizard appears.
    replica.setScenario({ attacks: ["flood"] });
    await createRootKey(wd);
    const refused = await wd.waitFor(
      "the 24 refusals",
      `const n = document.querySelector('[data-rootguard="download-blocked"]'); return n?.getAttribute("data-count") === "24" && n.shadowRoot.querySelector("section").textContent`,
      { timeout: 60_000 },
    );
    assert.match(refused, /less than 10 seconds ago/);
    assert.deepEqual(await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]), ["rootkey.csv.rootguard"], "one file for the flood");
  });
});
