// Notices the user dismissed for the browser session ("Dismiss" on a
// notice whose dismissal lasts the session): kept in storage.session, so a
// dismissal holds in every tab and on every console host (a page's own
// sessionStorage is one tab's and one origin's: a root reminder dismissed
// on EC2 would come back on S3), and ends when the browser closes.

import { api } from "../protocol.js";
import { keptUntilChanged } from "./kept.js";

const KEY = "dismissedNotices";

// Every page verdict carries them: read from storage once, then kept until
// they change, not asked of the browser on every change of a console page.
const dismissals = keptUntilChanged(
  (changes, area) => area === "session" && Boolean(changes[KEY]),
  (unkeep) =>
    api.storage.session.get(KEY).then(
      (found) => (Array.isArray(found?.[KEY]) ? found[KEY].filter((kind) => typeof kind === "string") : []),
      () => {
        unkeep(); // unreadable now: none this time, storage again next time
        return [];
      },
    ),
);

/** The notice kinds dismissed in this browser session. */
export const sessionDismissals = () => dismissals();

/** Remember that the user dismissed notices of `kind` for the session. */
export async function dismissForSession(kind) {
  if (typeof kind !== "string" || kind.length > 64) throw new TypeError("a notice kind");
  const dismissed = new Set(await sessionDismissals());
  dismissed.add(kind);
  dismissals.forget();
  await api.storage.session.set({ [KEY]: [...dismissed] });
}
