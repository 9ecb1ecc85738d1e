// The toolbar popup: what RootGuard sees on the tab the user was looking at.
// The page is opened as a tab in a second window (a WebDriver cannot click
// the toolbar); it then reports on the console tab, the most recently used
// active tab other than itself.

import assert from "node:assert/strict";

import { inEachBrowser } from "./lib/suite.mjs";

const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";

/** Open pages/popup.html in a new window; returns what it shows. */
async function openPopup(browser) {
  const { wd } = browser;
  await browser.openExtensionPageInNewWindow("pages/popup.html");
  return wd.waitFor(
    "the popup's answer",
    `const state = document.body.dataset.state;
     if (!state) return null;
     return {
       state,
       status: document.querySelector('[data-rootguard="popup-status"]').textContent,
       page: document.querySelector('[data-rootguard="popup-page"]').dataset.kind ?? null,
       pageText: document.querySelector('[data-rootguard="popup-page"]').textContent,
       session: document.querySelector('[data-rootguard="popup-session"]').dataset.kind ?? null,
       keys: [...document.querySelectorAll('[data-rootguard="popup-keys"] li')].map((li) => ({ keyId: li.dataset.keyId, severity: li.dataset.severity, text: li.textContent })),
       decrypt: document.querySelector('[data-rootguard-action="open-decrypt"]').getAttribute("href"),
     };`,
  );
}

inEachBrowser("toolbar popup", (test) => {
  test("on root's Security credentials it names the page, the root session and each key's severity", async ({ browser, wd }) => {
    await wd.navigate(CREDENTIALS);
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    const shown = await openPopup(browser);
    assert.equal(shown.state, "console");
    assert.equal(shown.page, "security-credentials");
    assert.equal(shown.session, "root");
    assert.match(shown.status, /1 warning/);
    assert.deepEqual(shown.keys.map(({ keyId, severity }) => ({ keyId, severity })), [
      { keyId: "AKIAIOSFODNN7EXAMPLE", severity: "critical" },
      { keyId: "AKIAJ7QZ2EXAMPLEKEY2", severity: "critical" },
    ]);
    assert.match(shown.keys[0].text, /Critical/i);
    assert.equal(shown.decrypt, "decrypt.html");
  });

  test("on an IAM user's tab it shows the user's keys with the IAM policy", async ({ browser, wd, replica }) => {
    replica.setScenario({ session: "iam-user", userName: "alice" });
    await wd.navigate(CREDENTIALS);
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length > 0`);
    const shown = await openPopup(browser);
    assert.equal(shown.session, "iam-user");
    assert.ok(shown.keys.length > 0);
    assert.ok(shown.keys.every((k) => ["ok", "notice", "warning", "critical"].includes(k.severity)));
  });

  test("Copy page report shows and copies the page's structure, with none of its keys, account or names", async ({ browser, wd, replica }) => {
    replica.setScenario({ session: "iam-user", userName: "alice" });
    await wd.navigate(CREDENTIALS);
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length > 0`);
    // What the page shows that the report must not carry: its key IDs, the account, the user.
    const shownOnPage = await wd.execute(`return { keyIds: [...document.querySelectorAll('[data-rootguard="key-badge"]')].map((b) => b.getAttribute("data-key-id")), html: document.documentElement.outerHTML }`);
    const account = "123456789012"; // the default scenario's account, alias "example-corp"
    assert.ok(shownOnPage.html.includes("alice"), "the page names the user");
    await openPopup(browser);
    await wd.clickCss('[data-rootguard-action="copy-page-report"]');
    const text = await wd.waitFor("the report", `return document.body.dataset.report && document.querySelector('[data-rootguard="page-report"]').value`);
    const report = JSON.parse(text);
    assert.equal(report.version, 1);
    assert.match(report.route, /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/iam\/home#\/security_credentials$/);
    assert.ok(report.nodes > 20, "the page's structure is there");
    assert.ok(text.includes('"data-testid"'), "with the console's test ids");
    assert.ok(text.includes("AKIA****************"), "key IDs are masked, their kind kept");
    for (const keyId of shownOnPage.keyIds) assert.ok(!text.includes(keyId), `no key ID (${keyId})`);
    for (const forbidden of [account, "alice", "example-corp"]) assert.ok(!text.toLowerCase().includes(forbidden), `no ${forbidden}`);
    assert.ok(!text.includes("data-rootguard"), "RootGuard's own elements are not part of the page");
  });

  test("off the console it says RootGuard does not run there", async ({ browser, wd }) => {
    await wd.navigate("https://www.example.com/iam/home#/security_credentials");
    const shown = await openPopup(browser);
    assert.equal(shown.state, "not-console");
    assert.match(shown.status, /runs only on the AWS console/);
  });
});
