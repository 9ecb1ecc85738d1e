// RootGuard's one reader of the owner's settings (storage.sync, set on the
// options page) and of what their organisation enforces (storage.managed,
// from a browser policy: docs/MANAGED-SETTINGS.md), for the background and
// the options pages. Neither is trusted: the core reads both
// (src/settings.rs, src/settings/managed.rs: each missing or invalid field
// takes its default, each valid managed field wins), so every module here
// sees the same checked settings. In the background, unreadable storage
// means the defaults (the passphrase prompt, every warning shown), never
// "no encryption"; the options pages, which write back what they read,
// stop instead (readStoredSettings).

import { api, changesSettings, StorageKey } from "../protocol.js";
import { keptUntilChanged } from "./kept.js";
import { livePolicy, pagePolicy } from "./policy.js";

/**
 * The raw stored settings object, or undefined when none is stored; a read
 * that fails throws. For the options pages, which save what they read back
 * (with a field changed) and so must not take "unreadable" for "nothing
 * stored": that would save the defaults over the owner's settings.
 */
export async function readStoredSettings() {
  const found = await api.storage.sync.get(StorageKey.settings);
  return found?.[StorageKey.settings];
}

/** The raw stored settings object, or undefined: also when storage cannot be read (the defaults, then). */
export const storedSettings = () => readStoredSettings().catch(() => undefined);

/**
 * What the organisation's policy gives RootGuard, as the browser answers
 * now: `{}` without one (background/policy.js).
 */
export function managedSettings() {
  return livePolicy();
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
// The policy may be its copy as last read, while the browser has not
// answered yet (background/policy.js): the answer, if it differs, changes
// the copy, and that change drops what was kept.
const keptStorage = keptUntilChanged(changesSettings, (unkeep) => {
  const stored = readStoredSettings().catch(() => {
    unkeep(); // unreadable now: the defaults this time, storage again next time
    return undefined;
  });
  return Promise.all([stored, pagePolicy()]);
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
    if (changesSettings(changes, area)) listener();
  });
}
