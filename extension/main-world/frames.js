// A frame sent to a blob: or data: URL by its parent (`iframe.src = url`,
// `setAttribute("src", url)`, or a frame that already has such a src being
// inserted into the document): the hidden-iframe download of downloadjs and
// jQuery.fileDownload. The frame's own navigate event does not fire for it
// (its document is still the initial about:blank), and once the navigation
// has started it cannot be taken back reliably (measured: Firefox downloads
// even after the frame's window.stop()), so RootGuard steps in before it
// starts: the src is held back, and set again if the core releases it.
//
// Not covered: frames created by the HTML parser with such a src already in
// place (innerHTML, insertAdjacentHTML, document.write): their navigation
// starts inside the parser. SECURITY.md says so.

import { hold, mayHoldCredentials, resolveUrl } from "./captures.js";
import { replaceAccessor, replaceMethod } from "./guard.js";
import {
  apply,
  arrayPush,
  DOCUMENT_FRAGMENT_NODE,
  ELEMENT_NODE,
  elementFirstElementChild,
  elementQuerySelectorAll,
  fragmentFirstElementChild,
  fragmentQuerySelectorAll,
  getAttribute,
  isConnected,
  localName,
  nodeBaseUri,
  nodeListItem,
  nodeListLength,
  nodeParent,
  nodeType,
  removeAttribute,
  setAttribute,
  String_,
  toLowerCase,
} from "./primordials.js";

const FRAMES = "iframe[src], frame[src]";

function isFrame(node) {
  try {
    const name = localName(node);
    return (name === "iframe" || name === "frame") && nodeType(node) === ELEMENT_NODE;
  } catch {
    return false;
  }
}

/** The URL a frame's src value would load, when RootGuard must hold it back; else null. */
function heldUrl(frame, value) {
  const url = resolveUrl(value, nodeBaseUri(frame));
  return url !== null && mayHoldCredentials(url) ? url : null;
}

/** Hold the navigation of `frame` to `url`; a release sets the src again (`release(fresh)`: a new URL for the content, or null for the page's own value). */
function holdFrame(url, release) {
  hold({ url, fileName: "", replay: (loadable) => release(loadable === url ? null : loadable) });
}

/** Frames (the node itself, or inside it) about to be inserted whose src must be held back. */
function framesToHold(node) {
  const found = [];
  const consider = (frame) => {
    const value = getAttribute(frame, "src");
    const url = value === null ? null : heldUrl(frame, value);
    if (url !== null) arrayPush(found, { frame, value, url });
  };
  // A string for append() is text: asked first, so no getter throws for it.
  if (node === null || (typeof node !== "object" && typeof node !== "function")) return found;
  let type;
  try {
    type = nodeType(node);
  } catch {
    return found; // not a Node (an object append() takes as text)
  }
  // Only an element can be a frame: a text node is not asked its localName (which would throw).
  // A frame inside needs an element child: a leaf (a row's cell, a line of text) is not searched.
  if (type === ELEMENT_NODE) {
    if (isFrame(node)) consider(node);
    else if (elementFirstElementChild(node) !== null) {
      const list = elementQuerySelectorAll(node, FRAMES);
      for (let i = 0; i < nodeListLength(list); i++) consider(nodeListItem(list, i));
    }
  } else if (type === DOCUMENT_FRAGMENT_NODE && fragmentFirstElementChild(node) !== null) {
    const list = fragmentQuerySelectorAll(node, FRAMES);
    for (let i = 0; i < nodeListLength(list); i++) consider(nodeListItem(list, i));
  }
  return found;
}

/**
 * Wrap one insertion method: when it puts nodes into the document, frames
 * among them lose their blob:/data: src until the core has looked.
 * `parentOf(self, args)` names the node that receives them.
 */
