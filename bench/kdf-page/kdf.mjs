// Runs in the benchmark's loopback page (bench/kdf.mjs serves it): RootGuard's
// Wasm KDF (the built core's measureKdf, exactly the envelope's Argon2id) and
// hash-wasm's argon2id on the same passphrase, salt and parameters, taking
// turns so that drift on a shared machine falls on both alike. Each pair's
// outputs must be the same key: proof that both did the same work.
import initCore, { measureKdf } from "/core/rootguard.js";
import { argon2id } from "/hash-wasm/index.esm.js";

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g), (byte) => parseInt(byte, 16));

const implementations = {
  rootguard: async (passphrase, salt, { m, t, p }) => measureKdf(new TextEncoder().encode(passphrase), salt, m, t, p),
  "hash-wasm": (passphrase, salt, { m, t, p }) =>
    argon2id({ password: passphrase, salt, memorySize: m, iterations: t, parallelism: p, hashLength: 32, outputType: "hex" }),
};

async function timed(name, passphrase, salt, params) {
  const start = performance.now();
  const keyHex = await implementations[name](passphrase, salt, params);
  return { ms: performance.now() - start, keyHex };
}

/** One warm-up each (compilation, the first memory growth), then `runs` timed pairs. */
async function compare({ passphrase, saltHex, params, runs }) {
  const salt = hexToBytes(saltHex);
  const names = Object.keys(implementations);
  const millis = Object.fromEntries(names.map((name) => [name, []]));
  const keys = new Set();
  for (const name of names) keys.add((await timed(name, passphrase, salt, params)).keyHex);
  for (let run = 0; run < runs; run++) {
    // Alternate who goes first: neither always runs on a just-warmed cache.
    const order = run % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const { ms, keyHex } = await timed(name, passphrase, salt, params);
      millis[name].push(ms);
      keys.add(keyHex);
    }
  }
  if (keys.size !== 1) throw new Error(`the implementations disagree: ${[...keys].join(" ")}`);
  return { keyHex: [...keys][0], millis };
}

await initCore({ module_or_path: "/core/rootguard_bg.wasm" });
const html = document.documentElement;
window.benchKdf = (job) => {
  html.removeAttribute("data-kdf-result");
  compare(job).then(
    (result) => html.setAttribute("data-kdf-result", JSON.stringify(result)),
    (error) => html.setAttribute("data-kdf-result", JSON.stringify({ error: String(error) })),
  );
};
html.setAttribute("data-kdf-ready", "");
