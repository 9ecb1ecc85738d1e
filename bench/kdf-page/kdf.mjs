// Runs in the benchmark's loopback page (bench/kdf.mjs serves it and takes
// turns between it and the native build): one Argon2id derivation at a time,
// by RootGuard's Wasm KDF (the built core's measureKdf, exactly the envelope's
// Argon2id) or by hash-wasm's argon2id, timed here, returning the key so the
// driver can check that every implementation did the same work.
import initCore, { measureKdf } from "/core/rootguard_crypto.js";
import { argon2id } from "/hash-wasm/index.esm.js";

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g), (byte) => parseInt(byte, 16));

const implementations = {
  rootguard: async (passphrase, salt, { m, t, p }) => measureKdf(new TextEncoder().encode(passphrase), salt, m, t, p),
  "hash-wasm": (passphrase, salt, { m, t, p }) =>
    argon2id({ password: passphrase, salt, memorySize: m, iterations: t, parallelism: p, hashLength: 32, outputType: "hex" }),
};

async function derive(name, { passphrase, saltHex, params }) {
  const salt = hexToBytes(saltHex);
  const start = performance.now();
  const keyHex = await implementations[name](passphrase, salt, params);
  return { ms: performance.now() - start, keyHex };
}

await initCore({ module_or_path: "/core/rootguard_crypto_bg.wasm" });
const html = document.documentElement;
window.benchKdf = (name, job) => {
  html.removeAttribute("data-kdf-result");
  derive(name, job).then(
    (result) => html.setAttribute("data-kdf-result", JSON.stringify(result)),
    (error) => html.setAttribute("data-kdf-result", JSON.stringify({ error: String(error) })),
  );
};
html.setAttribute("data-kdf-ready", "");
