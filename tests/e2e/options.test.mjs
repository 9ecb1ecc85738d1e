// The options page: what the owner changes there reaches open console tabs
// without a reload (storage.sync, followed live by the content script), bad
// input is refused with the core's message, and the KDF strength chosen is
// the one the next export is sealed with.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";

import { CLI, PASSPHRASE, waitForFiles } from "./lib/files.mjs";
import { createRootKey, inPassphrasePrompt, noticeText, submitPassphrase, type } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const DAY = 86_400_000;
const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const USER_TAB = "https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/users/details/bob?section=security_credentials";

/** Open the options page in a new window; returns the two window handles. */
async function openOptions(browser) {
  const { from, opened } = await browser.openExtensionPageInNewWindow("pages/options.html");
  await browser.wd.waitFor("the options page", `return document.body.dataset.state === "ready"`);
  return { consoleWindow: from, optionsWindow: opened };
}

/** Replace a number field's value and save; returns what the page said. */
async function setAndSave(wd, fields) {
  const before = await wd.execute(`return document.body.dataset.attempts ?? "0"`);
  for (const [name, value] of Object.entries(fields)) {
    await wd.execute(`document.querySelector('[name="${name}"]').value = ""`);
    await type(wd, `[name="${name}"]`, String(value));
  }
  await wd.clickCss('[data-rootguard-action="save"]');
  await wd.waitFor("the save to finish", `return (document.body.dataset.attempts ?? "0") !== arguments[0]`, { args: [before] });
  return wd.execute(`const error = document.querySelector('[data-rootguard="options-error"]'); return { saved: document.body.dataset.saved, error: error.textContent, name: error.dataset.name ?? null }`);
}

const badgeSeverity = (wd) => wd.execute(`return document.querySelector('[data-rootguard="key-badge"]')?.getAttribute("data-severity") ?? null`);

inEachBrowser("options", (test) => {
  test("thresholds and switches reach an open console tab without a reload", async ({ browser, wd, replica }) => {
    const created = new Date(Date.now() - 100 * DAY).toISOString();
    const lastUsed = new Date(Date.now() - DAY).toISOString();
    replica.setScenario({ userKeys: { bob: [{ accessKeyId: "AKIAQQQQQQQQQQQQQQQ3", status: "Active", created, lastUsed }] } });
    await wd.navigate(USER_TAB);
    await wd.waitFor("a warning badge (100 days > 90)", `return document.querySelector('[data-rootguard="key-badge"]')?.getAttribute("data-severity") === "warning"`);
    await wd.execute(`window.__sameDocument = true`);

    const { consoleWindow, optionsWindow } = await openOptions(browser);
    assert.equal((await setAndSave(wd, { rotateDays: 120, criticalDays: 400 })).error, "");
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await wd.waitFor("the badge to follow the new limit (100 days < 120)", `return document.querySelector('[data-rootguard="key-badge"]')?.getAttribute("data-severity") === "ok"`);
    assert.equal(await wd.execute(`return window.__sameDocument === true`), true, "no reload");

    await wd.cmd("POST", "/window", { handle: optionsWindow });
    await wd.clickCss('input[name="show"][value="key-badges"]');
    await setAndSave(wd, {});
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await wd.waitFor("the badges to go", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 0`);

    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await wd.cmd("POST", "/window", { handle: optionsWindow });
    await wd.clickCss('input[name="show"][value="root-warning"]');
    await setAndSave(wd, {});
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await wd.waitFor("the root warning to go", `return document.querySelectorAll('[data-rootguard="root-warning"]').length === 0`);
    assert.equal(await badgeSeverity(wd), null, "badges stay off");

    await wd.cmd("POST", "/window", { handle: optionsWindow });
    await wd.clickCss('[data-rootguard-action="reset"]');
    await wd.waitFor("the reset to be saved", `return /Saved/.test(document.querySelector('[data-rootguard="options-status"]').textContent) && document.querySelector('[name="rotateDays"]').value === "90"`);
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await noticeText(wd, "root-warning");
    await wd.waitFor("the badges back", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
  });

  test("keyboard: every control is reached with Tab, in the page's order, and Enter on Save saves", async ({ browser, wd }) => {
    await openOptions(browser);
    const TAB = "\uE004", ENTER = "\uE007";
    const press = (...keys) => wd.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys.flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]) }] });
    await wd.execute(`document.querySelector('[name="rotateDays"]').focus(); document.querySelector('[name="rotateDays"]').select()`);
    await press(..."120");
    // Each Tab moves to the next control; Save is reached before focus leaves the page.
    const reached = [];
    for (let i = 0; i < 40; i += 1) {
      const here = await wd.execute(`const e = document.activeElement; return e === document.body ? null : e.getAttribute("data-rootguard-action") ?? e.name ?? e.id`);
      reached.push(here);
      if (here === "save") break;
      await press(TAB);
    }
    assert.equal(reached.at(-1), "save", `Tab reaches Save: ${reached.join(", ")}`);
    for (const name of ["rotateDays", "criticalDays", "unusedDays", "show", "kdfStrength", "leakGuard", "revealSeconds", "exportMode", "recipientName", "recipientKey", "add-recipient", "reset"]) {
      assert.ok(reached.includes(name), `${name} is reached by Tab`);
    }
    await press(ENTER);
    await wd.cmd("DELETE", "/actions");
    await wd.waitFor("the save", `return document.body.dataset.saved === "saved"`);
    const stored = await wd.execute(`return (globalThis.browser ?? globalThis.chrome).storage.sync.get("settings").then((s) => s.settings.rotateDays)`);
    assert.equal(stored, 120);
  });

  test("out-of-range or inconsistent limits are refused with a message and not saved", async ({ browser, wd }) => {
    await openOptions(browser);
    const inverted = await setAndSave(wd, { rotateDays: 200, criticalDays: 100 });
    assert.equal(inverted.saved, "refused");
    assert.match(inverted.error, /critical age \(100 days\) must be longer than the rotation age \(200 days\)/);
    assert.equal(inverted.name, "CriticalNotAfterRotation", "the core's error arrives with its name");
    const zero = await setAndSave(wd, { rotateDays: 0, criticalDays: 365 });
    assert.match(zero.error, /rotation age must be a whole number of days from 1 to 3650/);
    const stored = await wd.execute(`return (globalThis.browser ?? globalThis.chrome).storage.sync.get("settings").then((s) => s.settings ?? null)`);
    assert.equal(stored, null, "nothing was saved");
  });

  test("the KDF strength chosen is what the next export is sealed with, and its cost here is shown", async ({ browser, wd, replica }) => {
    const { consoleWindow } = await openOptions(browser);
    const costs = await wd.waitFor("the measured costs", `const cells = [...document.querySelectorAll('[data-rootguard="kdf-time"]')]; return cells.every((c) => c.dataset.ms) && cells.map((c) => [c.dataset.strength, Number(c.dataset.ms)])`, { timeout: 60_000 });
    assert.deepEqual(costs.map(([s]) => s), ["minimum", "standard", "strong"]);
    await wd.clickCss('input[name="kdfStrength"][value="minimum"]');
    await setAndSave(wd, {});
    await wd.cmd("POST", "/window", { handle: consoleWindow });
    await createRootKey(wd);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => submitPassphrase(prompt, PASSPHRASE));
    await noticeText(wd, "export-saved");
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    const info = execFileSync(CLI, ["inspect", path.join(browser.downloadDir, "rootkey.csv.rootguard")]).toString();
    assert.match(info, /Argon2id m = 19456 KiB, t = 2, p = 1/);
    assert.equal(replica.createdKeys.length, 1);
  });
});
