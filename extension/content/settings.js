// RootGuard content script, settings: the owner's choices from the options
// page (storage.sync), read at start and followed live, so a change there
// redraws the console page without a reload. The core checks the thresholds
// again; these are only carried. The options page loads this file too, for
// the one copy of the defaults.
"use strict";

globalThis.RootGuard = globalThis.RootGuard ?? {};

RootGuard.settings = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const DEFAULTS = {
    rotateDays: 90,
    criticalDays: 365,
    unusedDays: 45,
    show: { "root-warning": true, "create-key-interstitial": true, "export-notice": true, "unrecognized-page": true, "key-badges": true },
    kdfStrength: "standard",
    // The leak guard (options-leak-guard.js, background/leak-guard.js): off
    // until the owner turns it on and the browser grants the permission.
    leakGuard: false,
    // Shown secret and clipboard (content/secret.js, content/clipboard.js); the core checks the times.
    revealSeconds: 60,
    clipboardClear: true,
    clipboardSeconds: 30,
    // How an export is sealed: "passphrase" (asked at download time) or
    // "recipients" (to the public keys listed here, no prompt).
    exportMode: "passphrase",
    recipients: [], // [{ name, recipient: "rgpub1…" }]
  };
  const merge = (stored) => ({ ...DEFAULTS, ...(stored ?? {}), show: { ...DEFAULTS.show, ...(stored?.show ?? {}) } });
  let current = DEFAULTS;
  const listeners = [];
  const ready = api.storage.sync.get("settings").then(
    (found) => {
      current = merge(found.settings);
    },
    () => {
      /* storage unavailable: the defaults hold */
    },
  );
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== "sync" || !changes.settings) return;
    current = merge(changes.settings.newValue);
    for (const listener of listeners) listener(current);
  });
  return {
    defaults: DEFAULTS,
    /** Stored settings over the defaults (missing fields take the default). */
    merge,
    ready,
    get current() {
      return current;
    },
    /** Whether the owner wants this kind of notice (or "key-badges") shown. */
    shows: (kind) => current.show[kind] !== false,
    /** The thresholds, as the core takes them. */
    thresholds: () => ({ rotateDays: current.rotateDays, criticalDays: current.criticalDays, unusedDays: current.unusedDays }),
    onChange: (listener) => listeners.push(listener),
  };
})();
