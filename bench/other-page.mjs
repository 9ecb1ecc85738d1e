// Figure: what RootGuard costs a console page it does not watch (issue 19:
// the root reminder must cost a route and session check per navigation and
// nothing more). The replica's EC2 page, signed in as root (so RootGuard
// draws its reminder), runs a fixed session: 20 SPA moves (the fragment
// changes, as the EC2 console's do) each with a frame of DOM churn (200
// rows replaced). One browser with RootGuard and one without, both open,
// taking turns (AB BA AB …); wall time in the page, CPU time of every
// browser process.

import { launchBrowser } from "../tests/e2e/lib/browsers.mjs";
import { cpuByProcess, cpuSpent } from "./cpu.mjs";
import { summarize } from "./stats.mjs";
import { inTurns } from "./turns.mjs";

export const GOAL_RATIO = 1.05;
const URL = "https://us-east-1.console.aws.amazon.com/ec2/home";
const MOVES = 20;

// The session, in the page: from the navigation's start to the end of the
// last move's frame. Each move changes the fragment and replaces 200 rows.
const WORKLOAD = `
  const moves = arguments[0];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const list = document.createElement("div");
  document.querySelector("main").append(list);
  for (let i = 0; i < moves; i++) {
    location.hash = "#Instances:page=" + i;
    list.replaceChildren(...Array.from({ length: 200 }, (_, j) => Object.assign(document.createElement("p"), { textContent: "i-0" + i + "f" + j })));
    await frame();
  }
  return performance.now();`;

async function session(browser, withRootGuard, serial) {
  const { wd } = browser;
  const cpuBefore = cpuByProcess(wd.child.pid);
  await wd.navigate(`${URL}?bench=${serial}`);
  await wd.waitFor("the EC2 page", `return document.readyState === "complete" && document.querySelector("main h1")`);
  const totalMs = await wd.execute(`return (async () => { ${WORKLOAD} })()`, MOVES);
  // With RootGuard, its decision for the page was drawn: the root reminder.
  if (withRootGuard) await wd.waitFor("RootGuard's reminder", `return document.querySelector('[data-rootguard="root-session"]')`, { timeout: 10_000 });
  return { totalMs, cpuMs: cpuSpent(cpuBefore, cpuByProcess(wd.child.pid)) };
}

async function inBrowser(browserName, { replica, pairs, log }) {
  const withRootGuard = await launchBrowser(browserName, { proxyPort: replica.proxyPort });
  const without = await launchBrowser(browserName, { proxyPort: replica.proxyPort, extension: null });
  try {
    const { a, b } = await inTurns(
      pairs,
      (serial) => session(withRootGuard, true, serial),
      (serial) => session(without, false, serial),
      (w, wo, pair) => log(`other page: ${browserName}, pair ${pair + 1}/${pairs}: with ${w.totalMs.toFixed(0)} ms, without ${wo.totalMs.toFixed(0)} ms`),
    );
    const runs = { with: a, without: b };
    const wall = { with: summarize(runs.with.map((r) => r.totalMs)), without: summarize(runs.without.map((r) => r.totalMs)) };
    const cpu = { with: summarize(runs.with.map((r) => r.cpuMs)), without: summarize(runs.without.map((r) => r.cpuMs)) };
    const wallRatio = wall.with.median / wall.without.median;
    const cpuRatio = cpu.with.median / cpu.without.median;
    return { browser: browserName, wall, cpu, wallRatio, cpuRatio, met: wallRatio <= GOAL_RATIO && cpuRatio <= GOAL_RATIO, samples: runs };
  } finally {
    await withRootGuard.close();
    await without.close();
  }
}

export async function measureOtherPage({ replica, pairs, log }) {
  replica.resetScenario({ session: "root" });
  try {
    const rows = [];
    for (const browserName of ["chromium", "firefox"]) rows.push(await inBrowser(browserName, { replica, pairs, log }));
    return { goal: { ratio: GOAL_RATIO }, rows, met: rows.every((r) => r.met) };
  } finally {
    replica.resetScenario();
  }
}
