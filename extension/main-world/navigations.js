// Downloads and navigations of a document's own frame, caught where the
// browser announces them: the Navigation API's `navigate` event. It fires,
// cancelable, for every way a document sends its own frame to a URL: an
// <a download> or <area download> (attached, detached, inside any shadow
// root, clicked by the user or by `.click()`/`dispatchEvent`), a link or a
// form without a target, `location = …`, `navigation.navigate()`. It fires
// only when the page did not cancel its click (so a page's `preventDefault`
// is honoured by the browser itself), and before the browser fetches
// anything. RootGuard's listener is the first on each document's
// `navigation` (document_start); the page's own listeners see only the
// released download, as they would have seen the original.
//
// It does not fire in a document whose navigation API is disabled (the
// initial about:blank of a new frame or window) or for other frames and new
// windows: activations.js, frames.js and windows.js cover those.

import { hold, mayHoldCredentials } from "./captures.js";
import { liveWindow } from "./home.js";
import {
  addEventListener,
  apply,
  destinationUrl,
  documentCreateElement,
  eventCancelable,
  htmlClick,
  navigateDestination,
  navigateDownloadRequest,
  navigateType,
  preventDefault,
  setAttribute,
  stopImmediatePropagation,
} from "./primordials.js";

/** Start the same navigation to `target` again, as the browser would have: a download keeps its suggested name. */
function replay(started, target, fileName, type) {
  const win = liveWindow(started);
  if (fileName !== null) {
    const link = documentCreateElement(win.document, "a");
    setAttribute(link, "href", target);
    setAttribute(link, "download", fileName);
    htmlClick(link);
    return;
  }
  const location = win.location; // [LegacyUnforgeable]: a page cannot replace it or its methods
  apply(type === "replace" ? location.replace : location.assign, location, [target]);
}

/**
 * Listen to `win`'s navigate events. Returns a function that puts the
 * listener back (document.open() removes every listener of a window).
 */
export function watchNavigations(win) {
  const navigation = win.navigation;
  if (navigateDestination === null || navigation === undefined) return () => {};
  const onNavigate = (event) => {
    const url = destinationUrl(navigateDestination(event));
    if (!mayHoldCredentials(url) || !eventCancelable(event)) return;
    preventDefault(event);
    // The page's listeners will see the released navigation instead.
    stopImmediatePropagation(event);
    const fileName = navigateDownloadRequest(event);
    const type = navigateType(event);
    hold({ url, fileName: fileName ?? "", replay: (loadable) => replay(win, loadable, fileName, type) });
  };
  const listen = () => addEventListener(navigation, "navigate", onNavigate);
  listen();
  return listen;
}
