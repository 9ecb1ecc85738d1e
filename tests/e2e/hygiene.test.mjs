// The shown secret and the clipboard on the Retrieve access key step, in
// real Chromium and Firefox on the replica under the real console host name:
// RootGuard hides a shown secret again after the configured time (by the
// console's own toggle, or a mask when there is none), "Keep it visible"
// stops that, "Encrypt and save instead" saves only an encrypted file, and a
// copied secret is announced and cleared from the clipboard after the
// configured time unless the user keeps it or turned clearing off. The
// clipboard is read back as a user would: by pasting (Ctrl+V) into a field.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";

import { PASSPHRASE, decryptWithCli, waitForFiles } from "./lib/files.mjs";
import { createRootKey, createUserKey, inPassphrasePrompt, noticeText, pasted, pressControl, submitPassphrase, type } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";
import { ELEMENT } from "./lib/webdriver.mjs";

const MASKED = "***************";
const SECRET_SHOWN = `return document.querySelector('[data-testid="secret-access-key"]').textContent`;

/**
 * Set "Shown secret and clipboard" options on the options page (in a new
 * window, as the owner would), save, and come back to the console window.
 * Returns what the page said.
 */
async function configure(browser, { revealSeconds, clipboardSeconds, clipboardClear }) {
  const { wd } = browser;
  const { from } = await browser.openExtensionPageInNewWindow("pages/options.html");
  try {
    await wd.waitFor("the options page", `return document.body.dataset.state === "ready"`);
    for (const [name, value] of Object.entries({ revealSeconds, clipboardSeconds })) {
      if (value === undefined) continue;
      await wd.execute(`document.querySelector('[name="${name}"]').value = ""`);
      await type(wd, `[name="${name}"]`, String(value));
    }
    if (clipboardClear !== undefined && (await wd.execute(`return document.querySelector('[name="clipboardClear"]').checked`)) !== clipboardClear) {
      await wd.clickCss('[name="clipboardClear"]');
    }
    const before = await wd.execute(`return document.body.dataset.attempts ?? "0"`);
    await wd.clickCss('[data-rootguard-action="save"]');
    await wd.waitFor("the save to finish", `return (document.body.dataset.attempts ?? "0") !== arguments[0]`, { args: [before] });
    return await wd.execute(`return { saved: document.body.dataset.saved, error: document.querySelector('[data-rootguard="options-error"]').textContent }`);
  } finally {
    await wd.cmd("DELETE", "/window");
    await wd.cmd("POST", "/window", { handle: from });
  }
}

/** Click a control inside a RootGuard element's shadow root. */
async function clickIn(wd, kind, action) {
  const shadow = await wd.shadowRoot(await wd.find(`[data-rootguard="${kind}"]`));
  await wd.click(await wd.find(`[data-rootguard-action="${action}"]`, shadow));
}

/** The console's copy icon next to an element of the Retrieve step. */
async function clickCopyNextTo(wd, testid) {
  // The console's copy icon beside the value: the nearest one up the tree.
  const button = await wd.execute(`
    for (let scope = document.querySelector('[data-testid="${testid}"]').parentElement; scope; scope = scope.parentElement) {
      const copy = scope.querySelector('button[aria-label]');
      if (copy) return copy;
    }
    return null;`);
  await wd.click({ id: button[ELEMENT] });
}

/** A notice's state attribute, once it has one of the wanted values. */
function noticeState(wd, kind, states, timeout = 20_000) {
  return wd.waitFor(
    `the ${kind} notice in state ${states.join("/")}`,
    `const n = document.querySelector('[data-rootguard="' + arguments[0] + '"]'); return n && arguments[1].includes(n.getAttribute("data-state")) && n.getAttribute("data-state")`,
    { args: [kind, states], timeout },
  );
}

/**
 * Where a notice about the secret is: in the console's flow next to it (in
 * the secret's table cell), covering neither the secret nor its copy icon.
 */
function besideTheSecret(wd, kind) {
  return wd.execute(`
    const notice = document.querySelector('[data-rootguard="' + arguments[0] + '"]');
    const secret = document.querySelector('[data-testid="secret-access-key"]');
    const cell = secret.closest("td");
    const covered = [secret, cell.querySelector("button[aria-label]")].some((e) => {
      const box = e.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest("[data-rootguard]");
    });
    return { placement: notice.getAttribute("data-placement"), inTheSecretsCell: cell.contains(notice), covered };`, kind);
}
const BESIDE_THE_SECRET = { placement: "beside", inTheSecretsCell: true, covered: false };

