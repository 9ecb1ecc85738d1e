// Who arms a frame's or popup's realm. A held download waits for the core
// (a round trip to the background), and a page often removes a hidden frame,
// or closes an empty popup, right after starting a download in it: the
// realm's own script and content script would go with it and the download
// would be lost. So a same-origin frame asks its parent's RootGuard script to
// arm it, and an empty popup leaves it to its opener's, whose window.open
// hook arms it as it returns: their captures travel on the parent's or
// opener's channel, and their prompts appear where the user is.

import { isArmed } from "./object-urls.js";
import { apply, getOwnPropertyDescriptor } from "./primordials.js";

const FRAME_CLASSES = ["HTMLIFrameElement", "HTMLFrameElement", "HTMLObjectElement"];

/**
 * Read this frame's element's contentWindow through the parent realm's own
 * getter: in an armed parent that is RootGuard's first-touch hook, which arms
 * this realm from the parent's script. Returns whether this realm is armed now.
 */
export function askParentToArm(win) {
  let element;
  let parent;
  try {
    element = win.frameElement; // null unless the parent is same-origin
    parent = win.parent;
  } catch {
    return false;
  }
  if (element === null || element === undefined || parent === win) return false;
  for (let i = 0; i < FRAME_CLASSES.length; i++) {
    try {
      const descriptor = getOwnPropertyDescriptor(parent[FRAME_CLASSES[i]].prototype, "contentWindow");
      apply(descriptor.get, element, []);
      break;
    } catch {
      /* not this kind of frame element */
    }
  }
  try {
    return isArmed(win);
  } catch {
    return false;
  }
}

/** An empty popup (window.open('')) of an armed, same-origin opener: its window.open hook arms it on return. */
export function leaveToOpener(win) {
  try {
    const opener = win.opener;
    return opener !== null && opener !== undefined && win.location.href === "about:blank" && isArmed(opener);
  } catch {
    return false; // no opener, or another origin's
  }
}
