// Drift reports end to end (docs/DRIFT-REPORT.md): copied from the
// unrecognized-page notice (and from the toolbar popup), then played back as a
// replica page (scenario `replay`, tests/fixtures/console/replay.mjs), where
// RootGuard must decide what it decided on the page the report was taken from.
// The clipboard is read back as a user would: by pasting (Ctrl+V) into a field.
//
// ROOTGUARD_SAVE_REPORTS=DIR writes each report a test copies to
// DIR/<name>-<browser>.json: how tests/fixtures/console/reports/ is refreshed.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { noticeText, pasted } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const ACCOUNT = "123456789012"; // the default scenario's account, alias "example-corp"

/** Click a control inside a RootGuard element's shadow root. */
async function clickIn(wd, kind, action) {
  const shadow = await wd.shadowRoot(await wd.find(`[data-rootguard="${kind}"]`));
  await wd.click(await wd.find(`[data-rootguard-action="${action}"]`, shadow));
}

/**
 * What RootGuard decided, once it decided on the settled page: the page and
 * principal it recognised (the notice stack's marks), its notices, its badges.
 */
function settledDecision(wd) {
  return wd.waitFor(
    "RootGuard's decision on the settled page",
    `const stack = document.querySelector('[data-rootguard="notices"]');
     if (stack?.getAttribute("data-settled") !== "true") return null;
     return {
       page: stack.getAttribute("data-page"),
       principal: stack.getAttribute("data-principal"),
       notices: [...stack.querySelectorAll(":scope > [data-rootguard]")].map((n) => n.getAttribute("data-rootguard")).sort(),
       badges: [...document.querySelectorAll('[data-rootguard="key-badge"]')].map((b) => ({ keyId: b.getAttribute("data-key-id"), severity: b.getAttribute("data-severity") })),
     };`,
    { timeout: 20_000 },
  );
}

/** Copy the page report on the unrecognized-page notice; what the notice then shows. */
async function copyFromNotice(wd) {
  await clickIn(wd, "unrecognized-page", "copy-page-report");
  return wd.waitFor(
    "the report on the notice",
    `const notice = document.querySelector('[data-rootguard="unrecognized-page"]');
     const state = notice?.getAttribute("data-report");
     if (!state || state === "working") return null;
     const shown = notice.shadowRoot.querySelector('[data-rootguard="page-report"]');
     return {
       state,
       copiedBy: notice.getAttribute("data-copied-by"),
       status: notice.shadowRoot.querySelector('[data-rootguard="page-report-status"]').textContent,
       text: shown.value,
       visible: !shown.hidden,
     };`,
  );
}

/** Copy the page report in the toolbar popup (opened as a window), then come back. */
async function copyFromPopup(browser) {
  const { wd } = browser;
  const { from } = await browser.openExtensionPageInNewWindow("pages/popup.html");
  try {
    await wd.waitFor("the popup's answer", `return document.body.dataset.state === "console"`);
    await wd.clickCss('[data-rootguard-action="copy-page-report"]');
    return await wd.waitFor("the report", `return document.body.dataset.report === "ready" && document.querySelector('[data-rootguard="page-report"]').value`);
  } finally {
    await wd.cmd("DELETE", "/window");
    await wd.cmd("POST", "/window", { handle: from });
  }
}

/** Open a replayed report: its route, with a query parameter of ours so the browser loads it anew. */
async function openReplay(wd, route) {
  const url = new URL(route);
  url.searchParams.set("round", "replay");
  await wd.navigate(url.href);
  await wd.waitFor("the replayed page", `return document.documentElement.hasAttribute("data-replica-replay")`);
}

const attr = (node, name) => node.attrs?.find(([n]) => n === name)?.[1];
function* walk(node) {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}

