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

/** Call `listener()` when the owner changes a setting. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "sync" && changes.settings) listener();
  });
}
