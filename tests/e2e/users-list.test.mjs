// The IAM users list at a glance, in real Chromium and Firefox on the
// replica's Cloudscape Users table under the real console host name: a
// compact badge per user with an active key (severity, age, from the same
// policy as the key badges), a one-line summary above the table, columns
// found by their headers whatever their order, and a hidden column read as
// unknown, never as fine.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { ROOT } from "./lib/browsers.mjs";
import { noticeText } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const USERS = "https://us-east-1.console.aws.amazon.com/iam/home#/users";
const DAY = 86_400_000;

function said(locale, key, ...args) {
  const texts = JSON.parse(readFileSync(path.join(ROOT, "extension/_locales", locale, "messages.json"), "utf8"));
  return texts[key].message.replace(/\$(\d)/g, (_, n) => args[n - 1]);
}

const key = (id, { created, used = null }) => ({
  accessKeyId: id,
  status: "Active",
  created: new Date(Date.now() - created * DAY).toISOString(),
  lastUsed: used === null ? null : new Date(Date.now() - used * DAY).toISOString(),
});

// alice is the scenario's own user (its default keys: 400 days old, used 2 days ago).
const USER_KEYS = {
  bob: [key("AKIAQQQQQQQQQQQQQQQ7", { created: 400 })],
  carol: [key("AKIAQQQQQQQQQQQQQQQA", { created: 10, used: 1 })],
  dave: [],
  erin: [key("AKIAQQQQQQQQQQQQQQQB", { created: 60 })],
};

/** The user badges once `count` are drawn, in row order, with the row each sits in. */
function userBadges(wd, count) {
  return wd.waitFor(
    `${count} user badges`,
    `const all = [...document.querySelectorAll('[data-rootguard="user-key-badge"]')];
     return all.length === arguments[0] && all.map((b) => ({
       user: b.getAttribute("data-user-name"),
       severity: b.getAttribute("data-severity"),
       ageDays: b.hasAttribute("data-age-days") ? Number(b.getAttribute("data-age-days")) : null,
       inItsRow: b.closest("tr").textContent.includes(b.getAttribute("data-user-name")),
       label: b.shadowRoot.querySelector("button").getAttribute("aria-label"),
     }));`,
    { args: [count] },
  );
}

/** The page's verdict once the page settled: its notices and its user badges. */
function settled(wd) {
  return wd.waitFor(
    "the users list, settled",
    `const c = document.querySelector('[data-rootguard="notices"]');
     return c?.getAttribute("data-settled") === "true" && c.getAttribute("data-page") === "users-list" && document.querySelector('[data-testid="users-table"] tbody tr td:nth-child(2)') &&
       { notices: [...c.querySelectorAll(":scope > [data-rootguard]")].map((n) => n.getAttribute("data-rootguard")), badges: document.querySelectorAll('[data-rootguard="user-key-badge"]').length };`,
  );
}

inEachBrowser("the IAM users list", (test) => {
  test("each user with an active key gets a compact badge from the policy, and the summary counts them", async ({ wd, replica }) => {
    replica.setScenario({ userKeys: USER_KEYS });
    await wd.navigate(USERS);
    const shown = await userBadges(wd, 4);
    assert.deepEqual(shown.map(({ user, severity, ageDays, inItsRow }) => ({ user, severity, ageDays, inItsRow })), [
      { user: "alice", severity: "critical", ageDays: 400, inItsRow: true },
      { user: "bob", severity: "critical", ageDays: 400, inItsRow: true },
      { user: "carol", severity: "ok", ageDays: 10, inItsRow: true },
      { user: "erin", severity: "warning", ageDays: 60, inItsRow: true },
    ], "dave has no key: no badge");
    assert.ok(shown[1].label.includes(said("en", "badgeNeverUsed")), shown[1].label);
    const summary = await wd.waitFor("the summary with every user", `const n = document.querySelector('[data-rootguard="users-summary"]'); return n?.shadowRoot.textContent.includes(arguments[0]) && n.shadowRoot.textContent`, { args: [said("en", "usersSummaryTitle", 4)] });
    assert.ok(summary.includes(said("en", "usersSummaryBody", 4, 1, 1, 1)), summary);
    // Above the table, in the console's flow.
    const above = await wd.execute(`return document.querySelector('[data-rootguard="users-summary"]').getBoundingClientRect().bottom <= document.querySelector('[data-testid="users-table"] table').getBoundingClientRect().top`);
    assert.equal(above, true);
  });

  test("columns found by their headers in any order; without Active key age the age is unknown, without any key column nothing is claimed", async ({ wd, replica }) => {
    replica.setScenario({ userKeys: USER_KEYS, usersColumns: ["accessKeyLastUsed", "groups", "userName", "accessKeyId"] });
    await wd.navigate(USERS);
    const shown = await userBadges(wd, 4);
    assert.deepEqual(shown.map((b) => [b.user, b.ageDays, b.inItsRow]), [["alice", null, true], ["bob", null, true], ["carol", null, true], ["erin", null, true]]);
    assert.ok(shown.every((b) => b.label.includes(said("en", "badgeAgeUnknown"))), shown.map((b) => b.label).join(" | "));

    replica.setScenario({ usersColumns: ["userName", "path", "groups", "mfa"] });
    await wd.navigate(USERS.replace("#", "?without-key-columns#"));
    assert.deepEqual(await settled(wd), { notices: ["root-session"], badges: 0 });
  });

  test("a German console: German headers and values, German badges", async ({ wd, replica }) => {
    replica.setScenario({ userKeys: USER_KEYS, lang: "de" });
    await wd.navigate(USERS);
    const shown = await userBadges(wd, 4);
    assert.deepEqual(shown.map((b) => [b.user, b.severity, b.ageDays]), [["alice", "critical", 400], ["bob", "critical", 400], ["carol", "ok", 10], ["erin", "warning", 60]]);
    assert.ok(shown[0].label.startsWith(said("de", "severity_critical")), shown[0].label);
    assert.ok((await noticeText(wd, "users-summary")).includes(said("de", "usersSummaryTitle", 4)));
  });

  test("an IAM user's session gets the same badges and no root reminder", async ({ wd, replica }) => {
    replica.setScenario({ userKeys: USER_KEYS, session: "iam-user" });
    await wd.navigate(USERS);
    await userBadges(wd, 4);
    assert.deepEqual((await settled(wd)).notices, ["users-summary"]);
  });
});
