// Figure 5: ordinary downloads. What RootGuard costs a download that is not
// credentials, taking turns with a second browser without RootGuard on the
// replica's downloads lab (public/downloads-lab.mjs), click to the file
// complete in the download directory:
//  - a 120 MB file (never read: too large to be credentials, so the browser
//    saves it untouched); goal: within 1.2× of the time without RootGuard;
//  - a small report (held back while the core looks, then started again by
//    the page-realm script): reported.
// Timed on this process's clock around the WebDriver click, polled every
// POLL_MS: an upper bound that includes one command's round trip.

import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { BROWSERS, launchBrowser } from "../tests/e2e/lib/browsers.mjs";
import { fileComplete } from "./file-complete.mjs";
import { summarize } from "./stats.mjs";

export const GOAL_RATIO = 1.2;
const POLL_MS = 5;
const LAB = "https://us-east-1.console.aws.amazon.com/downloads-lab";
const CASES = [
  { id: "large", name: "large-120MB.bin", bytes: 120 * 2 ** 20, what: "120 MB file" },
  { id: "mechanism:programmatic", name: "lab-programmatic.csv", bytes: null, what: "small report" },
];

// Each run in a tab of its own: Chromium refuses every fifth 120 MB download
// made in one tab, with RootGuard or without (measured), and the table is about
// RootGuard's cost, not that.
async function once(browser, { id, name, bytes }) {
  const { wd, downloadDir } = browser;
  const previous = await wd.cmd("GET", "/window");
  const tab = await wd.cmd("POST", "/window/new", { type: "tab" });
  await wd.cmd("POST", "/window", { handle: tab.handle });
  await wd.cmd("POST", "/window", { handle: previous });
  await wd.cmd("DELETE", "/window");
  await wd.cmd("POST", "/window", { handle: tab.handle });
  await wd.navigate(LAB);
  await wd.waitFor("the lab", `return document.documentElement.hasAttribute("data-lab-ready")`);
  const button = await wd.find(`[data-lab="${id}"]`);
  const clickAt = performance.now();
  const complete = fileComplete(downloadDir, name, { bytes, pollMs: POLL_MS, timeoutMs: 240_000 });
  await wd.click(button);
  const { at } = await complete;
  rmSync(path.join(downloadDir, name));
  return at - clickAt;
}

export async function measureOrdinaryDownloads({ replica, runs, machine, log }) {
  const rows = [];
  for (const browserName of BROWSERS) {
    const [withRootGuard, without] = await Promise.all([
      launchBrowser(browserName, { proxyPort: replica.proxyPort }),
      launchBrowser(browserName, { proxyPort: replica.proxyPort, extension: null }),
    ]);
    machine.browsers[browserName] ??= `${without.wd.capabilities.browserName} ${without.wd.capabilities.browserVersion}`;
    try {
      for (const downloadCase of CASES) {
        const withMs = [];
        const withoutMs = [];
        // One warm-up each (the first download of a profile creates its files), then turns.
        await once(withRootGuard, downloadCase);
        await once(without, downloadCase);
        for (let i = 0; i < runs; i++) {
          withMs.push(await once(withRootGuard, downloadCase));
          withoutMs.push(await once(without, downloadCase));
        }
        const row = { browser: browserName, what: downloadCase.what, withMs: summarize(withMs), withoutMs: summarize(withoutMs) };
        row.ratio = row.withMs.median / row.withoutMs.median;
        row.goal = downloadCase.id === "large" ? GOAL_RATIO : null;
        rows.push(row);
        log(`downloads ${browserName} ${downloadCase.what}: ${row.withMs.median.toFixed(0)} ms with, ${row.withoutMs.median.toFixed(0)} ms without`);
      }
    } finally {
      await Promise.all([withRootGuard.close(), without.close()]);
    }
  }
  return { goal: { ratio: GOAL_RATIO }, rows };
}
