// extension/content/render.js: a verdict drawn into a page. The owner's
// choices arrive already applied by the core (each notice's `shown`, the
// verdict's `showBadges`); the renderer only follows them, and every
// element it adds is marked data-rootguard.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { JSDOM } from "jsdom";

import * as render from "../../extension/content/render.js";

// One document for the module's life, as in a page; each test starts from a fresh body.
const { window } = new JSDOM("<!doctype html><body></body>", { url: "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials" });
const { document } = window;
Object.assign(globalThis, {
  document,
  sessionStorage: window.sessionStorage,
  location: window.location,
  MutationObserver: window.MutationObserver,
  NodeFilter: window.NodeFilter,
  requestAnimationFrame: (f) => setTimeout(f, 0),
});
beforeEach(() => {
  document.body.innerHTML = `<table><tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr></table>
    <ul><li><span>ASIAIOSFODNN7EXAMPLE</span></li></ul>`;
  window.sessionStorage.clear();
  render.routeChanged();
});

const notice = (kind, shown, extra = {}) => ({
  kind, shown, severity: "critical", title: `${kind}Title`, body: `${kind}Body`, args: [], alternatives: [], dismissal: "visit", modal: false, ...extra,
});
const badge = (keyId, severity) => ({ keyId, severity, ageDays: 400, summary: [{ key: "badgeAge", args: ["400"] }], reasons: [{ key: "reasonOld", args: [] }], findings: [] });
const verdict = (notices, badges, showBadges = true) => ({
  decidedBy: "test",
  recognition: { page: { kind: "security-credentials" }, session: { principal: { kind: "root" } } },
  notices, badges, showBadges, watch: true, diagnostics: [],
});

test("notices the owner shows are drawn; the ones turned off are not", () => {
  render.verdict(verdict([notice("root-warning", true), notice("unrecognized-page", false)], []));
  const stack = document.querySelector('[data-rootguard="notices"]');
  assert.equal(stack.getAttribute("data-page"), "security-credentials");
  assert.equal(stack.getAttribute("data-principal"), "root");
  assert.ok(stack.querySelector('[data-rootguard="root-warning"]'));
  assert.equal(stack.querySelector('[data-rootguard="unrecognized-page"]'), null);
  // Turned off later: the notice drawn before goes.
  render.verdict(verdict([notice("root-warning", false)], []));
  assert.equal(stack.querySelector('[data-rootguard="root-warning"]'), null);
});

test("a badge goes next to its key ID, in a table cell or beside a key outside a table", () => {
  render.verdict(verdict([], [badge("AKIAIOSFODNN7EXAMPLE", "critical"), badge("ASIAIOSFODNN7EXAMPLE", "ok")]));
  const inCell = document.querySelector('td > [data-rootguard="key-badge"]');
  assert.equal(inCell.getAttribute("data-key-id"), "AKIAIOSFODNN7EXAMPLE");
  assert.equal(inCell.getAttribute("data-severity"), "critical");
  assert.equal(inCell.getAttribute("data-age-days"), "400");
  const button = inCell.shadowRoot.querySelector("button");
  assert.match(button.getAttribute("aria-label"), /^severity_critical badgeAge\(400\)\. reasonOld$/);
  assert.equal(document.querySelector('li span > [data-rootguard="key-badge"]').getAttribute("data-key-id"), "ASIAIOSFODNN7EXAMPLE");
  // Drawn again: still one badge per key.
  render.verdict(verdict([], [badge("AKIAIOSFODNN7EXAMPLE", "critical"), badge("ASIAIOSFODNN7EXAMPLE", "ok")]));
  assert.equal(document.querySelectorAll('[data-rootguard="key-badge"]').length, 2);
});

test("badges turned off, or of keys no longer shown, are taken away", () => {
  render.verdict(verdict([], [badge("AKIAIOSFODNN7EXAMPLE", "critical")]));
  assert.equal(document.querySelectorAll('[data-rootguard="key-badge"]').length, 1);
  render.verdict(verdict([], [badge("AKIAIOSFODNN7EXAMPLE", "critical")], false));
  assert.equal(document.querySelectorAll('[data-rootguard="key-badge"]').length, 0);
  render.verdict(verdict([], [badge("AKIAIOSFODNN7EXAMPLE", "warning")]));
  render.verdict(verdict([], []));
  assert.equal(document.querySelectorAll('[data-rootguard="key-badge"]').length, 0);
});

test("a dismissed notice stays away for the visit, and comes back on a new route", () => {
  render.verdict(verdict([notice("root-warning", true)], []));
  const shown = document.querySelector('[data-rootguard="root-warning"]');
  shown.shadowRoot.querySelector('[data-rootguard-action="dismiss"]').click();
  render.verdict(verdict([notice("root-warning", true)], []));
  assert.equal(document.querySelector('[data-rootguard="root-warning"]'), null);
  render.routeChanged();
  render.verdict(verdict([notice("root-warning", true)], []));
  assert.ok(document.querySelector('[data-rootguard="root-warning"]'));
});

