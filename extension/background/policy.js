// The organisation's policy for RootGuard (storage.managed), read so that a
// browser slow to answer cannot hold up a console page's warnings.
//
// Chromium answers storage.managed only once its policy service is up. At
// browser start that is seconds: measured here (headless Chromium 156, no
// policy), every read the service worker made answered together about 3 s
// after the worker started, so a console tab restored or opened at launch
// got its first warning 2.5 s after it loaded. A stopped worker started
// again later is answered in about 25 ms. Ghostery and Privacy Badger
// report the same (w3c/webextensions#547).
//
// And while the console page keeps the worker busy (its observations come
// one after another, as a console page that is drawing sends them), the
// answer does not come at all: measured (2026-12-06, the bench's workload
// run back to back on a new profile), no verdict in 10 s, where with the
// read replaced by `{}` the first came at once. Neither CPU load nor DOM
// changes in the page held it back; the sensor's questions did.
//
// So a page verdict does not wait for the browser: until the browser has
// answered once, it is decided under the copy of the policy as last read
// (storage.local, written whenever a read answers with something new), or
// under no policy (`{}`) when there is no copy yet (a new profile), unless
// the browser's answer comes first. When the answer lands and differs from
// what stood in, the copy is written, and that storage.onChanged event drops
// what the background kept and makes every console tab ask again
// (protocol.js, `changesSettings`). A page verdict only warns and badges, so
// the owner's own settings for those few seconds are the lesser harm; a tab
// that shows nothing for as long as the console is busy is the greater.
// An export, the options page, the popup and the leak guard wait for the
// browser's answer itself: they act on the policy (its recipients, its
// minimum strength), and fail closed rather than guess it.
//
// No timer waits here: an earlier design that raced the read against a
// timer made Chromium's worker answer the read about 1.7 s later
// (docs/PERFORMANCE.md).

import { api, StorageKey } from "../protocol.js";

let answered = false; // the browser has answered a read in this background's life
let reading = null; // that first read, while it is in progress

/** `{}` without a policy: Firefox rejects the read when no policy names RootGuard, Chrome answers `{}`. */
const readManaged = () =>
  Promise.resolve()
    .then(() => api.storage.managed.get())
    .catch(() => ({}));

/** The copy of the policy as last read, or null when there is none (or it cannot be read). */
const lastCopy = () =>
  Promise.resolve()
    .then(() => api.storage.local.get(StorageKey.policyCopy))
    .then(
      (found) => found?.[StorageKey.policyCopy] ?? null,
      () => null,
    );

async function keepCopy(managed) {
  // No copy stood in as no policy: without a policy, no copy is needed either.
  if (JSON.stringify((await lastCopy()) ?? {}) === JSON.stringify(managed)) return;
  await Promise.resolve()
    .then(() => api.storage.local.set({ [StorageKey.policyCopy]: managed }))
    .catch(() => {}); // not kept: the copy only stands in, the browser's answer is what counts
}

/** What the browser answers for the policy (`{}` without one); the copy is kept up to date with it. */
export function livePolicy() {
  if (answered) return readManaged();
  reading ??= readManaged().then(async (managed) => {
    answered = true;
    reading = null;
    await keepCopy(managed);
    return managed;
  });
  return reading;
}

/**
 * The policy for a page verdict: the browser's answer, or, if that comes
 * later while the browser has not answered yet in this background's life,
 * the copy as last read (no policy, `{}`, when there is none).
 */
export function pagePolicy() {
  if (answered) return readManaged();
  const live = livePolicy();
  // Read each time: another of RootGuard's pages (options) may have written a newer copy meanwhile.
  const standIn = lastCopy().then((found) => found ?? {});
  return Promise.race([live, standIn]);
}
