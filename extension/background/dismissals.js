// Notices the user dismissed for the browser session ("Dismiss" on a
// notice whose dismissal lasts the session): kept in storage.session, so a
// dismissal holds in every tab and on every console host (a page's own
// sessionStorage is one tab's and one origin's: a root reminder dismissed
// on EC2 would come back on S3), and ends when the browser closes.

import { api } from "../protocol.js";

const KEY = "dismissedNotices";

// Every page verdict carries them: read from storage once, then kept until
// they change (and only while the background runs), not asked of the
// browser on every change of a console page.
let kept = null;
api.storage.onChanged.addListener((changes, area) => {
  if (area === "session" && changes[KEY]) kept = null;
});

/** The notice kinds dismissed in this browser session. */
export function sessionDismissals() {
  kept ??= api.storage.session.get(KEY).then(
    (found) => (Array.isArray(found?.[KEY]) ? found[KEY].filter((kind) => typeof kind === "string") : []),
    () => {
      kept = null; // unreadable now: none this time, storage again next time
      return [];
    },
  );
  return kept;
}

/** Remember that the user dismissed notices of `kind` for the session. */
export async function dismissForSession(kind) {
  if (typeof kind !== "string" || kind.length > 64) throw new TypeError("a notice kind");
  const dismissed = new Set(await sessionDismissals());
  dismissed.add(kind);
  kept = null;
  await api.storage.session.set({ [KEY]: [...dismissed] });
}
