// Passive warnings and key-age badges, by meaning, in real Chromium and
// Firefox on the replica under the real console host names.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { ROOT } from "./lib/browsers.mjs";
import { noticeText, proceedThroughInterstitial } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";
import { CLASSIC } from "../fixtures/console/scenario.mjs";

const DAY = 86_400_000;
const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const userTab = (name, round = "") =>
  `https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1${round ? `&round=${round}` : ""}#/users/details/${name}?section=security_credentials`;

// RootGuard writes in the console page's language: the text of `key` in the
// translation for `<html lang>` (the replica's `lang`), with $1… filled.
const LOCALE = { en: "en", de: "de", fr: "fr", ja: "ja", "zh-CN": "zh_CN" };
function said(lang, key, ...args) {
  const texts = JSON.parse(readFileSync(path.join(ROOT, "extension/_locales", LOCALE[lang], "messages.json"), "utf8"));
  return texts[key].message.replace(/\$(\d)/g, (_, n) => String(args[Number(n) - 1]));
}

function key(id, { created, used = null, status = "Active" }) {
  const now = Date.now();
  return {
    accessKeyId: id,
    status,
    created: new Date(now - created * DAY).toISOString(),
    lastUsed: used === null ? null : new Date(now - used * DAY).toISOString(),
    lastUsedRegion: used === null ? null : "eu-west-1",
    lastUsedService: used === null ? null : "s3",
  };
}

// Every badge on the page, as data.
const BADGES = `return [...document.querySelectorAll('[data-rootguard="key-badge"]')].map((b) => ({
  keyId: b.getAttribute("data-key-id"),
  ageDays: b.hasAttribute("data-age-days") ? Number(b.getAttribute("data-age-days")) : null,
  severity: b.getAttribute("data-severity"),
  text: b.shadowRoot.querySelector("button").textContent,
  label: b.shadowRoot.querySelector("button").getAttribute("aria-label"),
  inRowOfItsKey: b.closest("tr")?.textContent.includes(b.getAttribute("data-key-id")) ?? false,
})).sort((a, b) => a.keyId.localeCompare(b.keyId));`;

async function badges(wd, count) {
  return wd.waitFor(`${count} key badges`, `const all = (() => { ${BADGES} })(); return all.length === arguments[0] ? all : null;`, { args: [count] });
}

