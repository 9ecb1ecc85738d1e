// What is behind every object URL the page makes, in every realm RootGuard
// arms. For a Blob larger than any credentials file, only that: it is never
// read, so it is not kept either (the page's large Blobs are freed when the
// page lets them go, not a minute after). A smaller Blob is kept,
// so its bytes can still be read after the page revokes the URL right after
// its click (FileSaver.js and friends do). A URL made where RootGuard cannot
// hook (a Worker) is in neither; its bytes are fetched by the content script
// instead (captures.js).

import { apply, Blob_, blobSize, defaultView, getOwnPropertyDescriptor, mapDelete, mapGet, mapSet, Map_, setAdd, setDelete, setHas, Set_, setTimeout_ } from "./primordials.js";
import { MAX_CREDENTIALS_FILE_BYTES } from "./capture-policy.js";
import { guard } from "./guard.js";

/** Object URLs of Blobs small enough to be credentials → a Blob of this realm with the same content. */
const blobsByUrl = new Map_();
/** Object URLs of Blobs too large to be credentials. */
const largeUrls = new Set_();
const revokedUrls = new Set_();
/** The window each object URL was made in: its URLs die with its document. */
const madeIn = new Map_();
const FORGET_AFTER_REVOKE_MS = 60_000;

/** The Blob behind an object URL made in an armed realm, when small enough to be credentials; else undefined. */
export const blobFor = (url) => mapGet(blobsByUrl, url);

/** Whether an object URL made in an armed realm is of a Blob too large to be credentials. */
export const isLargeBlobUrl = (url) => setHas(largeUrls, url);

/**
 * A Blob made in a frame cannot be read once the frame is gone in Chromium
 * (the read never settles), and pages remove hidden frames right after a
 * download. A Blob of this script's own realm with the same content (no
 * copy of the bytes is made) can.
 */
const ownRealmCopy = (blob) => new Blob_([blob]);

/** Whether a window's document is gone (a removed frame, a closed popup), and its object URLs with it. */
function isGone(win) {
  try {
    return win.closed || defaultView(win.document) !== win;
  } catch {
    return true;
  }
}

/** Whether the page revoked `url` (its Blob is kept a while, the URL no longer loads). */
export const isRevoked = (url) => setHas(revokedUrls, url);

/** Whether `object` is a Blob (or File), from any realm; ignores Symbol.hasInstance. */
export function isBlob(object) {
  try {
    blobSize(object);
    return true;
  } catch {
    return false;
  }
}

/** Hook `win.URL.createObjectURL` and `revokeObjectURL` (pinned: they also mark the realm armed, parents.js). */
export function hookObjectUrls(win) {
  const URL = win.URL;
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  guard(URL, "createObjectURL", function createObjectURL(object) {
    const url = apply(create, URL, [object]);
    if (!isBlob(object)) return url;
    if (blobSize(object) > MAX_CREDENTIALS_FILE_BYTES) {
      setAdd(largeUrls, url);
    } else {
      mapSet(blobsByUrl, url, ownRealmCopy(object));
      mapSet(madeIn, url, win);
    }
    return url;
  });
  guard(URL, "revokeObjectURL", function revokeObjectURL(url) {
    setDelete(largeUrls, url);
    if (mapGet(blobsByUrl, url) !== undefined) {
      setAdd(revokedUrls, url);
      setTimeout_(() => {
        mapDelete(blobsByUrl, url);
        mapDelete(madeIn, url);
        setDelete(revokedUrls, url);
      }, FORGET_AFTER_REVOKE_MS);
    }
    return apply(revoke, URL, [url]);
  });
  // The first realm armed is this script's own, the longest-lived: its
  // originals make the URLs for released downloads.
  if (makeUrl === null) makeUrl = (blob) => apply(create, URL, [blob]);
  if (unmakeUrl === null) unmakeUrl = (url) => apply(revoke, URL, [url]);
}

let makeUrl = null;
let unmakeUrl = null;

/**
 * A URL that loads `url`'s content now: `url` itself, or, when the page
 * revoked it after its click, a new object URL for the same Blob (made with
 * the browser's own function and revoked a minute later).
 */
export function loadableUrl(url) {
  const blob = mapGet(blobsByUrl, url);
  if (blob === undefined || (!isRevoked(url) && !isGone(mapGet(madeIn, url)))) return url;
  const fresh = makeUrl(blob);
  mapSet(blobsByUrl, fresh, blob);
  setTimeout_(() => {
    unmakeUrl(fresh);
    mapDelete(blobsByUrl, fresh);
  }, FORGET_AFTER_REVOKE_MS);
  return fresh;
}

/**
 * Whether `win` looks armed by a RootGuard page-realm script. Only an empty
 * popup's script asks this of its opener (parents.js), a realm the page
 * cannot have reached first; arming itself never trusts it (realms.js).
 */
export function isArmed(win) {
  const descriptor = getOwnPropertyDescriptor(win.URL, "createObjectURL");
  return descriptor !== undefined && descriptor.get !== undefined && descriptor.configurable === false;
}
