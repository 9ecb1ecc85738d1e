// Beyond the access keys, in real Chromium and Firefox on the replica under
// the real console host names: the root user without an MFA device gets a
// warning on its Security credentials page (none once a device is listed,
// none for an IAM user), and a root session gets a slim reminder on every
// other console page (console home, EC2, S3, Billing, IAM's other pages),
// in the console's flow, dismissible for the browser session across tabs
// and hosts, and nothing for IAM users and roles.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { ROOT } from "./lib/browsers.mjs";
import { noticeText } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const OTHER_PAGES = [
  "https://us-east-1.console.aws.amazon.com/console/home",
  "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Home:",
  "https://s3.console.aws.amazon.com/s3/buckets?region=us-east-1",
  "https://us-east-1.console.aws.amazon.com/billing/home#/",
  "https://us-east-1.console.aws.amazon.com/iam/home#/users",
];

function said(locale, key, ...args) {
  const texts = JSON.parse(readFileSync(path.join(ROOT, "extension/_locales", locale, "messages.json"), "utf8"));
  return texts[key].message.replace(/\$(\d)/g, (_, n) => args[n - 1]);
}

/** The verdict for the page now shown, once the page has stopped changing. */
function settledVerdict(wd, page) {
  return wd.waitFor(
    `RootGuard's settled verdict on ${page}`,
    `const c = document.querySelector('[data-rootguard="notices"]');
     return c?.getAttribute("data-settled") === "true" && c.getAttribute("data-page") === arguments[0] && [...c.querySelectorAll(":scope > [data-rootguard]")].map((n) => n.getAttribute("data-rootguard"))`,
    { args: [page] },
  );
}

/** The notices the verdict for this page drew, once it has drawn its first. */
function noticesOn(wd, principal) {
  return wd.waitFor(
    `RootGuard's verdict for a ${principal} session`,
    `const c = document.querySelector('[data-rootguard="notices"]');
     return c?.getAttribute("data-principal") === arguments[0] && [...c.querySelectorAll(":scope > [data-rootguard]")].map((n) => n.getAttribute("data-rootguard"))`,
    { args: [principal] },
  );
}

inEachBrowser("root account: MFA and the root reminder", (test) => {
  test("root without an MFA device is warned, with AWS's link; not once a device is listed", async ({ wd, replica }) => {
    replica.setScenario({ mfaDevices: 0 });
    await wd.navigate(CREDENTIALS);
    const warning = await noticeText(wd, "mfa-warning");
    assert.ok(warning.includes(said("en", "mfaWarningTitle", "1234-5678-9012")), warning);
    const link = await wd.execute(`return [...document.querySelector('[data-rootguard="mfa-warning"]').shadowRoot.querySelectorAll("a")].map((a) => a.href)`);
    assert.deepEqual(link, ["https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html"]);
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="mfa-warning"]').getAttribute("data-severity")`), "critical");

    replica.setScenario({ mfaDevices: 1 });
    await wd.navigate(CREDENTIALS.replace("#", "?with-device#"));
    const shown = await settledVerdict(wd, "security-credentials");
    assert.ok(shown.includes("root-warning"), "the root warning is there");
    assert.ok(!shown.includes("mfa-warning"), `no MFA warning with a device listed: ${shown}`);
  });

  test("the MFA warning reads the section in German, and an IAM user gets none", async ({ wd, replica }) => {
    replica.setScenario({ mfaDevices: 0, lang: "de" });
    await wd.navigate(CREDENTIALS);
    assert.ok((await noticeText(wd, "mfa-warning")).includes(said("de", "mfaWarningTitle", "1234-5678-9012")));

    replica.setScenario({ mfaDevices: 0, lang: "en", session: "iam-user" });
    await wd.navigate(CREDENTIALS.replace("#", "?as-user#"));
    const shown = await settledVerdict(wd, "security-credentials");
    assert.ok(!shown.includes("mfa-warning"), `${shown}`);
  });

  test("a root session gets a slim reminder in the flow of every other console page; IAM users and roles get nothing", async ({ wd, replica }) => {
    for (const url of OTHER_PAGES) {
      await wd.navigate(url);
      const reminder = await noticeText(wd, "root-session");
      assert.ok(reminder.includes(said("en", "rootSessionTitle", "1234-5678-9012")), `${url}: ${reminder}`);
      // The console draws its page after the document loads: until then the notices wait in a corner.
      await wd.waitFor("the notices in the console's flow", `return document.querySelector('[data-rootguard="notices"]').getAttribute("data-placement") === "flow"`);
      const placed = await wd.execute(`
        const reminder = document.querySelector('[data-rootguard="root-session"]');
        const box = reminder.getBoundingClientRect();
        const h1 = document.querySelector("main h1, [role=main] h1");
        return { placement: reminder.parentElement.getAttribute("data-placement"), aboveTheHeading: box.bottom <= h1.getBoundingClientRect().top + 1, height: box.height, sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth };`);
      assert.deepEqual({ ...placed, slim: placed.height <= 80 }, { ...placed, placement: "flow", aboveTheHeading: true, sideways: false, slim: true }, url);
    }
    for (const session of ["iam-user", "federated"]) {
      replica.setScenario({ session });
      for (const url of OTHER_PAGES.slice(0, 3)) {
        await wd.navigate(`${url}${url.includes("?") ? "&" : "?"}as=${session}`);
        assert.deepEqual(await noticesOn(wd, session), [], `${session} on ${url}`);
      }
    }
  });

  test("the root reminder, dismissed once, stays away for the browser session: other hosts, other tabs", async ({ wd }) => {
    await wd.navigate(OTHER_PAGES[1]);
    await noticeText(wd, "root-session");
    const shadow = await wd.shadowRoot(await wd.find('[data-rootguard="root-session"]'));
    await wd.click(await wd.find('[data-rootguard-action="dismiss"]', shadow));
    await wd.waitFor("the reminder to go", `return !document.querySelector('[data-rootguard="root-session"]')`);
    // S3 is another host (another origin); a new tab is another page session.
    await wd.navigate(OTHER_PAGES[2]);
    assert.deepEqual(await noticesOn(wd, "root"), [], "on S3");
    await wd.cmd("POST", "/window/new", { type: "tab" }).then(({ handle }) => wd.cmd("POST", "/window", { handle }));
    await wd.navigate(OTHER_PAGES[0]);
    assert.deepEqual(await noticesOn(wd, "root"), [], "in a new tab");
    // The root warning on the credentials page is another notice: still shown.
    await wd.navigate(CREDENTIALS);
    await noticeText(wd, "root-warning");
  });
});
