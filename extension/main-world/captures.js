// What happens to a download the page started towards a blob: or data: URL.
//
// Synchronously, before the browser acts, `mayHoldCredentials` says whether
// the download must be held back: a blob larger than any credentials file
// (the core's limit, capture-policy.js) or a URL already judged harmless goes
// ahead untouched, exactly as without RootGuard. Everything else is held
// (the caller cancels the browser's action) and handed to the content script
// with a way to start it again: the core, in the background, decides. A
// credentials file never comes back: it is sealed and saved as ciphertext by
// the extension. Anything else is *released*: the caller's `replay` starts
// the same download, in the same document, the way the page did, so the
// browser itself names and saves it (its sanitising of `/`, `\`, `:`, its
// "ask where to save" setting, its size limits). Only this closure holds
// `replay`; the content script's answer arrives on the private channel.

import { MAX_CREDENTIALS_FILE_BYTES } from "./capture-policy.js";
import { blobFor, isLargeBlobUrl, loadableUrl } from "./object-urls.js";
import {
  apply,
  arrayBufferSlice,
  blobArrayBuffer,
  btoa_,
  fromCharCode,
  mapDelete,
  mapGet,
  mapSet,
  Map_,
  promiseThen,
  setAdd,
  setHas,
  Set_,
  setTimeout_,
  slice,
  startsWith,
  String_,
  toLowerCase,
  typedArrayLength,
  typedArraySubarray,
  Uint8Array_,
  URL_,
  urlHref,
} from "./primordials.js";

/** URLs whose content the core judged not credentials: a blob URL's content never changes, a data: URL's is in the URL. */
const harmless = new Set_();
/** id → { replay, dropped }, for downloads waiting for the core's answer. */
const pending = new Map_();
let nextId = 1;
let channel = null;

/** Connect to this document's private channel (channel.js). */
export function useChannel(openedChannel) {
  channel = openedChannel;
  channel.listen("rootguard-decision", ({ id, release }) => {
    const held = mapGet(pending, id);
    if (held === undefined) return;
    mapDelete(pending, id);
    if (release === true) held.replay();
    else held.dropped();
  });
}

/** `value` resolved against `base` as the browser would, or null when it is not a URL. */
export function resolveUrl(value, base) {
  try {
    return urlHref(new URL_(String_(value), base));
  } catch {
    return null;
  }
}

const isBlobUrl = (url) => typeof url === "string" && startsWith(toLowerCase(slice(url, 0, 5)), "blob:");
const isDataUrl = (url) => typeof url === "string" && startsWith(toLowerCase(slice(url, 0, 5)), "data:");
export const isBlobOrDataUrl = (url) => isBlobUrl(url) || isDataUrl(url);

/**
 * Whether a download of `url` must be held back until the core has looked:
 * blob: and data: URLs, except a Blob too large to be a credentials file and
 * URLs already judged harmless. Never reads the content.
 */
export function mayHoldCredentials(url) {
  if (!isBlobOrDataUrl(url) || setHas(harmless, url)) return false;
  return !isLargeBlobUrl(url);
}

/** Let later loads of `url` go ahead untouched (its content was judged, or it is being released). */
function markHarmless(url) {
  setAdd(harmless, url);
}

function toBase64(bufferOrBytes) {
  const bytes = new Uint8Array_(bufferOrBytes);
  const length = typedArrayLength(bytes);
  let binary = "";
  for (let i = 0; i < length; i += 0x2000) binary += apply(fromCharCode, null, typedArraySubarray(bytes, i, i + 0x2000));
  return btoa_(binary);
}

/**
 * Hand a held download to the content script. `fileName` is the name the
 * page suggested ("" when none), `url` the blob:/data: URL; if the core
 * releases it, `replay(loadable)` starts the same download again with a URL
 * that still loads the content (object-urls.js), which RootGuard then lets
 * through; `dropped` (optional) tidies up when it does not.
 */
export function hold({ url, fileName, replay, dropped = () => {} }) {
  const release = () => {
    markHarmless(url);
    const loadable = loadableUrl(url);
    markHarmless(loadable);
    replay(loadable);
  };
  const send = waitForDecision(fileName, release, dropped);
  if (isDataUrl(url)) return send({ dataUrl: url });
  const blob = blobFor(url);
  // A URL made where RootGuard has no hook (a Worker): the content script
  // fetches it, no more than the core's limit plus one byte.
  if (blob === undefined) return send({ blobUrl: url, readAtMost: MAX_CREDENTIALS_FILE_BYTES + 1 });
  // A read that never settles (a Blob whose realm is gone) must not leave the
  // download silently lost: after READ_TIMEOUT_MS it is refused and the user told.
  let settled = false;
  const once = (source) => {
    if (settled) return;
    settled = true;
    send(source);
  };
  setTimeout_(() => once({ failed: "RootGuard could not read the file the page made" }), READ_TIMEOUT_MS);
  promiseThen(
    blobArrayBuffer(blob),
    (buffer) => once({ bytes: toBase64(arrayBufferSlice(buffer, 0, MAX_CREDENTIALS_FILE_BYTES + 1)) }),
    (error) => once({ failed: String_(error) }),
  );
}

const READ_TIMEOUT_MS = 10_000;

/** Hand over bytes the page wrote (file-system.js): released by `replay`, or `dropped`. */
export function holdBytes({ bytes, fileName, replay, dropped }) {
  waitForDecision(fileName, replay, dropped)({ bytes: toBase64(bytes) });
}

/** Register a held download; returns the function that sends it, with its source, to the content script. */
function waitForDecision(fileName, replay, dropped) {
  const id = nextId++;
  mapSet(pending, id, { replay, dropped });
  return (source) => channel.send("rootguard-capture", { type: "download-captured", id, fileName: String_(fileName ?? ""), ...source });
}
