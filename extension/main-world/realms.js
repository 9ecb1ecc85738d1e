// Every realm the console's code can start a download from is armed before
// that code can use it. The manifest injects this script at document_start
// into every frame and popup of a console page (all_frames,
// match_about_blank, match_origin_as_fallback); both browsers do so
// synchronously for a new frame without src and for window.open(''), but not
// for the first document of a frame that has a src or srcdoc (measured). So
// a realm is also armed on first touch from an armed one: the frames'
// contentWindow/contentDocument, window.open's result, document.open().
// Each script goes by its own record of what it armed, never by what a
// window looks like (a page can make a window look armed).
//
// What stays out of reach (SECURITY.md, "Realms"): a frame reached only
// through `window[n]`/`frames[n]` before its own document starts (an indexed
// property of the WindowProxy cannot be hooked), and Workers (no DOM, no
// downloads, but blob URLs: captures.js reads those).

import { watchActivations, watchShadowRoot, useNativeOpen } from "./activations.js";
import { watchClipboard } from "./clipboard.js";
import { watchFileSystem } from "./file-system.js";
import { watchFrames } from "./frames.js";
import { pinAccessor, replaceMethod } from "./guard.js";
import { watchNavigations } from "./navigations.js";
import { hookObjectUrls } from "./object-urls.js";
import { apply, defaultView, weakMapGet, weakMapSet, WeakMap_, weakSetAdd, weakSetHas, WeakSet_ } from "./primordials.js";
import { watchWindowOpen } from "./windows.js";

/** Each armed window → what puts its listeners back after document.open(). */
const relisten = new WeakMap_();
/** Each armed window → its own window.open, taken before the page ran. */
const nativeOpens = new WeakMap_();
useNativeOpen((win) => weakMapGet(nativeOpens, win));

/** Windows this script armed. A page cannot put a window in here. */
const armedHere = new WeakSet_();

/**
 * Arm `win` if it is a same-origin window this script has not armed yet.
 * Never throws. Only this script's own record counts, never anything on the
 * window: the page can reach a frame's window through `window[n]` before
 * RootGuard does and pin there whatever would say "armed" (a frame's first
 * same-origin document keeps that window). No other RootGuard script arms a
 * window this one can reach: a same-origin frame's own script asks its
 * parent's (parents.js), and an empty popup's leaves it to its opener's.
 */
export function arm(win) {
  if (win === null || win === undefined || weakSetHas(armedHere, win)) return;
  // Another origin's window: its own content scripts, if any, run there.
  try {
    defaultView(win.document);
  } catch {
    return;
  }
  weakSetAdd(armedHere, win);
  armRealm(win);
}

function armRealm(win) {
  // Each hook on its own: one the page made impossible (a property it pinned
  // first) must not keep the others out.
  const steps = [
    // First: the object-URL hooks, which also mark the realm armed for an empty popup's script (parents.js).
    () => hookObjectUrls(win),
    () => {
      const listeners = [watchNavigations(win), watchActivations(win)];
      weakMapSet(relisten, win, () => {
        for (let i = 0; i < listeners.length; i++) listeners[i]();
      });
    },
    () => weakMapSet(nativeOpens, win, watchWindowOpen(win, arm)),
    () => watchFrames(win),
    () => watchFileSystem(win),
    () => watchClipboard(win),
    () => watchFirstTouch(win),
  ];
  for (let i = 0; i < steps.length; i++) {
    try {
      steps[i]();
    } catch {
      /* this one hook is the page's already; the rest still go in */
    }
  }
}

/** The ways one realm reaches another, and document.open(), which empties a window's listeners. */
function watchFirstTouch(win) {
  const frameClasses = [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement];
  for (let i = 0; i < frameClasses.length; i++) {
    const proto = frameClasses[i].prototype;
    // Pinned (not configurable): a frame's own RootGuard script calls this
    // getter to be armed by this one (parents.js), and trusts it only when
    // the page cannot have put another in its place.
    const contentWindow = pinAccessor(proto, "contentWindow", function get() {
      const reached = apply(contentWindow, this, []);
      arm(reached);
      return reached;
    });
    const contentDocument = pinAccessor(proto, "contentDocument", function get() {
      const reached = apply(contentDocument, this, []);
      if (reached !== null) arm(defaultView(reached));
      return reached;
    });
  }

  const DocumentProto = win.Document.prototype;
  // document.open(url, name, features) is window.open: through the hooked one.
  // The originals get names of their own (inside a named function expression
  // its own name is the hook: calling that would recurse).
  const nativeOpen = replaceMethod(DocumentProto, "open", function open(...args) {
    const view = defaultView(this);
    // By design the window's own (hooked) open, looked up now: if the page
    // replaced it, document.open(url, …) is the page's own call either way.
    // eslint-disable-next-line no-restricted-syntax
    if (args.length >= 3 && view !== null) return view.open(args[0], args[1], args[2]);
    const result = apply(nativeOpen, this, args);
    if (view !== null) weakMapGet(relisten, view)?.();
    return result;
  });
  // write() on a closed document opens it first.
  const writers = ["write", "writeln"];
  for (let i = 0; i < writers.length; i++) {
    const nativeWrite = replaceMethod(DocumentProto, writers[i], function write(...args) {
      const result = apply(nativeWrite, this, args);
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
