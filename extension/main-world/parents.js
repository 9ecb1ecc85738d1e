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
 * getter: in an armed parent that is RootGuard's first-touch hook, pinned
 * (not configurable) before any page script ran there, which arms this realm
 * from the parent's script. Returns whether that hook ran; a getter the page
 * could have replaced is not asked, and this script arms its realm itself.
 * (What this window looks like is no evidence: the page may have marked it.)
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
      if (descriptor.configurable !== false) return false; // not RootGuard's pinned hook
      apply(descriptor.get, element, []);
      return true;
    } catch {
      /* not this kind of frame element */
    }
  }
  return false;
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
