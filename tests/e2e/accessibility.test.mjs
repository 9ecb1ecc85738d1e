// What the user sees, checked by an engine and by geometry: axe-core (the
// npm package, pinned) over every element RootGuard injects, inside its
// shadow root, and over RootGuard's own pages, must find no violation of
// impact serious or critical; and on the console, at 1280×720, no RootGuard
// element covers a key row or a badge, nor makes the page scroll sideways.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

import path from "node:path";

import { decryptWithCli, PASSPHRASE, waitForFiles } from "./lib/files.mjs";
import { createRootKey, inPassphrasePrompt, noticeText, pressClosingPrompt, pressKeys, proceedThroughInterstitial, typeIntoFocus, WIZARD_URL } from "./lib/flows.mjs";
import { launchBrowser } from "./lib/browsers.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations in the page `driver` shows:
 * over RootGuard's injected elements (`injected`), or the whole document.
 * WebDriver scripts run outside the page's CSP, so axe can be loaded into a
 * console page as into RootGuard's own.
 */
async function seriousViolations(driver, { injected = false } = {}) {
  const found = await driver.execute(
    `${AXE};
     const context = arguments[0] ? { include: [...document.querySelectorAll("[data-rootguard]")].filter((e) => !e.parentElement?.closest("[data-rootguard]")) } : document;
     return axe.run(context, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })));`,
    injected,
  );
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

inEachBrowser("accessibility and coverage", (test) => {
  test("at 1280×720 no RootGuard element covers a key row or a badge, and nothing scrolls sideways", async ({ wd, replica, browserName }) => {
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    const covered = await wd.execute(`
      const ours = (e) => e?.closest("[data-rootguard]");
      const problems = [];
      const targets = [...document.querySelectorAll('[data-rootguard="key-badge"]'), ...[...document.querySelectorAll("tr")].filter((r) => /A[KS]IA[A-Z2-7]{16}/.test(r.textContent))];
      for (const target of targets) {
        target.scrollIntoView({ block: "center" });
        const box = target.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        // The console's own element, or the badge itself: never another RootGuard element.
        const isBadge = target.matches('[data-rootguard="key-badge"]');
        if (ours(hit) && !(isBadge && ours(hit) === target)) problems.push(target.outerHTML.slice(0, 80) + " covered by " + ours(hit).getAttribute("data-rootguard"));
      }
      return { problems, targets: targets.length, placement: document.querySelector('[data-rootguard="notices"]').getAttribute("data-placement"), sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth };`);
    assert.equal(covered.targets, 4, "two badges and two key rows");
    assert.deepEqual(covered.problems, []);
    assert.equal(covered.placement, "flow", "the notices are in the console's flow");
    assert.equal(covered.sideways, false, "no horizontal scroll");
    // The console's layout, side by side with a browser without RootGuard: the key table is as wide.
    const widths = `const t = document.querySelector('[data-testid="access-keys-table"] table'); return { table: t.scrollWidth, page: document.documentElement.scrollWidth }`;
    const withRootGuard = await wd.execute(widths);
    const plain = await launchBrowser(browserName, { proxyPort: replica.proxyPort, extension: null, windowSize: [1280, 720] });
    try {
      await plain.wd.navigate(CREDENTIALS);
      await plain.wd.waitFor("the key table", `return document.querySelectorAll('[data-testid="access-key-id"]').length === 2`);
      assert.deepEqual(withRootGuard, await plain.wd.execute(widths));
    } finally {
      await plain.close();
    }
  }, { windowSize: [1280, 720] });

  test("axe-core: the root warning, the badges and their open details have no serious or critical violation", async ({ wd }) => {
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    assert.deepEqual(await seriousViolations(wd, { injected: true }), []);
    await wd.execute(`document.querySelector('[data-rootguard="key-badge"]').shadowRoot.querySelector("button").click()`);
    assert.deepEqual(await seriousViolations(wd, { injected: true }), [], "with a badge's details open");
  });

  test("axe-core in the console's dark mode: the same elements, the dark palette's contrast", async ({ wd, replica }) => {
    replica.setScenario({ dark: true });
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await wd.waitFor("the dark badges", `const b = document.querySelectorAll('[data-rootguard="key-badge"]'); return b.length === 2 && b[0].getAttribute("data-theme") === "dark"`);
    await wd.execute(`document.querySelector('[data-rootguard="key-badge"]').shadowRoot.querySelector("button").click()`);
    assert.deepEqual(await seriousViolations(wd, { injected: true }), []);
  });

  test("in German (long words) at 1280×720, no text of RootGuard's runs out of its box", async ({ wd, replica }) => {
    replica.setScenario({ lang: "de" });
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    await wd.execute(`document.querySelector('[data-rootguard="key-badge"]').shadowRoot.querySelector("button").click()`);
    const overflowing = await wd.execute(`
      const out = [];
      for (const host of document.querySelectorAll("[data-rootguard]")) {
        for (const e of host.shadowRoot?.querySelectorAll("*") ?? []) {
          if (e.localName === "style" || e.localName === "svg" || e.closest("svg")) continue;
          if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible" || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1) out.push(host.getAttribute("data-rootguard") + " " + e.localName + ": " + e.textContent.slice(0, 40));
        }
      }
      return out;`);
    assert.deepEqual(overflowing, []);
  }, { windowSize: [1280, 720] });

  test("axe-core: the interstitial, and the notices of an export", async ({ wd }) => {
    await wd.navigate(WIZARD_URL);
    await wd.waitFor("the interstitial", `return document.querySelector('[data-rootguard="create-key-interstitial"]')`);
    assert.deepEqual(await seriousViolations(wd, { injected: true }), []);
    await proceedThroughInterstitial(wd);
    await wd.clickCss('[data-testid="root-ack"]');
    await wd.clickCss('[data-testid="wizard-create-access-key"]');
    await wd.waitFor("the Retrieve access key step", `return document.querySelector('[data-testid="download-csv"]')`);
    await wd.clickCss('[data-testid="download-csv"]');
    await noticeText(wd, "export-pending");
    assert.deepEqual(await seriousViolations(wd, { injected: true }), [], "with the export notice");
    await inPassphrasePrompt(wd, async (prompt) => {
      assert.deepEqual(await seriousViolations(prompt), [], "the passphrase prompt");
    });
  });

  test("axe-core: the shown-secret and clipboard notices, beside the secret", async ({ wd }) => {
    await createRootKey(wd);
    await wd.clickCss('[data-testid="show-secret"]');
    await noticeText(wd, "secret-shown");
    // The console's copy icon in the secret's cell.
    const copy = await wd.execute(`return document.querySelector('[data-testid="secret-access-key"]').closest("td").querySelector("button[aria-label]")`);
    await wd.click({ id: Object.values(copy)[0] });
    await noticeText(wd, "clipboard-notice");
    assert.deepEqual(await seriousViolations(wd, { injected: true }), []);
  });

  test("keyboard: the passphrase form opens in its field, Tab walks every control in order, Enter saves, Escape cancels", async ({ browser, wd, replica }) => {
    await createRootKey(wd);
    const created = replica.createdKeys.at(-1);
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, async (prompt) => {
      const focused = () => prompt.execute(`const e = document.activeElement; return e?.name || e?.id || e?.localName`);
      assert.equal(await focused(), "passphrase", "the form opens with the focus in the passphrase field");
      await typeIntoFocus(prompt, PASSPHRASE);
      await pressKeys(prompt, "Tab");
      assert.equal(await focused(), "confirm");
      await typeIntoFocus(prompt, PASSPHRASE);
      const reached = [];
      for (let i = 0; i < 3; i++) {
        await pressKeys(prompt, "Tab");
        reached.push(await focused());
      }
      assert.deepEqual(reached, ["armor", "cancel", "submit"], "after the fields: the armor choice, Cancel, then Encrypt and save");
      await pressClosingPrompt(prompt, "Enter");
    });
    assert.match(await noticeText(wd, "export-saved"), /rootkey\.csv\.rootguard/);
    await waitForFiles(browser.downloadDir, ["rootkey.csv.rootguard"]);
    assert.ok(decryptWithCli(path.join(browser.downloadDir, "rootkey.csv.rootguard")).equals(Buffer.from(created.csv)));

    // Escape in the form is Cancel: nothing more is saved, and the page says so.
    await wd.clickCss('[data-testid="download-csv"]');
    await inPassphrasePrompt(wd, (prompt) => pressClosingPrompt(prompt, "Escape"));
    assert.match(await noticeText(wd, "export-cancelled"), /Nothing was saved/);
    assert.deepEqual(readdirSync(browser.downloadDir), ["rootkey.csv.rootguard"]);
  });

  test("axe-core: RootGuard's options, decrypt and popup pages", async ({ browser, wd }) => {
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    await browser.openExtensionPageInNewWindow("pages/options.html");
    await wd.waitFor("the options", `return document.body.dataset.state === "ready"`);
    assert.deepEqual(await seriousViolations(wd), [], "options");
    await browser.openExtensionPage("pages/decrypt.html", await wd.execute("return location.href"));
    await wd.waitFor("the decrypt form, with its texts", `return document.querySelector('[data-rootguard="decrypt-form"]') && document.documentElement.dataset.texts === "filled"`);
    assert.deepEqual(await seriousViolations(wd), [], "decrypt");
    await browser.openExtensionPage("pages/popup.html", await wd.execute("return location.href"));
    await wd.waitFor("the popup", `return document.body.dataset.state`);
    assert.deepEqual(await seriousViolations(wd), [], "popup");
  });

  test(
    "axe-core: the options page with fields set by an organisation, and the popup listing what of its policy was ignored",
    async ({ browser, wd }) => {
      await browser.openExtensionPageInNewWindow("pages/options.html");
      await wd.waitFor("the options, locked", `return document.body.dataset.state === "ready" && document.querySelectorAll('[data-rootguard="set-by-organisation"]').length === 3`);
      assert.deepEqual(await seriousViolations(wd), [], "options");
      await browser.openExtensionPage("pages/popup.html", await wd.execute("return location.href"));
      await wd.waitFor("the popup's policy problems", `return document.body.dataset.policy === "problems"`);
      assert.deepEqual(await seriousViolations(wd), [], "popup");
    },
    // Managed settings (docs/MANAGED-SETTINGS.md): two locks, a floor, and one value to ignore.
    // (A mode the core does not know: Chrome's schema check passes a string, so both browsers hand it over.)
    { policy: { rotateDays: 30, show: { "key-badges": true }, minimumKdfStrength: "strong", exportMode: "carrier-pigeon" } },
  );
});
