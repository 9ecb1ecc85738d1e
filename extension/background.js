// RootGuard background: loads the Rust core (Wasm) where the extension's own
// CSP applies, and answers the content scripts' questions with its decisions.
// Chrome runs this as a module service worker, Firefox as a module event page.
// No logic here: every decision is the core's.

import init, { assessPage, classifyDownload } from "./core/rootguard.js";

const api = globalThis.browser ?? globalThis.chrome;

// Service workers forbid top-level await, so the core loads behind a promise
// and every message waits for it. The listener must be registered
// synchronously, or a worker woken by a message would miss it.
const core = init({ module_or_path: api.runtime.getURL("core/rootguard_bg.wasm") }).then(() => ({
  assessPage,
  classifyDownload,
}));
core.catch((error) => console.error("RootGuard: the Rust core did not load", error));

const handlers = {
  "assess-page": (c, message) => c.assessPage(message.observation),
  "classify-download": (c, message) =>
    c.classifyDownload(String(message.fileName ?? ""), Uint8Array.from(message.bytes ?? [])),
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler || sender.id !== api.runtime.id) return false;
  core
    .then((c) => handler(c, message))
    .then(
      (result) => sendResponse({ ok: true, result }),
      (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
    );
  return true; // the answer comes asynchronously
});
