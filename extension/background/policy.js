// The organisation's policy for RootGuard (storage.managed), read so that a
// browser slow to answer cannot stall RootGuard. Chromium answers
// storage.managed only once its policy service is up: at browser start that
// takes seconds, and a read made too early may stay unanswered until a
// later read is made. Measured here (headless Chromium, no policy): the
// worker's first read answered 2.5 s after launch, or not at all in 6 s
// when made in its first second; Ghostery and Privacy Badger report 3 to
// 8 s (w3c/webextensions#547 asks browsers for a way to know).
//
// So a read is waited for only so long, once. Then the copy of the policy
// as last read (storage.local, written whenever a read answers with
// something new) stands in until the browser answers, and says it is a
// copy; an export without any policy ever read refuses (exports.js) rather
// than ignore an organisation's rules. When the late answer lands and
// differs from the copy, the copy is updated, and its storage.onChanged
// event makes the background drop what it kept and every console tab ask
// again. An answer the same as the copy changes nothing: what was decided
// with the copy stands.

import { api, StorageKey } from "../protocol.js";

// A stalled read is asked again this long after the last one was (the
// early read that never answers, above).
const ASK_AGAIN_MS = 2_000;

let answered = false; // a read has answered in this background's life: reads are quick from then on
let pending = null; // {reading, since}: the read in progress until one has answered
let waitedOut = false; // a question waited its longest for the browser, which had not answered

/** `{}` without a policy: Firefox rejects the read when no policy names RootGuard, Chrome answers `{}`. */
const readManaged = () =>
  Promise.resolve()
    .then(() => api.storage.managed.get())
    .catch(() => ({}));

async function keepCopy(managed) {
  const copy = await lastCopy();
  if (JSON.stringify(copy) === JSON.stringify(managed)) return;
  await Promise.resolve()
    .then(() => api.storage.local.set({ [StorageKey.policyCopy]: managed }))
    .catch(() => {}); // not kept: the copy is a stand-in, the live read is what counts
}

const lastCopy = () =>
  Promise.resolve()
    .then(() => api.storage.local.get(StorageKey.policyCopy))
    .then(
      (found) => found?.[StorageKey.policyCopy] ?? null,
      () => null,
    );

function liveRead() {
  if (answered) return readManaged();
  if (!pending || Date.now() - pending.since > ASK_AGAIN_MS) {
    const reading = readManaged().then(async (managed) => {
      answered = true;
      await keepCopy(managed);
      return managed;
    });
    pending = { reading, since: Date.now() };
  }
  return pending.reading;
}

/**
 * The policy as the browser answers it within `waitMs`: `{managed, live:
 * true}`; else the copy last read, `{managed, live: false}` (`managed`
 * null when there has never been one). Once the browser has kept a question
 * waiting that long, the copy answers at once until the browser answers.
 */
export async function readPolicy({ waitMs }) {
  if (answered) return { managed: await readManaged(), live: true };
  const live = liveRead();
  if (waitedOut) {
    const copy = await lastCopy();
    if (copy !== null) return { managed: copy, live: false };
  }
  let timer = 0;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, waitMs, null);
  });
  const managed = await Promise.race([live, late]);
  clearTimeout(timer);
  if (managed !== null) return { managed, live: true };
  waitedOut = true;
  return { managed: await lastCopy(), live: false };
}
