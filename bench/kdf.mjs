// Figure 3: Argon2id. RootGuard's Wasm KDF against hash-wasm (the fastest
// published browser Argon2) in the same page and run, in each browser, and
// against the same Rust code built natively (examples/kdf_bench.rs, the
// `rootguard` CLI's release profile), at the envelope's default parameters and
// at OWASP's minimum. All three must derive the same key.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

import { launchBrowser } from "../tests/e2e/lib/browsers.mjs";
import { summarize } from "./stats.mjs";

export const KDF_PARAMS = {
  default: { m: 65536, t: 3, p: 1 }, // KdfParams::DEFAULT
  "owasp-min": { m: 19456, t: 2, p: 1 }, // KdfParams::FLOOR
};
export const GOAL_VS_HASH_WASM = 0.9;
export const GOAL_VS_NATIVE = 1.4;
const PASSPHRASE = "correct horse battery staple";
const SALT_HEX = "000102030405060708090a0b0c0d0e0f";

// The page compiles Wasm, so its CSP allows exactly that and nothing foreign.
const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** The loopback page and the two modules it imports, nothing else. */
function servePage(root) {
  const files = {
    "/": [path.join(root, "bench/kdf-page/index.html"), "text/html; charset=utf-8"],
    "/kdf.mjs": [path.join(root, "bench/kdf-page/kdf.mjs"), "text/javascript"],
    "/core/rootguard.js": [path.join(root, "dist/chrome/core/rootguard.js"), "text/javascript"],
    "/core/rootguard_bg.wasm": [path.join(root, "dist/chrome/core/rootguard_bg.wasm"), "application/wasm"],
    "/hash-wasm/index.esm.js": [path.join(root, "node_modules/hash-wasm/dist/index.esm.js"), "text/javascript"],
  };
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url, "http://x").pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file[1], "content-security-policy": PAGE_CSP, "cache-control": "no-store" });
    res.end(readFileSync(file[0]));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Native timings, one warm-up run dropped as in the page. */
function native(root, params, runs) {
  const binary = path.join(root, "target/release/examples/kdf_bench");
  const args = [PASSPHRASE, SALT_HEX, params.m, params.t, params.p, runs + 1].map(String);
  const { keyHex, millis } = JSON.parse(execFileSync(binary, args, { encoding: "utf8" }));
  return { keyHex, millis: millis.slice(1) };
}

async function inBrowser(browserName, { proxyPort, pageUrl, runs, machine, log }) {
  const browser = await launchBrowser(browserName, { proxyPort, extension: null });
  try {
    const { wd } = browser;
    machine.browsers[browserName] = `${wd.capabilities.browserName} ${wd.capabilities.browserVersion}`;
    await wd.navigate(pageUrl);
    await wd.waitFor("the KDF page's modules", `return document.documentElement.hasAttribute("data-kdf-ready")`);
    const results = {};
    for (const [name, params] of Object.entries(KDF_PARAMS)) {
      log(`kdf: ${browserName}, ${name} (m=${params.m} KiB, t=${params.t}), ${runs} alternating pairs`);
      await wd.execute(`window.benchKdf(arguments[0])`, { passphrase: PASSPHRASE, saltHex: SALT_HEX, params, runs });
      const json = await wd.waitFor("the KDF timings", `return document.documentElement.getAttribute("data-kdf-result")`, {
        timeout: 600_000,
        interval: 200,
      });
      const result = JSON.parse(json);
      if (result.error) throw new Error(`${browserName}: ${result.error}`);
      results[name] = result;
    }
    return results;
  } finally {
    await browser.close();
  }
}

export async function measureKdf({ root, proxyPort, runs, machine, log }) {
  log("kdf: building the native reference (cargo build --release --example kdf_bench)");
  execFileSync("cargo", ["build", "--quiet", "--release", "--example", "kdf_bench"], { cwd: root, stdio: "inherit" });
  const server = await servePage(root);
  const pageUrl = `http://127.0.0.1:${server.address().port}/`;
  try {
    const nativeRuns = {};
    for (const [name, params] of Object.entries(KDF_PARAMS)) {
      log(`kdf: native, ${name}, ${runs} runs`);
      nativeRuns[name] = native(root, params, runs);
    }
    const rows = [];
    for (const browserName of ["chromium", "firefox"]) {
      const results = await inBrowser(browserName, { proxyPort, pageUrl, runs, machine, log });
      for (const [name, params] of Object.entries(KDF_PARAMS)) {
        const { keyHex, millis } = results[name];
        if (keyHex !== nativeRuns[name].keyHex) throw new Error(`${browserName} derived another key than native at ${name}`);
        const rootguard = summarize(millis.rootguard);
        const hashWasm = summarize(millis["hash-wasm"]);
        const nativeMs = summarize(nativeRuns[name].millis);
        const vsHashWasm = rootguard.median / hashWasm.median;
        const vsNative = rootguard.median / nativeMs.median;
        rows.push({
          browser: browserName,
          params: name,
          ...params,
          keyHex,
          rootguardMs: rootguard,
          hashWasmMs: hashWasm,
          nativeMs,
          vsHashWasm,
          vsNative,
          met: vsHashWasm <= GOAL_VS_HASH_WASM && vsNative <= GOAL_VS_NATIVE,
        });
      }
    }
    return { goal: { vsHashWasm: GOAL_VS_HASH_WASM, vsNative: GOAL_VS_NATIVE }, rows, met: rows.every((r) => r.met) };
  } finally {
    server.close();
  }
}
