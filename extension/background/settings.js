// The background's one reader of the owner's settings (storage.sync, set on
// the options page) and of what their organisation enforces (storage.managed,
// from a browser policy: docs/MANAGED-SETTINGS.md). Neither is trusted: the
// core reads both (src/settings.rs, src/settings/managed.rs: each missing or
// invalid field takes its default, each valid managed field wins), so every
// module here sees the same checked settings. Unreadable storage means the
// defaults (the passphrase prompt, every warning shown), never "no
// encryption".

import { api, StorageKey } from "../protocol.js";
import { keptUntilChanged } from "./kept.js";
import { readPolicy } from "./policy.js";

// How long the browser's answer for the policy is waited for, the first
// time (background/policy.js): a page verdict waits a quarter of a second;
// anything else (an export, the options, the popup) 5 s.
const PAGE_POLICY_WAIT_MS = 250;
const POLICY_WAIT_MS = 5_000;

/** The raw stored settings object, or undefined. */
export async function storedSettings() {
  const found = await api.storage.sync.get(StorageKey.settings).catch(() => ({}));
  return found?.[StorageKey.settings];
}

/**
 * What the organisation's policy gives RootGuard: `{}` without one; the
 * copy last read when the browser does not answer in time, and `{}` when
 * there is none. `required`: throws instead (PolicyUnreadable) when the
 * browser did not answer in `waitMs` and no policy was ever read.
 */
export async function managedSettings({ required = false, waitMs = POLICY_WAIT_MS } = {}) {
  const { managed, live } = await readPolicy({ waitMs });
  if (managed !== null) return managed;
  if (required && !live) {
    const error = new Error(api.i18n.getMessage("policyUnreadable"));
    error.name = "PolicyUnreadable";
    throw error;
  }
  return {};
}

/**
 * The owner's settings under their organisation's policy, as `core` reads
 * them. `policyRequired` (an export): refuses rather than go without a
 * policy that could not be read (managedSettings).
 */
export async function ownerSettings(core, { policyRequired = false } = {}) {
  const [stored, managed] = await Promise.all([storedSettings(), managedSettings({ required: policyRequired })]);
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
  const stored = api.storage.sync.get(StorageKey.settings).then(
    (found) => found?.[StorageKey.settings],
    () => {
      unkeep(); // unreadable now: the defaults this time, storage again next time
      return undefined;
    },
  );
  // A copy of the policy (the browser did not answer in time) is kept too:
  // a late answer that differs from it changes the copy, which drops it.
  const policy = readPolicy({ waitMs: PAGE_POLICY_WAIT_MS }).then(({ managed }) => managed ?? {});
  return Promise.all([stored, policy]);
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

/** Whether a storage.onChanged event changed the owner's or the organisation's settings (or the policy's copy). */
export function settingsChanged(changes, area) {
  return (
    (area === "sync" && Boolean(changes[StorageKey.settings])) ||
    area === "managed" ||
    (area === "local" && Boolean(changes[StorageKey.policyCopy]))
  );
}
