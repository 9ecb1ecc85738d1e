// Where a released download starts when the document that started it is gone.
// A page often removes a hidden frame, or closes an empty popup, right after
// starting a download there; without RootGuard the download had already
// begun. RootGuard's decision comes a moment later, so it starts the download
// from the nearest document still alive: this script's own (the frame's
// parent, the popup's opener), which armed that realm.

import { defaultView } from "./primordials.js";

let home = null;

/** This script's own window (index.js). */
export function setHome(win) {
  home = win;
}

/** `win` if it still shows a document, else this script's own window. */
export function liveWindow(win) {
  try {
    if (!win.closed && defaultView(win.document) === win) return win;
  } catch {
    /* gone, or no longer same-origin */
  }
  return home;
}

/** `document` if it is still shown in a window that is not closing, else this script's own document. */
export function liveDocument(document) {
  const view = defaultView(document);
  return view !== null && liveWindow(view) === view ? document : home.document;
}
