// RootGuard background: loads the Rust core (Wasm) where the extension's own
// CSP applies, and answers the content scripts' and extension pages'
// questions with its decisions. Chrome runs this as a module service worker,
// Firefox as a module event page. No decisions are made here: every one is
// the core's; this file only routes messages (protocol.js) and calls
// browser APIs.

import init, * as wasm from "./core/rootguard_page.js";
import { warmCryptoCore } from "./background/crypto.js";
import { exportHandlers } from "./background/exports.js";
import { hygieneHandlers } from "./background/hygiene.js";
import { installLeakGuard } from "./background/leak-guard.js";
import { installSafetyNet } from "./background/safety-net.js";
import { dismissForSession, sessionDismissals } from "./background/dismissals.js";
import { enforcedSettings, pageSettings } from "./background/settings.js";
import { pageTexts } from "./background/texts.js";
import { answerMessages, answerPorts, api, fromConsolePage, fromContentScript, fromExtensionPage, PortName, ToBackground } from "./protocol.js";

// Service workers forbid top-level await, so the core loads behind a promise
// and every message waits for it. The listener must be registered
// synchronously, or a worker woken by a message would miss it. This is the
// page module (every decision about a console page); the encryption is a
// second module that background/crypto.js loads when an export needs it.
const core = init({ module_or_path: api.runtime.getURL("core/rootguard_page_bg.wasm") }).then(() => wasm);
core.catch((error) => console.error("RootGuard: the Rust core did not load", error));

const handlers = {
  // The core's verdict under the owner's settings (the core reads them again: a stored value is not trusted).
  [ToBackground.assessPage]: {
    allowed: fromContentScript,
    // The session's dismissals go along: the renderer leaves those notices out.
    async run(c, message) {
      const [settings, dismissed] = await Promise.all([pageSettings(c, { fresh: message.freshSettings === true }), sessionDismissals()]);
      const verdict = c.assessPage(message.observation, settings);
      // A create-key wizard (the core's word): an export may follow, so the encryption loads now.
      if (verdict.watchSecret) warmCryptoCore();
      return { ...verdict, dismissed };
    },
  },
  [ToBackground.dismissNotice]: { allowed: fromContentScript, run: (c, message) => dismissForSession(message.kind) },
  [ToBackground.contentRules]: { allowed: fromContentScript, run: (c) => c.contentRules() },
  [ToBackground.pageTexts]: { allowed: fromContentScript, run: (c, message) => pageTexts(c, message.locale) },
  [ToBackground.ratePassphrase]: { allowed: fromExtensionPage, run: (c, message) => c.ratePassphrase(String(message.passphrase ?? "")) },
  // "Copy page report", in the popup and on the unrecognized-page notice (the
  // console page's content script): what of the page may leave is the core's to say.
  [ToBackground.pageReport]: {
    allowed: (sender, c) => fromExtensionPage(sender) || fromConsolePage(sender, c),
    run: (c, message) => c.pageReport(message.observation, message.page),
  },
  // The popup says what of the organisation's policy was ignored (src/settings/managed.rs).
  [ToBackground.enforcedSettings]: {
    allowed: fromExtensionPage,
    run: async (c) => {
      const { locked, minimumKdfStrength, diagnostics } = await enforcedSettings(c);
      return { locked, minimumKdfStrength, diagnostics };
    },
  },
  ...exportHandlers(),
  ...installLeakGuard(core),
  ...hygieneHandlers(),
};

installSafetyNet(core);
answerMessages(handlers, core);
// The sensor's observations come on a port of their own, answered by the same handlers.
answerPorts([PortName.sensor], handlers, core);
