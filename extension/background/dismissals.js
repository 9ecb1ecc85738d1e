// Notices the user dismissed for the browser session ("Dismiss" on a
// notice whose dismissal lasts the session): kept in storage.session, so a
// dismissal holds in every tab and on every console host (a page's own
// sessionStorage is one tab's and one origin's: a root reminder dismissed
// on EC2 would come back on S3), and ends when the browser closes.

import { api } from "../protocol.js";

const KEY = "dismissedNotices";

/** The notice kinds dismissed in this browser session. */
export async function sessionDismissals() {
  const found = await api.storage.session.get(KEY).catch(() => ({}));
  return Array.isArray(found?.[KEY]) ? found[KEY].filter((kind) => typeof kind === "string") : [];
}

/** Remember that the user dismissed notices of `kind` for the session. */
export async function dismissForSession(kind) {
  if (typeof kind !== "string" || kind.length > 64) throw new TypeError("a notice kind");
  const dismissed = new Set(await sessionDismissals());
  dismissed.add(kind);
  await api.storage.session.set({ [KEY]: [...dismissed] });
}
