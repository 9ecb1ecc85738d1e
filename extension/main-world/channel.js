// The private channel between this page-realm script and RootGuard's content
// script in the same document: an element both find at document_start,
// before any page script, and then take out of the document. Only the two
// scripts hold it, so a page can neither read what crosses it nor forge a
// message on it (window.postMessage could be forged).
//
// Whichever script runs first adds <rootguard-channel>; the other takes it
// out again. This script always takes part, even in a realm that another
// RootGuard closure has already armed, so the element never stays behind.

import {
  CustomEvent_,
  addEventListener,
  appendChild,
  dispatchEvent,
  documentCreateElement,
  documentElement,
  elementQuerySelector,
  parseJson,
  customEventDetail,
  String_,
  removeChild,
  stringify,
} from "./primordials.js";

/** Open this document's channel. `document` is the realm's own. */
export function openChannel(document) {
  const root = documentElement(document);
  const found = root ? elementQuerySelector(root, ":scope > rootguard-channel") : null;
  const element = found ? removeChild(root, found) : appendChild(root, documentCreateElement(document, "rootguard-channel"));

  return {
    /** Send one message of `type` ("rootguard-capture", "rootguard-clipboard") to the content script. */
    send(type, message) {
      dispatchEvent(element, new CustomEvent_(type, { detail: stringify(message) }));
    },
    /** Listen for the content script's messages of `type`. */
    listen(type, handler) {
      addEventListener(element, type, (event) => {
        let message;
        try {
          message = parseJson(String_(customEventDetail(event)));
        } catch {
          return;
        }
        handler(message);
      });
    },
  };
}