/** Wait until the page's clock passes `ms` (a moment, not a sleep: what is waited for is the time). */
function untilPast(wd, what, ms) {
  return wd.waitFor(what, `return Date.now() > arguments[0]`, { args: [ms], timeout: ms - Date.now() + 15_000 });
}

inEachBrowser("shown secret and clipboard", (test) => {
  test("a shown secret is hidden again after the configured time, by the console's toggle or a mask; Keep it visible stops it", async ({ browser, wd, replica }) => {
    const refused = await configure(browser, { revealSeconds: 2 });
    assert.equal(refused.saved, "refused");
    assert.match(refused.error, /shown secret stays visible must be a whole number of seconds from 5 to 3600/);
    assert.equal((await configure(browser, { revealSeconds: 5 })).saved, "saved");

    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    const shownAt = Date.now();
    await wd.clickCss('[data-testid="show-secret"]');
    assert.equal(await wd.execute(SECRET_SHOWN), created.secretAccessKey);
    const notice = await noticeText(wd, "secret-shown");
    assert.match(notice, /hides it again in [1-5] s/);
    assert.deepEqual(await besideTheSecret(wd, "secret-shown"), BESIDE_THE_SECRET, "the notice sits next to the secret");

    await wd.waitFor("the console's Hide to be clicked", `return document.querySelector('[data-testid="secret-access-key"]').textContent === arguments[0]`, { args: [MASKED], timeout: 20_000 });
    assert.ok(Date.now() - shownAt >= 4_000, "not before the configured time");
    assert.equal(await wd.execute(`return document.querySelector('[data-testid="show-secret"]').textContent`), "Show", "the console's own state says hidden");
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="secret-shown"], [data-rootguard="secret-mask"]').length`), 0);

    // A console whose toggle RootGuard cannot find: the secret gets a mask.
    await wd.clickCss('[data-testid="show-secret"]');
    await noticeState(wd, "secret-shown", ["counting"]);
    await wd.execute(`document.querySelector('[data-testid="show-secret"]').remove()`);
    const covered = await wd.waitFor("the mask", `const m = document.querySelector('[data-rootguard="secret-mask"]'); if (!m) return null;
      const a = m.getBoundingClientRect(), b = document.querySelector('[data-testid="secret-access-key"]').getBoundingClientRect();
      return { covers: a.left <= b.left + 1 && a.top <= b.top + 1 && a.right >= b.right - 1 && a.bottom >= b.bottom - 1, atPoint: document.elementFromPoint(b.left + 5, b.top + b.height / 2)?.getAttribute("data-rootguard") };`, { timeout: 20_000 });
    assert.deepEqual(covered, { covers: true, atPoint: "secret-mask" });

    // Clicking the mask shows it again, with a new countdown; Keep it visible stops that one.
    await clickIn(wd, "secret-mask", "unmask");
    await noticeState(wd, "secret-shown", ["counting"]);
    const deadline = Date.now() + 5_000;
    await clickIn(wd, "secret-shown", "keep-visible");
    await noticeState(wd, "secret-shown", ["kept"]);
    await untilPast(wd, "the configured time to pass", deadline + 1_500);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="secret-mask"]').length`), 0);
    assert.equal(await wd.execute(SECRET_SHOWN), created.secretAccessKey, "kept visible");
  });

  test("Encrypt and save instead saves only an encrypted copy of the key read from the page", async ({ browser, wd, replica }) => {
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="show-secret"]');
    await noticeState(wd, "secret-shown", ["counting"]);
    await clickIn(wd, "secret-shown", "encrypt-secret");
    await wd.waitFor("the secret hidden again", `return document.querySelector('[data-testid="secret-access-key"]').textContent === arguments[0]`, { args: [MASKED] });
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
    assert.match(await noticeText(wd, "export-saved"), /rootkey\.csv\.rootguard/);
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    await browser.quit();
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"], "only the encrypted file");
    const csv = decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).toString();
    assert.equal(csv, `Access key ID,Secret access key\r\n${created.accessKeyId},${created.secretAccessKey}\r\n`);
    assert.equal(csv, created.csv, "the same bytes as the console's own rootkey.csv");
  });

  test("a secret with no digit in it (about one real key in 900) is noticed when shown, as any other", async ({ wd, replica }) => {
    const lettered = "wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY";
    replica.setScenario({ secretOverride: lettered });
    await createRootKey(wd);
    await wd.clickCss('[data-testid="show-secret"]');
    assert.equal(await wd.execute(SECRET_SHOWN), lettered);
    await noticeState(wd, "secret-shown", ["counting"]);
  });

  test("Encrypt and save instead on an IAM user's wizard saves under the console's <user>_accessKeys.csv name", async ({ browser, wd, replica }) => {
    await createUserKey(wd, "alice");
    const created = replica.createdKeys.at(-1);
    assert.equal(created.fileName, "alice_accessKeys.csv");
    await wd.clickCss('[data-testid="show-secret"]');
    await noticeState(wd, "secret-shown", ["counting"]);
    await clickIn(wd, "secret-shown", "encrypt-secret");
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
    assert.match(await noticeText(wd, "export-saved"), /alice_accessKeys\.csv\.rootguard/);
    await waitForFiles(browser.downloadDir, ["alice_accessKeys.csv.rootguard"]);
    const csv = decryptWithCli(path.join(browser.downloadDir, "alice_accessKeys.csv.rootguard")).toString();
    assert.equal(csv, created.csv);
  });

  test("a copied secret is announced and cleared after the configured time; a copied key ID is not a secret", async ({ browser, wd, replica }) => {
    assert.equal((await configure(browser, { clipboardSeconds: 5 })).saved, "saved");
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);

    // The console's copy icon (navigator.clipboard.writeText).
    await clickCopyNextTo(wd, "secret-access-key");
    assert.match(await noticeText(wd, "clipboard-notice"), /secret access key was copied.*clears the clipboard in [1-5] s/s);
    assert.deepEqual(await besideTheSecret(wd, "clipboard-notice"), BESIDE_THE_SECRET, "the notice sits next to the copy icon");
    assert.equal(await pasted(wd), created.secretAccessKey, "the copy reached the clipboard");
    assert.equal(await noticeState(wd, "clipboard-notice", ["cleared", "failed"]), "cleared");
    assert.equal(await pasted(wd), "", "the clipboard no longer holds the secret");

    // The access key ID alone: no notice (the cleared one goes, as any later copy replaces it).
    await clickCopyNextTo(wd, "new-access-key-id");
    await wd.waitFor("the old notice to go", `return !document.querySelector('[data-rootguard="clipboard-notice"]')`);
    assert.equal(await pasted(wd), created.accessKeyId);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="clipboard-notice"]').length`), 0);

    // The user's own Ctrl+C of the shown secret.
    await wd.clickCss('[data-testid="show-secret"]');
    await wd.execute(`document.activeElement?.blur?.(); const range = document.createRange(); range.selectNodeContents(document.querySelector('[data-testid="shown-inner-text"]')); getSelection().removeAllRanges(); getSelection().addRange(range);`);
    await pressControl(wd, "c");
    await noticeState(wd, "clipboard-notice", ["counting"]);
    assert.deepEqual(await besideTheSecret(wd, "clipboard-notice"), BESIDE_THE_SECRET, "the notice sits next to the selection");
    assert.equal(await pasted(wd), created.secretAccessKey);
    assert.equal(await noticeState(wd, "clipboard-notice", ["cleared", "failed"]), "cleared");
    assert.equal(await pasted(wd), "");
  });

  test("Keep it, or clearing turned off, leaves the secret on the clipboard", async ({ browser, wd, replica }) => {
    assert.equal((await configure(browser, { clipboardSeconds: 5 })).saved, "saved");
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);

    await clickCopyNextTo(wd, "secret-access-key");
    await noticeState(wd, "clipboard-notice", ["counting"]);
    const deadline = Date.now() + 5_000;
    await clickIn(wd, "clipboard-notice", "keep-clipboard");
    await noticeState(wd, "clipboard-notice", ["kept"]);
    await untilPast(wd, "the configured time to pass", deadline + 1_500);
    assert.equal(await pasted(wd), created.secretAccessKey, "kept");

    assert.equal((await configure(browser, { clipboardClear: false })).saved, "saved");
    await clickCopyNextTo(wd, "secret-access-key");
    assert.match(await noticeText(wd, "clipboard-notice"), /turned off/);
    assert.equal(await noticeState(wd, "clipboard-notice", ["not-clearing"]), "not-clearing");
    await untilPast(wd, "the configured time to pass", Date.now() + 6_500);
    assert.equal(await pasted(wd), created.secretAccessKey, "not cleared");
  });
});
