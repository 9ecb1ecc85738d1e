// RootGuard background: loads the Rust core (Wasm) where the extension's own
// CSP applies, and answers the content scripts' and extension pages'
// questions with its decisions. Chrome runs this as a module service worker,
// Firefox as a module event page. No decisions are made here: every one is
// the core's; this file only routes messages and calls browser APIs.

import init, * as wasm from "./core/rootguard.js";
import { exportHandlers } from "./background/exports.js";
import { installLeakGuard } from "./background/leak-guard.js";
import { hygieneHandlers } from "./background/hygiene.js";
import { installSafetyNet } from "./background/safety-net.js";

const api = globalThis.browser ?? globalThis.chrome;

// Service workers forbid top-level await, so the core loads behind a promise
// and every message waits for it. The listener must be registered
// synchronously, or a worker woken by a message would miss it.
const core = init({ module_or_path: api.runtime.getURL("core/rootguard_bg.wasm") }).then(() => wasm);
core.catch((error) => console.error("RootGuard: the Rust core did not load", error));

const EXTENSION_PAGE = api.runtime.getURL("pages/");

// Who may ask what: content scripts and RootGuard's own pages. A console
// page's scripts cannot send runtime messages at all. Messages that hold or
// save a file are taken only from a content script in a console page, by the
// origin the browser reports for the sender (the core's rule): not from the
// leak guard's content script on other sites, nor from another site's
// renderer, compromised or not.
const fromContentScript = (sender) => sender.id === api.runtime.id && sender.tab !== undefined && !String(sender.url).startsWith(EXTENSION_PAGE);
const fromConsolePage = (sender, c) => fromContentScript(sender) && c.isConsoleSender(sender.origin, String(sender.url ?? ""), sender.tab?.url);
const fromExtensionPage = (sender) => sender.id === api.runtime.id && String(sender.url).startsWith(EXTENSION_PAGE);

const handlers = {
  "assess-page": {
    allowed: fromContentScript,
    run: (c, message) => {
      // The owner's thresholds (options page), when all three are numbers; the core checks them.
      const t = message.thresholds ?? {};
      const days = [t.rotateDays, t.criticalDays, t.unusedDays];
      return days.every((d) => typeof d === "number") ? c.assessPage(message.observation, ...days) : c.assessPage(message.observation);
    },
  },
  "rate-passphrase": { allowed: fromExtensionPage, run: (c, message) => c.ratePassphrase(String(message.passphrase ?? "")) },
  // "Copy page report", in the popup and on the unrecognized-page notice (the
  // console page's content script): what of the page may leave is the core's to say.
  "page-report": {
    allowed: (sender, c) => fromExtensionPage(sender) || fromConsolePage(sender, c),
    run: (c, message) => c.pageReport(message.observation, message.page),
  },
  ...exportHandlers(api, { fromConsolePage, fromExtensionPage }),
  ...installLeakGuard(api, { fromContentScript }),
  ...hygieneHandlers(api, { fromContentScript }),
};

installSafetyNet(api, core);

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler) return false;
  core
    .then((c) => {
      // `allowed(sender, core)`: some rules are the core's.
      if (!handler.allowed(sender, c)) throw new Error(`RootGuard does not take "${message.type}" from this sender`);
      return handler.run(c, message, sender);
    })
    .then(
      (result) => sendResponse({ ok: true, result }),
      (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
    );
  return true; // the answer comes asynchronously
});
