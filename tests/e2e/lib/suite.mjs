// One describe block per browser, a fresh browser (profile, download
// directory) per test, and the replica reset to its default scenario: what
// every E2E file needs, in one place.

import { after, before, describe, test as nodeTest } from "node:test";

import { startReplica } from "../../fixtures/console/server.mjs";
import { BROWSERS, launchBrowser } from "./browsers.mjs";
import { failureReport } from "./failure-report.mjs";
import { removeLeftoverPolicies, writePolicy } from "./policies.mjs";

/**
 * @param {string} title  "<title> in chromium", "<title> in firefox"
 * @param {(test: Function, context: {browserName: string, replica: () => object}) => void} define
 *   `test(name, body, {extension, timeout, windowSize, policy})` runs
 *   `body({browser, wd, replica, browserName, removePolicy})` (`removePolicy()`: the policy
 *   gone, for browsers started after it);
 *   `extension` is a built extension path (default dist/<browser>) or null for none;
 *   `windowSize` `[width, height]` (default browsers.mjs's);
 *   `policy` RootGuard's managed settings (an object, or a function returning one) as an
 *   organisation's browser policy sets them (lib/policies.mjs), for this test's browser only.
 */
export function inEachBrowser(title, define, { timeout = 180_000 } = {}) {
  for (const browserName of BROWSERS) {
    describe(`${title} in ${browserName}`, () => {
      let replica;
      before(async () => {
        // A policy file left by a test that crashed would otherwise hold in every browser after it.
        removeLeftoverPolicies();
        replica = await startReplica();
      });
      after(() => replica.close());
      const test = (name, body, options = {}) =>
        nodeTest(name, { timeout: options.timeout ?? timeout }, async (context) => {
          replica.resetScenario();
          const policy = typeof options.policy === "function" ? options.policy() : options.policy;
          const removePolicy = policy ? writePolicy(browserName, policy) : () => {};
          let browser;
          try {
            browser = await launchBrowser(browserName, { proxyPort: replica.proxyPort, extension: options.extension, windowSize: options.windowSize });
            // Firefox reads policies.json once, at startup: the file can go
            // at once (Chromium watches its directory, so there it stays).
            if (browserName === "firefox") removePolicy();
            await body({ browser, wd: browser.wd, replica, browserName, removePolicy });
          } catch (error) {
            if (browser) for (const line of await failureReport(browser)) context.diagnostic(line);
            throw error;
          } finally {
            await browser?.close();
            removePolicy();
          }
        });
      define(test, { browserName, replica: () => replica });
    });
  }
}
