// window.open(blob:/data:) — and document.open(url, name, features), which is
// the same call. A file small enough to be credentials is held back: the
// page gets null at once, as from a blocked popup, and the window opens a
// moment later, as the page asked, if the core releases it (within the
// user's click's activation, so no popup blocker stops it). Opening an empty
// window first and sending it on later was tried: the browser then leaves
// the empty tab open after the download, where without RootGuard it closes.

import { hold, mayHoldCredentials, resolveUrl } from "./captures.js";
import { guard } from "./guard.js";
import { liveWindow } from "./home.js";
import { apply, documentBaseUri, String_ } from "./primordials.js";

/**
 * Hook `win.open` (pinned). `arm` arms whatever realm the call returns;
 * returns the realm's own open, taken before the page ran.
 */
export function watchWindowOpen(win, arm) {
  const nativeOpen = win.open;
  guard(win, "open", function open(...args) {
    // The URL is converted to a string once, here, and that string is what
    // the browser gets: an object whose toString() answers differently the
    // second time cannot pass one URL to the check and another to open().
    if (args.length > 0 && args[0] !== undefined) args[0] = String_(args[0]);
    const url = args.length === 0 || args[0] === undefined || args[0] === "" ? null : resolveUrl(args[0], documentBaseUri(win.document));
    if (url === null || !mayHoldCredentials(url)) {
      const opened = apply(nativeOpen, this, args);
      // An empty window is the opener's to arm (parents.js); a page's own
      // document arms itself when it starts.
      if (url === null || url === "about:blank") arm(opened);
      return opened;
    }
    const withUrl = (first) => {
      const list = [first];
      for (let i = 1; i < args.length; i++) list[i] = args[i];
      return list;
    };
    hold({
      url,
      fileName: "",
      replay(loadable) {
        const live = liveWindow(win);
        apply(live === win ? nativeOpen : live.open, live, withUrl(loadable));
      },
    });
    return null;
  });
  return nativeOpen;
}
