// `./build.sh bench`: RootGuard's performance figures, each beside its
// reference measured in the same run (these machines are shared and noisy:
// absolute times drift, ratios hold). Prints a table, writes
// target/bench/results.json. No test depends on any of it.
//
//   node bench/run.mjs [--quick] [--only size,cold,page,other,kdf,click,downloads]

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { startReplica } from "../tests/fixtures/console/server.mjs";
import { ROOT } from "../tests/e2e/lib/browsers.mjs";
import { measureClickToFile } from "./click-to-file.mjs";
import { measureColdStart } from "./cold-start.mjs";
import { measureKdf } from "./kdf.mjs";
import { measureOrdinaryDownloads } from "./ordinary-downloads.mjs";
import { measureOtherPage } from "./other-page.mjs";
import { measurePage } from "./page.mjs";
import { measureSize } from "./size.mjs";

const FIGURES = ["size", "cold", "page", "other", "kdf", "click", "downloads"];
// Repetitions: the full set keeps `./build.sh bench` well inside 15 minutes
// on a 2-core machine (build included); --quick is for iterating.
const REPETITIONS = {
  full: { coldPairs: 10, pagePairs: 8, otherPairs: 6, kdfRuns: 4, clickRuns: 4, downloadRuns: 5 },
  quick: { coldPairs: 3, pagePairs: 3, otherPairs: 2, kdfRuns: 2, clickRuns: 2, downloadRuns: 2 },
};

function parseArgs(argv) {
  const options = { quick: false, only: FIGURES };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") options.quick = true;
    else if (argv[i] === "--only") {
      options.only = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = options.only.filter((f) => !FIGURES.includes(f));
      if (unknown.length || !options.only.length) throw new Error(`--only takes a comma-separated list of ${FIGURES.join(", ")}`);
    } else throw new Error(`unknown argument ${argv[i]} (use --quick, --only ${FIGURES.join(",")})`);
  }
  return options;
}

function machineInfo() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const distro = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1];
  const version = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  };
  return {
    date: new Date().toISOString(),
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${distro ?? os.type()} (kernel ${os.release()})`,
    node: process.version,
    rustc: version("rustc", ["--version"]),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    browsers: {},
  };
}

// ---- the table ---------------------------------------------------------------

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
const spread = (s) => `${ms(s.median)} (IQR ${s.p25.toFixed(0)}–${s.p75.toFixed(0)}, n=${s.n})`;
const ratio = (r) => `${r.toFixed(2)}×`;
const met = (ok) => (ok ? "met" : "MISSED");

function tableRows(results) {
  const rows = [];
  if (results.size) {
    const { goal, reference } = results.size;
    for (const build of results.size.builds) {
      for (const w of build.wasm) {
        rows.push([`Wasm size, ${w.file}${w.page ? " (page module)" : ""}`, "—", `${kib(w.rawBytes)} raw, ${kib(w.gzipBytes)} gzip -9`,
          // The reference is a crypto-only module: a scale for the crypto module, not the page module.
          w.page ? "—" : `minimal argon2+aes-gcm module ≈ ${kib(reference.rawBytes)} (issue's figure)`, w.page ? "—" : ratio(w.rawBytes / reference.rawBytes),
          w.page ? `≤ ${kib(goal.pageModuleRawBytes)} raw` : "—", w.page ? met(build.pageModule.met) : "(reported)"]);
      }
      const all = build.allWasm;
      rows.push([`All Wasm shipped, dist/${build.build} (${all.modules} modules)`, "—", `${kib(all.rawBytes)} raw, ${kib(all.gzipBytes)} gzip -9`, "—", "—",
        `≤ ${kib(goal.allWasmRawBytes)} raw`, met(all.met)]);
      rows.push([`JS shipped, dist/${build.build} (${build.js.files} files)`, "—", `${kib(build.js.rawBytes)} raw, ${kib(build.js.gzipBytes)} gzip -9`, "—", "—", "—", "(reported)"]);
    }
  }
  if (results.cold) {
    const { goal } = results.cold;
    for (const r of results.cold.rows) {
      rows.push(["Cold start: navigation → first verdict (root credentials page, background stopped)", r.browser, spread(r.coldMs), `warm background ${spread(r.warmMs)}`, ratio(r.vsWarm),
        `≤ ${ms(goal.coldMs)}, ≤ ${ratio(goal.vsWarm)} warm`, met(r.met)]);
      rows.push(["Same navigations, DOMContentLoaded → first verdict (RootGuard's own part)", r.browser, spread(r.afterDomContentLoaded.coldMs), `warm background ${spread(r.afterDomContentLoaded.warmMs)}`,
        ratio(r.afterDomContentLoaded.coldMs.median / r.afterDomContentLoaded.warmMs.median), "—", "(reported)"]);
      rows.push(["Browser start → first verdict (a profile RootGuard ran in before, console tab opened at launch)", r.browser, spread(r.browserStartMs), `warm background ${spread(r.warmMs)}`,
        ratio(r.browserStartMs.median / r.warmMs.median), "—", "(reported)"]);
    }
  }
  if (results.page) {
    for (const r of results.page.rows) {
      rows.push([`Page workload (credentials page, 12 SPA moves, ${r.mutationsPerSession} mutations)`, r.browser, spread(r.withMs), `without RootGuard ${spread(r.withoutMs)}`,
        ratio(r.ratio), `≤ ${ratio(results.page.goal.ratio)}`, met(r.ratioMet)]);
      rows.push(["Same sessions, CPU time of all browser processes", r.browser, spread(r.cpu.withMs), `without RootGuard ${spread(r.cpu.withoutMs)}`, ratio(r.cpu.ratio), `≤ ${ratio(results.page.goal.ratio)}`, met(r.cpu.met)]);
      rows.push(["Key table → first badge, page load", r.browser, spread(r.badgeMs.pageLoad), "one frame", "—", `≤ ${results.page.goal.badgeMs} ms`, met(r.badgeMs.pageLoad.median <= results.page.goal.badgeMs)]);
      rows.push(["Key table → first badge, SPA revisit", r.browser, spread(r.badgeMs.spaRevisit), "one frame", "—", `≤ ${results.page.goal.badgeMs} ms`, met(r.badgeMs.spaRevisit.median <= results.page.goal.badgeMs)]);
      rows.push(["Key tables badged", r.browser, `${r.badgeMs.tables - r.badgeMs.missed} of ${r.badgeMs.tables} (${r.badgeMs.missed} missed)`, "—", "—", "every one (0 missed)", met(r.badgeMs.missed === 0)]);
    }
  }
  if (results.other) {
    for (const r of results.other.rows) {
      rows.push(["A page RootGuard does not watch (EC2, root: the reminder), 20 SPA moves with DOM churn", r.browser, spread(r.wall.with), `without RootGuard ${spread(r.wall.without)}`,
        ratio(r.wallRatio), `≤ ${ratio(results.other.goal.ratio)}`, met(r.wallRatio <= results.other.goal.ratio)]);
      rows.push(["Same sessions, CPU time of all browser processes", r.browser, spread(r.cpu.with), `without RootGuard ${spread(r.cpu.without)}`, ratio(r.cpuRatio), `≤ ${ratio(results.other.goal.ratio)}`, met(r.cpuRatio <= results.other.goal.ratio)]);
    }
  }
  if (results.kdf) {
    const { goal } = results.kdf;
    for (const r of results.kdf.rows) {
      const what = `Argon2id ${r.params} (m=${r.m} KiB, t=${r.t}, p=${r.p})`;
      rows.push([what, r.browser, spread(r.rootguardMs), `hash-wasm ${spread(r.hashWasmMs)}`, ratio(r.vsHashWasm), `≤ ${ratio(goal.vsHashWasm)}`, met(r.vsHashWasm <= goal.vsHashWasm)]);
      rows.push([what, r.browser, spread(r.rootguardMs), `native ${spread(r.nativeMs)}`, ratio(r.vsNative), `≤ ${ratio(goal.vsNative)}`, met(r.vsNative <= goal.vsNative)]);
    }
  }
  if (results.click) {
    for (const r of results.click.rows) {
      rows.push([`Click to file, default KDF (prompt ${ms(r.promptMs.median)} + seal and save ${ms(r.sealAndSaveMs.median)}; first run ${ms(r.firstRunMs)})`, r.browser, spread(r.totalMs),
        `plaintext download without RootGuard ${spread(r.plaintextWithoutRootGuardMs)}`, ratio(r.ratio), `≤ ${ms(results.click.goal.ms)}`, met(r.met)]);
    }
  }
  if (results.downloads) {
    for (const r of results.downloads.rows) {
      rows.push([`Ordinary download, click to file: ${r.what}`, r.browser, spread(r.withMs), `without RootGuard ${spread(r.withoutMs)}`, ratio(r.ratio),
        r.goal === null ? "—" : `≤ ${ratio(r.goal)}`, r.goal === null ? "(reported)" : met(r.ratio <= r.goal)]);
    }
  }
  return rows;
}