test("a key table drawn again with the same data gets back the badge it had; other data, or dark mode, a new one", () => {
  const critical = [badge("AKIAIOSFODNN7EXAMPLE", "critical")];
  render.verdict(verdict([], critical));
  const first = document.querySelector('[data-rootguard="key-badge"]');
  // The console re-renders its table: fresh rows, without RootGuard's badge.
  document.querySelector("table").innerHTML = "<tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr>";
  render.verdict(verdict([], critical));
  assert.equal(document.querySelector('td > [data-rootguard="key-badge"]'), first, "the same badge, in the new row");
  document.querySelector("table").innerHTML = "<tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr>";
  render.verdict(verdict([], [{ ...critical[0], ageDays: 401 }]));
  const older = document.querySelector('td > [data-rootguard="key-badge"]');
  assert.notEqual(older, first, "what it says changed: made again");
  assert.equal(older.getAttribute("data-age-days"), "401");
  document.querySelector("table").innerHTML = "<tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr>";
  document.body.classList.add("awsui-dark-mode");
  try {
    render.verdict(verdict([], [{ ...critical[0], ageDays: 401 }]));
    assert.equal(document.querySelector('td > [data-rootguard="key-badge"]').getAttribute("data-theme"), "dark");
  } finally {
    document.body.classList.remove("awsui-dark-mode");
  }
});

test("when the console replaces the part of the page the notices were in, the verdict's notices come back with them and other messages do not", () => {
  document.body.innerHTML = "<main><div id=content><h1>Security credentials</h1></div></main>";
  render.verdict(verdict([notice("root-warning", true)], []));
  const warning = document.querySelector('[data-rootguard="root-warning"]');
  render.message("export-saved", "exportSavedTitle", [], "exportSavedBody", []);
  assert.ok(document.querySelector('[data-rootguard="export-saved"]'));
  // An SPA move: the console draws its content area anew.
  document.querySelector("main").innerHTML = "<div id=content><h1>Users</h1></div>";
  render.routeChanged();
  render.verdict(verdict([], []));
  assert.equal(document.querySelector('[data-rootguard="root-warning"]'), null, "not on this route");
  assert.equal(document.querySelector('[data-rootguard="export-saved"]'), null, "the message went with the page it was about");
  document.querySelector("main").innerHTML = "<div id=content><h1>Security credentials</h1></div>";
  render.routeChanged();
  render.verdict(verdict([notice("root-warning", true)], []));
  assert.equal(document.querySelector('[data-rootguard="root-warning"]'), warning, "back: the same notice");
  render.verdict(verdict([notice("root-warning", true, { args: ["1234-5678-9012"] })], []));
  assert.notEqual(document.querySelector('[data-rootguard="root-warning"]'), warning, "it says something else: drawn again");
});

test("a notice with another script's controls comes back drawn anew: their state was about the page they were used on", () => {
  render.decorate("unrecognized-page", () => [document.createElement("button")]);
  document.body.innerHTML = "<main><div><h1>Somewhere</h1></div></main>";
  render.verdict(verdict([notice("unrecognized-page", true)], []));
  const first = document.querySelector('[data-rootguard="unrecognized-page"]');
  render.routeChanged();
  render.verdict(verdict([], []));
  render.verdict(verdict([notice("unrecognized-page", true)], []));
  const again = document.querySelector('[data-rootguard="unrecognized-page"]');
  assert.ok(again);
  assert.notEqual(again, first);
});

test("every element the renderer adds is marked data-rootguard", () => {
  const before = new Set(document.querySelectorAll("*"));
  render.verdict(verdict([notice("root-warning", true)], [badge("AKIAIOSFODNN7EXAMPLE", "critical")]));
  render.message("core-refused", "coreRefusedTitle", [], "coreRefusedBody", ["NotAnAccessKey"]);
  const added = [...document.querySelectorAll("*")].filter((e) => !before.has(e));
  assert.ok(added.length >= 3);
  for (const element of added) assert.ok(element.hasAttribute("data-rootguard"), `<${element.localName}> is marked`);
});

test("a badge's details: why, what to do with AWS's page for it; Escape closes them and focus returns to the badge", () => {
  const withActions = { ...badge("AKIAIOSFODNN7EXAMPLE", "critical"), actions: [{ key: "actionRotate", href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html" }] };
  render.verdict(verdict([], [withActions]));
  const shadow = document.querySelector('[data-rootguard="key-badge"]').shadowRoot;
  const button = shadow.querySelector("button");
  const details = shadow.querySelector(".details");
  assert.equal(button.textContent, "severity_critical badgeAge(400)", "the severity word and the facts, not colour alone");
  assert.ok(shadow.querySelector("svg.icon"), "and an icon");
  assert.ok(details.hidden);
  button.click();
  assert.equal(button.getAttribute("aria-expanded"), "true");
  assert.ok(!details.hidden);
  const link = details.querySelector("a");
  assert.equal(link.textContent, "actionRotate");
  assert.equal(link.getAttribute("href"), withActions.actions[0].href);
  assert.equal(link.getAttribute("rel"), "noopener noreferrer");
  link.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
  assert.ok(details.hidden);
  assert.equal(button.getAttribute("aria-expanded"), "false");
  assert.equal(shadow.activeElement, button);
  // A click elsewhere closes them too.
  button.click();
  document.body.click();
  assert.ok(details.hidden);
});
