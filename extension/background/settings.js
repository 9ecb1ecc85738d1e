// The background's one reader of the owner's settings (storage.sync, set on
// the options page) and of what their organisation enforces (storage.managed,
// from a browser policy: docs/MANAGED-SETTINGS.md). Neither is trusted: the
// core reads both (src/settings.rs, src/settings/managed.rs: each missing or
// invalid field takes its default, each valid managed field wins), so every
// module here sees the same checked settings. Unreadable storage means the
// defaults (the passphrase prompt, every warning shown), never "no
// encryption".

import { api } from "../protocol.js";
import { keptUntilChanged } from "./kept.js";

/** The raw stored settings object, or undefined. */
export async function storedSettings() {
  const found = await api.storage.sync.get("settings").catch(() => ({}));
  return found?.settings;
}

/**
 * What the organisation's policy gives RootGuard: `{}` without one. Firefox
 * rejects the read when no policy names RootGuard ("Managed storage manifest
 * not found"), Chrome answers `{}`: both mean no policy.
 */
export async function managedSettings() {
  // Asked inside a promise: where the browser has no managed storage at all, that is no policy too.
  return Promise.resolve()
    .then(() => api.storage.managed.get())
    .catch(() => ({}));
}

/** The owner's settings under their organisation's policy, as `core` reads them. */
export async function ownerSettings(core) {
  const [stored, managed] = await Promise.all([storedSettings(), managedSettings()]);
  return core.readSettings(stored ?? null, managed);
}

/** What the policy sets and what of it was ignored (`core.enforcedSettings`). */
export async function enforcedSettings(core) {
  const [stored, managed] = await Promise.all([storedSettings(), managedSettings()]);
  return core.enforcedSettings(stored ?? null, managed);
}

// The page verdicts ask for the settings on every change of a console page
// the core has not seen: storage (the owner's and the organisation's) is
// read once and kept until it changes (background/kept.js). A content
// script that heard of a change asks with `fresh` (it and the background
// hear of it independently, in no set order), which reads storage again.
// Exports and the other paths read storage each time. The core's reading of
// what was read is kept with it (the core's answer for the same input).
const keptStorage = keptUntilChanged(settingsChanged, (unkeep) => {
  const stored = api.storage.sync.get("settings").then(
    (found) => found?.settings,
    () => {
      unkeep(); // unreadable now: the defaults this time, storage again next time
      return undefined;
    },
  );
  return Promise.all([stored, managedSettings()]);
});
let keptReading = null; // {from: the read it came from, settings}

/** ownerSettings for a page verdict: storage read once, then kept until it changes; `fresh` reads it again. */
export async function pageSettings(core, { fresh = false } = {}) {
  const read = keptStorage({ fresh });
  const [stored, managed] = await read;
  if (keptReading?.from !== read) keptReading = { from: read, settings: core.readSettings(stored ?? null, managed) };
  return keptReading.settings;
}

/** Call `listener()` when the owner or the organisation changes a setting. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (settingsChanged(changes, area)) listener();
  });
}

/** Whether a storage.onChanged event changed the owner's or the organisation's settings. */
function settingsChanged(changes, area) {
  return (area === "sync" && Boolean(changes.settings)) || area === "managed";
}