function markdownTable(rows) {
  const head = ["figure", "browser", "RootGuard: median (IQR, n)", "reference, same run", "ratio", "goal", ""];
  return [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

// ---- main ------------------------------------------------------------------------

const options = parseArgs(process.argv.slice(2));
const reps = options.quick ? REPETITIONS.quick : REPETITIONS.full;
const machine = machineInfo();
const started = performance.now();
const log = (line) => console.error(`bench: ${line}`);
const results = {};

const needsBrowsers = options.only.some((f) => f !== "size");
const replica = needsBrowsers ? await startReplica() : null;
try {
  for (const figure of FIGURES.filter((f) => options.only.includes(f))) {
    const figureStart = performance.now();
    if (figure === "size") results.size = measureSize(ROOT);
    if (figure === "cold") results.cold = await measureColdStart({ replica, pairs: reps.coldPairs, machine, log });
    if (figure === "page") results.page = await measurePage({ replica, pairs: reps.pagePairs, machine, log });
    if (figure === "other") results.other = await measureOtherPage({ replica, pairs: reps.otherPairs, log });
    if (figure === "kdf") results.kdf = await measureKdf({ root: ROOT, proxyPort: replica.proxyPort, runs: reps.kdfRuns, machine, log });
    if (figure === "click") results.click = await measureClickToFile({ replica, runs: reps.clickRuns, machine, log });
    if (figure === "downloads") results.downloads = await measureOrdinaryDownloads({ replica, runs: reps.downloadRuns, machine, log });
    log(`${figure}: ${((performance.now() - figureStart) / 1000).toFixed(0)} s`);
  }
} finally {
  await replica?.close();
}

const wallSeconds = Math.round((performance.now() - started) / 1000);
const table = markdownTable(tableRows(results));
const outDir = path.join(ROOT, "target", "bench");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify({ machine, options: { ...options, repetitions: reps }, wallSeconds, table, results }, null, 2)}\n`);

console.log(`\nRootGuard benchmarks, ${machine.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.os}`);
console.log(`browsers: ${Object.values(machine.browsers).join(", ") || "(none)"}; repetitions: ${JSON.stringify(reps)}\n`);
console.log(table);
console.log(`\n${wallSeconds} s (benchmarks only); written to target/bench/results.json`);
