// Every realm the console's code can start a download from is armed before
// that code can use it. The manifest injects this script at document_start
// into every frame and popup of a console page (all_frames,
// match_about_blank, match_origin_as_fallback); both browsers do so
// synchronously for a new frame without src and for window.open(''), but not
// for the first document of a frame that has a src or srcdoc (measured). So
// a realm is also armed on first touch from an armed one: the frames'
// contentWindow/contentDocument, window.open's result, document.open(). A
// realm armed by another frame's script is left to it.
//
// What stays out of reach (SECURITY.md, "Realms"): a frame reached only
// through `window[n]`/`frames[n]` before its own document starts (an indexed
// property of the WindowProxy cannot be hooked), and Workers (no DOM, no
// downloads, but blob URLs: captures.js reads those).

import { watchActivations, watchShadowRoot, useNativeOpen } from "./activations.js";
import { watchClipboard } from "./clipboard.js";
import { watchFileSystem } from "./file-system.js";
import { watchFrames } from "./frames.js";
import { replaceAccessor, replaceMethod } from "./guard.js";
import { watchNavigations } from "./navigations.js";
import { hookObjectUrls, isArmed } from "./object-urls.js";
import { apply, defaultView, weakMapGet, weakMapSet, WeakMap_ } from "./primordials.js";
import { watchWindowOpen } from "./windows.js";

/** Each armed window → what puts its listeners back after document.open(). */
const relisten = new WeakMap_();
/** Each armed window → its own window.open, taken before the page ran. */
const nativeOpens = new WeakMap_();
useNativeOpen((win) => weakMapGet(nativeOpens, win));

/** Arm `win` if it is a same-origin window RootGuard has not armed yet. Never throws. */
export function arm(win) {
  if (win === null || win === undefined) return;
  try {
    if (isArmed(win)) return;
  } catch {
    return; // another origin's window: its own content scripts, if any, run there
  }
  armRealm(win);
}

function armRealm(win) {
  // First: the object-URL hooks are also the mark that says "armed".
  hookObjectUrls(win);
  const listeners = [watchNavigations(win), watchActivations(win)];
  weakMapSet(relisten, win, () => {
    for (let i = 0; i < listeners.length; i++) listeners[i]();
  });
  weakMapSet(nativeOpens, win, watchWindowOpen(win, arm));
  watchFrames(win);
  watchFileSystem(win);
  watchClipboard(win);
  watchFirstTouch(win);
}

/** The ways one realm reaches another, and document.open(), which empties a window's listeners. */
function watchFirstTouch(win) {
  const frameClasses = [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement];
  for (let i = 0; i < frameClasses.length; i++) {
    const proto = frameClasses[i].prototype;
    const contentWindow = replaceAccessor(proto, "contentWindow", {
      get() {
        const reached = apply(contentWindow.get, this, []);
        arm(reached);
        return reached;
      },
    });
    const contentDocument = replaceAccessor(proto, "contentDocument", {
      get() {
        const reached = apply(contentDocument.get, this, []);
        if (reached !== null) arm(defaultView(reached));
        return reached;
      },
    });
  }

  const DocumentProto = win.Document.prototype;
  // document.open(url, name, features) is window.open: through the hooked one.
  const open = replaceMethod(DocumentProto, "open", function open(...args) {
    const view = defaultView(this);
    if (args.length >= 3 && view !== null) return view.open(args[0], args[1], args[2]);
    const result = apply(open, this, args);
    if (view !== null) weakMapGet(relisten, view)?.();
    return result;
  });
  // write() on a closed document opens it first.
  const writers = ["write", "writeln"];
  for (let i = 0; i < writers.length; i++) {
    const write = replaceMethod(DocumentProto, writers[i], function write(...args) {
      const result = apply(write, this, args);
      const view = defaultView(this);
      if (view !== null) weakMapGet(relisten, view)?.();
      return result;
    });
  }

  const attachShadow = replaceMethod(win.Element.prototype, "attachShadow", function attachShadow_(...args) {
    const root = apply(attachShadow, this, args);
    watchShadowRoot(root);
    return root;
  });
}