function save(name, browserName, text) {
  const dir = process.env.ROOTGUARD_SAVE_REPORTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}-${browserName}.json`), `${text}\n`);
}

/** Nothing of the session in the report: key IDs, the account, the user, the alias; nothing of RootGuard's. */
function assertSafe(text, keyIds, userName) {
  for (const keyId of keyIds) assert.ok(!text.includes(keyId), `no key ID (${keyId})`);
  for (const forbidden of [ACCOUNT, "1234-5678-9012", userName, "example-corp"]) assert.ok(!text.toLowerCase().includes(forbidden), `no ${forbidden}`);
  assert.ok(!text.includes("data-rootguard"), "RootGuard's own elements are not part of the page");
}

inEachBrowser("drift reports", (test, { browserName }) => {
  test("the unrecognized-page notice copies a page report; replayed, the report gets the same notice", async ({ wd, replica }) => {
    replica.setScenario({ session: "iam-user", userName: "alice", keysMarkup: "cards" });
    await wd.navigate(CREDENTIALS);
    assert.match(await noticeText(wd, "unrecognized-page", 20_000), /could not read this page/);
    const original = await settledDecision(wd);
    assert.equal(original.page, "security-credentials");
    assert.ok(original.notices.includes("unrecognized-page"));
    const onPage = await wd.execute(`return { keyIds: [...document.querySelectorAll('[data-testid="access-key-id"]')].map((e) => e.textContent), html: document.documentElement.outerHTML }`);
    assert.equal(onPage.keyIds.length, 2);
    for (const shown of ["alice", "1234-5678-9012", ...onPage.keyIds]) assert.ok(onPage.html.includes(shown), `the page shows ${shown}`);

    const copied = await copyFromNotice(wd);
    assert.equal(copied.state, "copied", copied.status);
    assert.match(copied.status, /^Copied a report of \d+ elements/);
    assert.ok(copied.visible, "the notice shows what it copied");
    assert.equal(await pasted(wd), copied.text, "the clipboard holds exactly what the notice shows");
    save("cards-iam-user", browserName, copied.text);

    const report = JSON.parse(copied.text);
    assert.equal(report.version, 1);
    assert.equal(report.route, CREDENTIALS);
    assert.equal(report.truncated, false);
    assert.equal(report.page.tag, "html");
    assert.equal(report.nodes, [...walk(report.page)].length);
    // The page's structure: the unfamiliar heading by its shape, and one card per key with its ID masked.
    const headings = [...walk(report.page)].filter((n) => n.tag === "h2").map((n) => [...walk(n)].map((m) => m.text ?? "").join(" ").trim());
    assert.ok(headings.includes("Aaaaaaaaaaaa aaaaaaaaaaa (9)"), `"Programmatic credentials (2)" by its shape in ${JSON.stringify(headings)}`);
    const cards = [...walk(report.page)].find((n) => attr(n, "data-testid") === "access-key-cards");
    assert.ok(cards, "the key cards' container");
    assert.equal(cards.children.length, onPage.keyIds.length);
    for (const card of cards.children) {
      assert.deepEqual(card.children.map((c) => [c.tag, attr(c, "data-testid"), c.text]), [["span", "access-key-id", "AKIA****************"]]);
      assert.match(card.text, /^a Aaaaaa(aa)?$/, "the separator (·, not ASCII) and the status (Active, Inactive) by their shapes");
    }
    assertSafe(copied.text, onPage.keyIds, "alice");

    // Played back, the report is the page RootGuard could not read: the same
    // page, notices and (no) badges. Not the same principal: who is signed
    // in is said by the session meta's content and the account menu's texts,
    // and a report holds neither (texts are shapes; docs/DRIFT-REPORT.md).
    replica.setScenario({ replay: report });
    await openReplay(wd, report.route);
    assert.match(await noticeText(wd, "unrecognized-page", 20_000), /could not read this page/);
    const replayed = await settledDecision(wd);
    assert.deepEqual({ ...replayed, principal: null }, { ...original, principal: null });
    // ...and the same report: a replay reproduces everything a report holds.
    const again = await copyFromNotice(wd);
    assert.equal(again.state, "copied", again.status);
    const reportAgain = JSON.parse(again.text);
    assert.equal(new URL(reportAgain.route).searchParams.get("round"), "", "the replay's own query, value dropped");
    assert.deepEqual({ ...reportAgain, route: CREDENTIALS }, report);
  });

  test("a report copied in the popup on a page RootGuard reads, replayed, is the same page with a badge in each key's row", async ({ browser, wd, replica }) => {
    await wd.navigate(CREDENTIALS);
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    const original = await settledDecision(wd);
    const text = await copyFromPopup(browser);
    save("table-root", browserName, text);
    const report = JSON.parse(text);
    assertSafe(text, original.badges.map((b) => b.keyId), "alice");
    const masked = [...walk(report.page)].filter((n) => n.text === "AKIA****************");
    assert.equal(masked.length, 2, "each key ID, masked");

    replica.setScenario({ replay: report });
    await openReplay(wd, report.route);
    await wd.waitFor("the badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    const replayed = await settledDecision(wd);
    // The same page, and a badge in each key's row, for the made-up IDs that
    // fill the report's masks. Not the root warning or root's severities: the
    // principal is not in the report (first test), so the keys are judged as
    // an IAM user's, by ages the report does not hold either (dates are shapes).
    assert.equal(replayed.page, original.page);
    assert.ok(!replayed.notices.includes("unrecognized-page"), "the keys were found");
    assert.deepEqual(replayed.badges.map((b) => b.keyId), ["AKIAREPLAYAAAAAAAAAA", "AKIAREPLAYAAAAAAAAAB"]);
    assert.equal(await wd.execute(`return [...document.querySelectorAll('[data-rootguard="key-badge"]')].every((b) => b.closest("tr")?.textContent.includes(b.getAttribute("data-key-id")))`), true);
  });

  test("a committed report (reports/cards-iam-user.json) is a regression test in one step", async ({ wd, replica }) => {
    replica.setScenario({ replay: "cards-iam-user" });
    await openReplay(wd, CREDENTIALS);
    assert.match(await noticeText(wd, "unrecognized-page", 20_000), /could not read this page/);
    const decision = await settledDecision(wd);
    assert.deepEqual({ page: decision.page, notices: decision.notices, badges: decision.badges }, { page: "security-credentials", notices: ["unrecognized-page"], badges: [] });
  });
});