function watchInsertion(proto, name, parentOf, nodesOf) {
  if (typeof proto?.[name] !== "function") return;
  const original = replaceMethod(proto, name, function insertion(...args) {
    let parent = null;
    try {
      parent = parentOf(this, args);
    } catch {
      /* not a node: the original throws as it would */
    }
    if (parent === null || !isConnected(parent)) return apply(original, this, args);
    const held = [];
    const nodes = nodesOf(args);
    for (let i = 0; i < nodes.length; i++) {
      const found = framesToHold(nodes[i]);
      for (let j = 0; j < found.length; j++) arrayPush(held, found[j]);
    }
    if (held.length === 0) return apply(original, this, args);
    for (let i = 0; i < held.length; i++) removeAttribute(held[i].frame, "src");
    try {
      return apply(original, this, args);
    } finally {
      for (let i = 0; i < held.length; i++) {
        const { frame, value, url } = held[i];
        holdFrame(url, (fresh) => setAttribute(frame, "src", fresh ?? value));
      }
    }
  });
}

/** Hook one realm's ways of sending a frame somewhere. */
export function watchFrames(win) {
  const frameClasses = [win.HTMLIFrameElement, win.HTMLFrameElement];
  for (let i = 0; i < frameClasses.length; i++) {
    const ctor = frameClasses[i];
    const src = replaceAccessor(ctor.prototype, "src", {
      set(given) {
        // Converted once: the string checked is the string set (windows.js says why).
        const value = String_(given);
        const url = isConnected(this) ? heldUrl(this, value) : null;
        if (url === null) return apply(src.set, this, [value]);
        holdFrame(url, (fresh) => apply(src.set, this, [fresh ?? value]));
      },
    });
  }
  const attributeHook = (original, nameIndex, valueIndex) =>
    function setAttribute(...args) {
      // Name and value are converted once: the strings checked are the strings set (windows.js says why).
      if (isFrame(this) && isConnected(this) && args.length > valueIndex) args[nameIndex] = String_(args[nameIndex]);
      if (isFrame(this) && isConnected(this) && args.length > valueIndex && toLowerCase(args[nameIndex]) === "src") {
        args[valueIndex] = String_(args[valueIndex]);
        const value = args[valueIndex];
        const url = heldUrl(this, value);
        if (url !== null) {
          holdFrame(url, (fresh) => {
            const again = [];
            for (let i = 0; i < args.length; i++) again[i] = i === valueIndex && fresh !== null ? fresh : args[i];
            apply(original, this, again);
          });
          return undefined;
        }
      }
      return apply(original, this, args);
    };
  const ElementProto = win.Element.prototype;
  const setAttributeNative = ElementProto.setAttribute;
  replaceMethod(ElementProto, "setAttribute", attributeHook(setAttributeNative, 0, 1));
  const setAttributeNsNative = ElementProto.setAttributeNS;
  replaceMethod(ElementProto, "setAttributeNS", attributeHook(setAttributeNsNative, 1, 2));

  const self = (node) => node;
  const parent = (node) => nodeParent(node);
  const first = (args) => [args[0]];
  const all = (args) => args;
  const NodeProto = win.Node.prototype;
  watchInsertion(NodeProto, "appendChild", self, first);
  watchInsertion(NodeProto, "insertBefore", self, first);
  watchInsertion(NodeProto, "replaceChild", self, first);
  const parents = [ElementProto, win.Document.prototype, win.DocumentFragment.prototype];
  for (let i = 0; i < parents.length; i++) {
    const proto = parents[i];
    watchInsertion(proto, "append", self, all);
    watchInsertion(proto, "prepend", self, all);
    watchInsertion(proto, "replaceChildren", self, all);
  }
  const children = [ElementProto, win.CharacterData.prototype, win.DocumentType.prototype];
  for (let i = 0; i < children.length; i++) {
    const proto = children[i];
    watchInsertion(proto, "before", parent, all);
    watchInsertion(proto, "after", parent, all);
    watchInsertion(proto, "replaceWith", parent, all);
  }
  watchInsertion(
    ElementProto,
    "insertAdjacentElement",
    (node, args) => {
      const where = toLowerCase(String_(args[0]));
      return where === "beforebegin" || where === "afterend" ? nodeParent(node) : node;
    },
    (args) => [args[1]],
  );
}
