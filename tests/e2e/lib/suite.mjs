// One describe block per browser, a fresh browser (profile, download
// directory) per test, and the replica reset to its default scenario: what
// every E2E file needs, in one place.

import { after, before, describe, test as nodeTest } from "node:test";

import { startReplica } from "../../fixtures/console/server.mjs";
import { BROWSERS, launchBrowser } from "./browsers.mjs";

/**
 * @param {string} title  "<title> in chromium", "<title> in firefox"
 * @param {(test: Function, context: {browserName: string, replica: () => object}) => void} define
 *   `test(name, body, {extension, timeout, windowSize})` runs `body({browser, wd, replica, browserName})`;
 *   `extension` is a built extension path (default dist/<browser>) or null for none;
 *   `windowSize` `[width, height]` (default browsers.mjs's).
 */
export function inEachBrowser(title, define, { timeout = 180_000 } = {}) {
  for (const browserName of BROWSERS) {
    describe(`${title} in ${browserName}`, () => {
      let replica;
      before(async () => {
        replica = await startReplica();
      });
      after(() => replica.close());
      const test = (name, body, options = {}) =>
        nodeTest(name, { timeout: options.timeout ?? timeout }, async () => {
          replica.resetScenario();
          const browser = await launchBrowser(browserName, { proxyPort: replica.proxyPort, extension: options.extension, windowSize: options.windowSize });
          try {
            await body({ browser, wd: browser.wd, replica, browserName });
          } finally {
            await browser.close();
          }
        });
      define(test, { browserName, replica: () => replica });
    });
  }
}
