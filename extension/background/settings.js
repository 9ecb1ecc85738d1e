// The background's one reader of the owner's settings (storage.sync, set on
// the options page). What is stored is not trusted: the core reads it
// (src/settings.rs: each missing or invalid field takes its default), so
// every module here sees the same checked settings. Unreadable storage means
// the defaults (the passphrase prompt, every warning shown), never "no
// encryption".

import { api } from "../protocol.js";

/** The raw stored settings object, or undefined. */
export async function storedSettings() {
  const found = await api.storage.sync.get("settings").catch(() => ({}));
  return found?.settings;
}

/** The owner's settings as `core` reads them (defaults for anything missing or invalid). */
export async function ownerSettings(core) {
  return core.readSettings((await storedSettings()) ?? null);
}

// The page verdicts ask for the settings on every change of a console page
// the core has not seen: storage is read once and kept until it changes
// (and kept only while the background runs). A content script that heard of
// a change asks with `fresh` (it and the background hear of it
// independently, in no set order), which reads storage again. Exports and
// the other paths read storage each time, as before.
let kept = null;
api.storage.onChanged.addListener((changes, area) => {
  if (area === "sync" && changes.settings) kept = null;
});

/** ownerSettings for a page verdict: storage read once, then kept until it changes; `fresh` reads it again. */
export async function pageSettings(core, { fresh = false } = {}) {
  if (fresh || !kept) {
    const read = api.storage.sync.get("settings").then(
      (found) => found?.settings,
      () => {
        if (kept === read) kept = null; // unreadable now: the defaults this time, storage again next time
        return undefined;
      },
    );
    kept = read;
  }
  return core.readSettings((await kept) ?? null);
}

/** Call `listener()` when the owner changes a setting. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "sync" && changes.settings) listener();
  });
}
