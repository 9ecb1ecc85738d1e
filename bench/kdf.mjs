// Figure 3: Argon2id. RootGuard's Wasm KDF against hash-wasm (the fastest
// published browser Argon2) in the same page, and against the same Rust code
// built natively (examples/kdf_bench.rs, the `rootguard` CLI's release
// profile), at the envelope's default parameters and at OWASP's minimum. The
// three take turns, one derivation each, rotating who goes first, so drift on
// a shared machine falls on all alike; all must derive the same key.

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
export const GOAL_VS_HASH_WASM = 0.8;
export const GOAL_VS_NATIVE = 1.0;
const PASSPHRASE = "correct horse battery staple";
const SALT_HEX = "000102030405060708090a0b0c0d0e0f";
const IMPLEMENTATIONS = ["rootguard", "hash-wasm", "native"];

// The page compiles Wasm, so its CSP allows exactly that and nothing foreign.
const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** The loopback page and the two modules it imports, nothing else. */
function servePage(root) {
  const files = {
    "/": [path.join(root, "bench/kdf-page/index.html"), "text/html; charset=utf-8"],
    "/kdf.mjs": [path.join(root, "bench/kdf-page/kdf.mjs"), "text/javascript"],
    "/core/rootguard_crypto.js": [path.join(root, "dist/chrome/core/rootguard_crypto.js"), "text/javascript"],
    "/core/rootguard_crypto_bg.wasm": [path.join(root, "dist/chrome/core/rootguard_crypto_bg.wasm"), "application/wasm"],
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

/** One derivation by `name`: in the page, or by the native binary (timed inside it). */
async function derive(name, { wd, root, params }) {
  if (name === "native") {
    const args = [PASSPHRASE, SALT_HEX, params.m, params.t, params.p, 1].map(String);
    const { keyHex, millis } = JSON.parse(execFileSync(path.join(root, "target/release/examples/kdf_bench"), args, { encoding: "utf8" }));
    return { ms: millis[0], keyHex };
  }
  await wd.execute(`window.benchKdf(arguments[0], arguments[1])`, name, { passphrase: PASSPHRASE, saltHex: SALT_HEX, params });
  const json = await wd.waitFor(`${name}'s Argon2id`, `return document.documentElement.getAttribute("data-kdf-result")`, {
    timeout: 120_000,
    interval: 20,
  });
  const result = JSON.parse(json);
  if (result.error) throw new Error(`${name}: ${result.error}`);
  return result;
}

async function inBrowser(browserName, { root, proxyPort, pageUrl, runs, machine, log }) {
  const browser = await launchBrowser(browserName, { proxyPort, extension: null });
  try {
    const { wd } = browser;
    machine.browsers[browserName] = `${wd.capabilities.browserName} ${wd.capabilities.browserVersion}`;
    await wd.navigate(pageUrl);
    await wd.waitFor("the KDF page's modules", `return document.documentElement.hasAttribute("data-kdf-ready")`);
    const rows = [];
    for (const [name, params] of Object.entries(KDF_PARAMS)) {
      log(`kdf: ${browserName}, ${name} (m=${params.m} KiB, t=${params.t}): ${runs} rounds of ${IMPLEMENTATIONS.join(", ")}`);
      const keys = new Set();
      // Warm-up, not recorded: compilation, the first growth of Wasm memory.
      for (const implementation of IMPLEMENTATIONS) keys.add((await derive(implementation, { wd, root, params })).keyHex);
      const millis = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i, []]));
      for (let round = 0; round < runs; round++) {
        const shift = round % IMPLEMENTATIONS.length;
        for (const implementation of [...IMPLEMENTATIONS.slice(shift), ...IMPLEMENTATIONS.slice(0, shift)]) {
          const { ms, keyHex } = await derive(implementation, { wd, root, params });
          millis[implementation].push(ms);
          keys.add(keyHex);
        }
      }
      if (keys.size !== 1) throw new Error(`${browserName}, ${name}: the implementations derived different keys: ${[...keys].join(" ")}`);
      const rootguard = summarize(millis.rootguard);
      const hashWasm = summarize(millis["hash-wasm"]);
      const nativeMs = summarize(millis.native);
      const vsHashWasm = rootguard.median / hashWasm.median;
      const vsNative = rootguard.median / nativeMs.median;
      // Also per round (the three ran back to back): less sensitive to drift between rounds.
      const perRound = (reference) => summarize(millis.rootguard.map((ms, round) => ms / millis[reference][round]));
      rows.push({
        browser: browserName,
        params: name,
        ...params,
        keyHex: [...keys][0],
        rootguardMs: rootguard,
        hashWasmMs: hashWasm,
        nativeMs,
        vsHashWasm,
        vsNative,
        perRoundRatio: { vsHashWasm: perRound("hash-wasm"), vsNative: perRound("native") },
        met: vsHashWasm <= GOAL_VS_HASH_WASM && vsNative <= GOAL_VS_NATIVE,
      });
    }
    return rows;
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
    const rows = [];
    for (const browserName of ["chromium", "firefox"]) rows.push(...(await inBrowser(browserName, { root, proxyPort, pageUrl, runs, machine, log })));
    return { goal: { vsHashWasm: GOAL_VS_HASH_WASM, vsNative: GOAL_VS_NATIVE }, rows, met: rows.every((r) => r.met) };
  } finally {
    server.close();
  }
}