inEachBrowser("warnings and key badges", (test) => {
  test("root's two keys (active and inactive) both get critical badges with their ages", async ({ wd }) => {
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(
      shown.map(({ keyId, ageDays, severity, inRowOfItsKey }) => ({ keyId, ageDays, severity, inRowOfItsKey })),
      [
        { keyId: "AKIAIOSFODNN7EXAMPLE", ageDays: 400, severity: "critical", inRowOfItsKey: true },
        { keyId: "AKIAJ7QZ2EXAMPLEKEY2", ageDays: 30, severity: "critical", inRowOfItsKey: true },
      ],
    );
    assert.match(shown[0].text, /400 days old · used 2 days ago/);
    assert.match(shown[1].text, /30 days old · never used/);
    assert.match(shown[1].label, /Inactive root access key/);
    // The expanded text says why and what to do.
    const badge = await wd.find('[data-rootguard="key-badge"][data-key-id="AKIAIOSFODNN7EXAMPLE"]');
    await wd.click(await wd.find("button", await wd.shadowRoot(badge)));
    const details = await wd.execute(
      `const d = document.querySelector('[data-rootguard="key-badge"][data-key-id="AKIAIOSFODNN7EXAMPLE"]').shadowRoot.querySelector(".details"); return !d.hidden && d.textContent;`,
    );
    assert.match(details, /Delete it/);
  });

  test("the classic replica's older forms (absolute dates, \"Never\", seven columns, the 2023 nav bar) get the same badges and root warning", async ({ wd, replica }) => {
    replica.setScenario(CLASSIC);
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays, b.severity, b.inRowOfItsKey]), [
      ["AKIAIOSFODNN7EXAMPLE", 400, "critical", true],
      ["AKIAJ7QZ2EXAMPLEKEY2", 30, "critical", true],
    ]);
    assert.match(await noticeText(wd, "root-warning"), /root user/i);
    assert.equal(await wd.execute(`return document.documentElement.dataset.replicaUi`), "classic");
  });

  test("an IAM user's tab follows the IAM policy: ok, warning, critical, notice; no root warning", async ({ wd, replica }) => {
    const cases = [
      [[key("AKIAQQQQQQQQQQQQQQQ2", { created: 10, used: 1 })], "ok", 10],
      [[key("AKIAQQQQQQQQQQQQQQQ3", { created: 200, used: 100 })], "warning", 200],
      [[key("AKIAQQQQQQQQQQQQQQQ4", { created: 400, used: 1 })], "critical", 400],
      [[key("AKIAQQQQQQQQQQQQQQQ5", { created: 60, status: "Inactive" })], "notice", 60],
      [[key("AKIAQQQQQQQQQQQQQQQ6", { created: 50 })], "warning", 50], // never used for 50 days
    ];
    for (const [i, [keys, severity, ageDays]] of cases.entries()) {
      replica.setScenario({ userKeys: { bob: keys } });
      await wd.navigate(userTab("bob", i));
      const [badge] = await badges(wd, 1);
      assert.equal(badge.severity, severity, JSON.stringify(badge));
      assert.equal(badge.ageDays, ageDays);
      const notices = await wd.execute(`return [...document.querySelectorAll('[data-rootguard="notices"] > [data-rootguard]')].map((n) => n.getAttribute("data-rootguard"))`);
      assert.deepEqual(notices, ["root-session"], "no root warning on an IAM user's tab: root's reminder only");
    }
  });

  test("an IAM user signed in on their own Security credentials page: IAM policy badges, no root warning", async ({ wd, replica }) => {
    replica.setScenario({ session: "iam-user" });
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays, b.severity]), [
      ["AKIAIOSFODNN7EXAMPLE", 400, "critical"], // active, over 365 days
      ["AKIAJ7QZ2EXAMPLEKEY2", 30, "notice"], // inactive
    ]);
    assert.match(shown[0].label, /long overdue/);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="root-warning"]').length`), 0);
  });

  test("keys listed as cards (one per key) on an IAM user's own page get their badges, in the card", async ({ wd, replica }) => {
    replica.setScenario({ session: "iam-user", keysMarkup: "key-cards" });
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays, b.severity]), [
      ["AKIAIOSFODNN7EXAMPLE", 400, "critical"],
      ["AKIAJ7QZ2EXAMPLEKEY2", 30, "notice"],
    ]);
    assert.match(shown[1].text, /never used/);
    const inCard = await wd.execute(`return [...document.querySelectorAll('[data-rootguard="key-badge"]')].every((b) => b.closest("li")?.textContent.includes(b.getAttribute("data-key-id")))`);
    assert.ok(inCard, "each badge sits in its key's card");
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="unrecognized-page"]').length`), 0);
  });

  test("a key created and used today, and one a day old used a day ago, say so in words, not as 0 or 1 days", async ({ wd, replica }) => {
    replica.setScenario({ keys: [key("AKIAQQQQQQQQQQQQQQQ3", { created: 0, used: 0 }), key("AKIAQQQQQQQQQQQQQQQ5", { created: 1, used: 1 })] });
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays]), [
      ["AKIAQQQQQQQQQQQQQQQ3", 0],
      ["AKIAQQQQQQQQQQQQQQQ5", 1],
    ]);
    assert.match(shown[0].text, /created today · used today/);
    assert.match(shown[1].text, /1 day old · used 1 day ago/);
  });

  test("an IAM user's summary lists the keys on every tab: each \"Access key N\" line gets its badge; a user without keys is no warning", async ({ wd, replica }) => {
    replica.setScenario({ userKeys: { bob: [key("AKIAQQQQQQQQQQQQQQQ3", { created: 200, used: 100 }), key("AKIAQQQQQQQQQQQQQQQ5", { created: 60, status: "Inactive" })], carol: [] } });
    const permissions = (name) => `https://us-east-1.console.aws.amazon.com/iam/home#/users/details/${name}?section=permissions`;
    await wd.navigate(permissions("bob"));
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays, b.severity]), [
      ["AKIAQQQQQQQQQQQQQQQ3", 200, "warning"],
      ["AKIAQQQQQQQQQQQQQQQ5", 60, "notice"],
    ]);
    assert.match(shown[0].text, /used 100 days ago/);
    const besideItsLine = await wd.execute(`return [...document.querySelectorAll('[data-rootguard="key-badge"]')].every((b) => b.closest("dd")?.textContent.includes(b.getAttribute("data-key-id")))`);
    assert.ok(besideItsLine, "each badge sits in its key's summary line");
    await wd.waitFor("the page to settle", `return document.querySelector('[data-rootguard="notices"]')?.getAttribute("data-settled") === "true"`);
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="notices"]').getAttribute("data-page")`), "iam-user-details");
    await wd.execute(`location.hash = arguments[0]`, new URL(permissions("carol")).hash);
    await wd.waitFor("carol's page, settled", `return location.hash.includes("carol") && document.getElementById("app").dataset.replicaState === "ready" && document.querySelector('[data-rootguard="notices"]')?.getAttribute("data-settled") === "true"`, { timeout: 20_000 });
    assert.deepEqual(await wd.execute(`return [...document.querySelectorAll('[data-rootguard="notices"] > [data-rootguard], [data-rootguard="key-badge"]')].map((n) => n.getAttribute("data-rootguard"))`), ["root-session"], "no badge, no unrecognized-page notice: root's reminder only");
  });

  test("dates in several console languages and formats give the right ages", async ({ wd, replica }) => {
    const combos = [
      ["de", "absolute"], ["ja", "absolute"], ["fr", "relative"], ["zh-CN", "absolute"],
      ["en", "iso"], ["de", "relative"], ["ja", "relative"], ["en", "absolute"],
      // The newer console's forms: "120 days ago", and Cloudscape's "May 13, 2024, 13:01 (UTC+05:30)".
      ["en", "days"], ["en", "cloudscape"], ["de", "days"],
    ];
    for (const [i, [lang, dateStyle]] of combos.entries()) {
      replica.setScenario({ lang, dateStyle, userKeys: { bob: [key("AKIAQQQQQQQQQQQQQQQ7", { created: 120, used: 17 }), key("AKIAQQQQQQQQQQQQQQQA", { created: 5 })] } });
      await wd.navigate(userTab("bob", `${lang}-${dateStyle}-${i}`));
      const shown = await badges(wd, 2);
      assert.deepEqual(shown.map((b) => b.ageDays), [120, 5], `${lang} ${dateStyle}: ${JSON.stringify(shown)}`);
      assert.deepEqual(shown.map((b) => b.severity), ["warning", "ok"], `${lang} ${dateStyle}`);
      // In the page's language: the console's dates are read in it, and RootGuard writes in it.
      assert.ok(shown[0].text.includes(said(lang, "badgeLastUsed", 17)), `${lang} ${dateStyle}: ${shown[0].text}`);
      assert.ok(shown[1].text.includes(said(lang, "badgeNeverUsed")), `${lang} ${dateStyle}: ${shown[1].text}`);
    }
  });

  test("a console in German gets RootGuard's warning and badges in German", async ({ wd, replica }) => {
    replica.setScenario({ lang: "de" });
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.ok(shown[0].text.startsWith(`${said("de", "severity_critical")} ${said("de", "badgeAge", 400)}`), shown[0].text);
    assert.ok(shown[1].label.includes(said("de", "reasonRootKeyInactive")), shown[1].label);
    const warning = await noticeText(wd, "root-warning");
    assert.ok(warning.includes(said("de", "rootWarningTitle", "1234-5678-9012")), warning);
    assert.ok(!warning.includes("You are signed in"), "not in English");
  });

  test("with no <html lang>, the console's own language setting (its noflush_locale cookie) names the language; <html lang> wins over it", async ({ wd, replica }) => {
    replica.setScenario({ lang: "de", langAttribute: false });
    await wd.navigate(CREDENTIALS);
    const title = (lang) => said(lang, "rootWarningTitle", "1234-5678-9012");
    assert.ok((await noticeText(wd, "root-warning")).includes(title("en")), "no lang, no cookie: the browser's language (English)");
    try {
      await wd.execute(`document.cookie = "noflush_locale=de; path=/"`);
      await wd.navigate(CREDENTIALS.replace("#", "?with-cookie#"));
      await wd.waitFor("the warning in German", `return document.querySelector('[data-rootguard="root-warning"]')?.shadowRoot?.textContent.includes(arguments[0])`, { args: [title("de")] });
      const shown = await badges(wd, 2);
      assert.equal(shown[0].ageDays, 400, "the German dates are read as German");
      assert.ok(shown[0].text.startsWith(said("de", "severity_critical")), shown[0].text);

      replica.setScenario({ lang: "ja", langAttribute: true });
      await wd.navigate(CREDENTIALS.replace("#", "?with-lang#"));
      await wd.waitFor("the warning in Japanese", `return document.querySelector('[data-rootguard="root-warning"]')?.shadowRoot?.textContent.includes(arguments[0])`, { args: [title("ja")] });
    } finally {
      await wd.execute(`document.cookie = "noflush_locale=; path=/; max-age=0"`);
    }
  });

  test("another markup: columns reordered, headers in German, late rendering still get correct badges", async ({ wd, replica }) => {
    replica.setScenario({
      lang: "de",
      apiDelayMs: 1200,
      columnOrder: ["status", "lastUsed", "created", "accessKeyId", "description", "lastUsedRegion", "lastUsedService"],
    });
    await wd.navigate(CREDENTIALS);
    const shown = await badges(wd, 2);
    assert.deepEqual(shown.map((b) => [b.keyId, b.ageDays, b.severity, b.inRowOfItsKey]), [
      ["AKIAIOSFODNN7EXAMPLE", 400, "critical", true],
      ["AKIAJ7QZ2EXAMPLEKEY2", 30, "critical", true],
    ]);
  });

  test("badges follow SPA navigation and re-renders; zero keys is understood, not unrecognized", async ({ wd, replica }) => {
    await wd.navigate(CREDENTIALS);
    await badges(wd, 2);
    await wd.execute(`location.hash = "#/home"`);
    await wd.waitFor("the badges to go", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 0 && document.querySelector('[data-rootguard="notices"]')?.getAttribute("data-page") === "other"`);
    await wd.execute(`location.hash = "#/security_credentials"`);
    await badges(wd, 2);
    replica.setScenario({ keys: [] });
    await wd.navigate(`${CREDENTIALS.replace("#", "?round=empty#")}`);
    await wd.waitFor("the empty table", `return document.querySelector('[data-testid="access-keys-table"]') && !document.querySelector('[data-testid="access-key-id"]')`);
    // Wait for the core's decision on the settled page (no more changes), then check it stayed calm.
    await wd.waitFor("the decision on the settled page", `const stack = document.querySelector('[data-rootguard="notices"]'); return stack?.getAttribute("data-page") === "security-credentials" && stack.getAttribute("data-settled") === "true"`, { timeout: 20_000 });
    const state = await wd.execute(`return { badges: document.querySelectorAll('[data-rootguard="key-badge"]').length, unrecognized: document.querySelectorAll('[data-rootguard="unrecognized-page"]').length }`);
    assert.deepEqual(state, { badges: 0, unrecognized: 0 });
  });

  test("a credentials page RootGuard cannot read gets a generic caution, never silence", async ({ wd, replica }) => {
    replica.setScenario({ keysMarkup: "cards" });
    await wd.navigate(CREDENTIALS);
    const text = await noticeText(wd, "unrecognized-page", 20_000);
    assert.match(text, /could not read this page/);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="key-badge"]').length`), 0);
  });

  test("the root warning is dismissed for the session: it stays away across navigation and reload", async ({ wd }) => {
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
    const host = await wd.find('[data-rootguard="root-warning"]');
    await wd.click(await wd.find('[data-rootguard-action="dismiss"]', await wd.shadowRoot(host)));
    await wd.execute(`location.hash = "#/home"`);
    await wd.execute(`location.hash = "#/security_credentials"`);
    await badges(wd, 2);
    await wd.navigate(`${CREDENTIALS.replace("#", "?round=reload#")}`);
    await badges(wd, 2);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="root-warning"]').length`), 0);
  });

  test("Create access key: the interstitial's cancel goes back, proceed lets the console's flow continue", async ({ wd }) => {
    await wd.navigate(CREDENTIALS);
    await badges(wd, 2);
    await wd.clickCss('[data-testid="create-access-key"]');
    const interstitial = await wd.waitFor("the interstitial", `const h = document.querySelector('[data-rootguard="create-key-interstitial"]'); return h && h.shadowRoot.querySelector("[role=alertdialog]").textContent`);
    assert.match(interstitial, /root user of 1234-5678-9012/);
    assert.match(interstitial, /IAM Identity Center/);
    let shadow = await wd.shadowRoot(await wd.find('[data-rootguard="create-key-interstitial"]'));
    await wd.click(await wd.find('[data-rootguard-action="cancel"]', shadow));
    await wd.waitFor("the way back", `return location.hash === "#/security_credentials" && !document.querySelector('[data-rootguard="create-key-interstitial"]')`);

    await badges(wd, 2);
    await wd.clickCss('[data-testid="create-access-key"]');
    await wd.waitFor("the interstitial again", `return document.querySelector('[data-rootguard="create-key-interstitial"]')`);
    shadow = await wd.shadowRoot(await wd.find('[data-rootguard="create-key-interstitial"]'));
    await wd.click(await wd.find('[data-rootguard-action="proceed"]', shadow));
    const exportNotice = await noticeText(wd, "export-notice");
    assert.match(exportNotice, /encrypted/);
    // The console's own flow goes on untouched.
    await wd.clickCss('[data-testid="root-ack"]');
    await wd.clickCss('[data-testid="wizard-create-access-key"]');
    await wd.waitFor("the Retrieve access key step", `return document.querySelector('[data-testid="download-csv"]')`);
    assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="create-key-interstitial"]').length`), 0);
    assert.ok(await wd.execute(`return document.querySelector('[data-rootguard="export-notice"]') !== null`), "the export notice stays on the Retrieve step");
  });

  test("while the interstitial is open no key can be created: clicks land on it, the keyboard cannot reach the wizard", async ({ wd, replica }) => {
    const keysBefore = replica.createdKeys.length;
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard");
    await wd.waitFor("the interstitial over the wizard", `return document.querySelector('[data-rootguard="create-key-interstitial"]') && document.querySelector('input[name="ack-risk"]')`);
    // A user's click on the console's check box reaches the interstitial's overlay instead.
    await assert.rejects(wd.clickCss('input[name="ack-risk"]'), /element click intercepted/);
    // Tab forwards (and back) as far as it goes: focus never reaches the wizard behind.
    const TAB = "\uE004", SHIFT = "\uE008";
    const press = (...keys) => wd.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys.flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]) }] });
    for (let i = 0; i < 12; i += 1) {
      await press(TAB);
      assert.ok(await wd.execute(`return document.activeElement === document.querySelector('[data-rootguard="create-key-interstitial"]')`), "focus stays in the interstitial");
    }
    await wd.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: SHIFT }, { type: "keyDown", value: TAB }, { type: "keyUp", value: TAB }, { type: "keyUp", value: SHIFT }] }] });
    await wd.cmd("DELETE", "/actions");
    assert.equal(await wd.execute(`return document.querySelector('input[name="ack-risk"]').checked`), false, "the acknowledgement was not ticked");
    assert.equal(await wd.execute(`return document.querySelector('[data-testid="wizard-create-access-key"]').disabled`), true);
    // Cancel: back to Security credentials, no key made.
    const shadow = await wd.shadowRoot(await wd.find('[data-rootguard="create-key-interstitial"]'));
    await wd.click(await wd.find('[data-rootguard-action="cancel"]', shadow));
    await wd.waitFor("the way back", `return location.hash === "#/security_credentials" && !document.querySelector('[data-rootguard="create-key-interstitial"]')`);
    assert.equal(replica.createdKeys.length, keysBefore, "no key was created");
    // Once the user proceeds, the wizard is the console's own again.
    await wd.execute(`history.back()`);
    await proceedThroughInterstitial(wd);
    await wd.clickCss('input[name="ack-risk"]');
    await wd.waitFor("the acknowledgement ticked", `return document.querySelector('input[name="ack-risk"]').checked`);
  });

  test("keyboard: Escape on the interstitial is Cancel; a badge's details open with Enter, their AWS link is next, Escape closes them", async ({ wd }) => {
    const ENTER = "\uE007", ESCAPE = "\uE00C", TAB = "\uE004";
    const press = (...keys) => wd.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys.flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]) }] });
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard");
    await wd.waitFor("the interstitial, focused", `const h = document.querySelector('[data-rootguard="create-key-interstitial"]'); return h && document.activeElement === h`);
    await press(ESCAPE);
    await wd.waitFor("the way back", `return location.hash === "#/security_credentials" && !document.querySelector('[data-rootguard="create-key-interstitial"]')`);
    await badges(wd, 2);
    const focusBadge = `const b = document.querySelector('[data-rootguard="key-badge"][data-key-id="AKIAIOSFODNN7EXAMPLE"]'); b.shadowRoot.querySelector("button").focus(); return document.activeElement === b`;
    assert.ok(await wd.execute(focusBadge));
    const state = `const s = document.querySelector('[data-rootguard="key-badge"][data-key-id="AKIAIOSFODNN7EXAMPLE"]').shadowRoot; return { expanded: s.querySelector("button").getAttribute("aria-expanded"), focused: s.activeElement?.localName ?? null, href: s.activeElement?.getAttribute("href") ?? null }`;
    await press(ENTER);
    assert.deepEqual(await wd.execute(state), { expanded: "true", focused: "button", href: null });
    await press(TAB);
    const onLink = await wd.execute(state);
    assert.equal(onLink.focused, "a", "the next stop is the details' link to AWS's page");
    assert.match(onLink.href, /^https:\/\/docs\.aws\.amazon\.com\/IAM\//);
    await press(ESCAPE);
    assert.deepEqual(await wd.execute(state), { expanded: "false", focused: "button", href: null }, "closed, focus back on the badge");
    await wd.cmd("DELETE", "/actions");
  });

  test("dark mode: badges and notices switch to the dark palette", async ({ wd, replica }) => {
    replica.setScenario({ dark: true });
    await wd.navigate(CREDENTIALS);
    await badges(wd, 2);
    const colors = await wd.execute(`
      const badge = document.querySelector('[data-rootguard="key-badge"]');
      const button = badge.shadowRoot.querySelector("button");
      const style = getComputedStyle(button);
      return { theme: badge.getAttribute("data-theme"), border: style.borderTopColor, background: style.backgroundColor };`);
    assert.deepEqual(colors, { theme: "dark", border: "rgb(255, 93, 100)", background: "rgb(15, 27, 42)" });
  });
});
