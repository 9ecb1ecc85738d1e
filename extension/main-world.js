// RootGuard's page-realm script. It runs in the console page's own world at
// document_start, before any page script, because only there can a download
// the page builds in memory (a Blob behind <a download>, window.open, a
// navigation to a blob: URL, the File System Access API) be caught before the
// browser saves it. It only captures and hands over: the content script asks
// the Rust core, and the extension saves (ciphertext, or the untouched file
// when it holds no credentials). Nothing here saves anything, so nothing a
// page script says to it can make it release a file.
//
// Page scripts run after this one and share its world, so they could try to
// undo it. Two rules keep them from it (SECURITY.md, "Page-realm hooks"):
//  - Everything this script calls was taken before any page script ran
//    ("primordials"), so redefining Event.prototype.preventDefault,
//    String.prototype.startsWith, Map.prototype.get, Symbol.hasInstance or
//    window.Blob later does not change what it does.
//  - What it hooks cannot be replaced: the hooked properties are accessors
//    that ignore assignment and cannot be redefined or deleted.
// Captured files reach the content script through a private channel: an
// element both scripts find before any page script runs, then detached, so a
// page cannot post forged captures (window.postMessage could be forged).
(() => {
  "use strict";
  const { apply } = Reflect;
  const { defineProperty, getOwnPropertyDescriptor } = Object;
  const uncurry = (fn) => (self, ...args) => apply(fn, self, args);
  const getter = (proto, name) => uncurry(getOwnPropertyDescriptor(proto, name).get);

  const doc = document;
  const root = doc.documentElement;
  const setAttribute = uncurry(Element.prototype.setAttribute);
  const hasAttribute = uncurry(Element.prototype.hasAttribute);
  const getAttribute = uncurry(Element.prototype.getAttribute);
  const closest = uncurry(Element.prototype.closest);
  const querySelector = uncurry(Element.prototype.querySelector);
  const createElement = uncurry(Document.prototype.createElement);
  const appendChild = uncurry(Node.prototype.appendChild);
  const removeChild = uncurry(Node.prototype.removeChild);
  const isConnected = getter(Node.prototype, "isConnected");
  const eventTarget = getter(Event.prototype, "target");
  const eventType = getter(Event.prototype, "type");
  const preventDefault = uncurry(Event.prototype.preventDefault);
  const anchorHref = getter(HTMLAnchorElement.prototype, "href");
  const blobSize = getter(Blob.prototype, "size");
  const blobType = getter(Blob.prototype, "type");
  const blobArrayBuffer = uncurry(Blob.prototype.arrayBuffer);
  const startsWith = uncurry(String.prototype.startsWith);
  const endsWith = uncurry(String.prototype.endsWith);
  const indexOf = uncurry(String.prototype.indexOf);
  const slice = uncurry(String.prototype.slice);
  const toLowerCase = uncurry(String.prototype.toLowerCase);
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const mapGet = uncurry(Map.prototype.get);
  const mapSet = uncurry(Map.prototype.set);
  const mapDelete = uncurry(Map.prototype.delete);
  const encode = uncurry(TextEncoder.prototype.encode);
  const textEncoder = new TextEncoder();
  const decodeURIComponent_ = decodeURIComponent;
  const atob_ = atob;
  const btoa_ = btoa;
  const fromCharCode = String.fromCharCode;
  const stringify = JSON.stringify;
  const Uint8Array_ = Uint8Array;
  const CustomEvent_ = CustomEvent;
  const setTimeout_ = setTimeout;
  const addEventListener = uncurry(EventTarget.prototype.addEventListener);
  const dispatchEvent = uncurry(EventTarget.prototype.dispatchEvent);
  const createObjectURL = URL.createObjectURL;
  const revokeObjectURL = URL.revokeObjectURL;
  const htmlClick = uncurry(HTMLElement.prototype.click);
  const windowOpen = window.open;
  const isView = ArrayBuffer.isView;
  const blobsByUrl = new Map();

  if (hasAttribute(root, "data-rootguard-main")) return;
  // Marks that the hooks are in place (the replica's probe checks it ran first).
  setAttribute(root, "data-rootguard-main", "hooked");

  // The private channel: whichever of this script and the content script
  // runs first adds <rootguard-channel>; the other takes it out again. Both
  // run before any page script, so the page never sees the element.
  const channel = (() => {
    const found = querySelector(root, ":scope > rootguard-channel");
    if (found) return removeChild(root, found);
    return appendChild(root, createElement(doc, "rootguard-channel"));
  })();
  const send = (detail) => dispatchEvent(channel, new CustomEvent_("rootguard-capture", { detail: stringify(detail) }));

  /** Replace `target[name]` by `hook` for good: later assignments are ignored. */
  function guard(target, name, hook) {
    defineProperty(target, name, { configurable: false, enumerable: true, get: () => hook, set: () => {} });
  }

  // Brand checks: they hold across realms and ignore Symbol.hasInstance.
  const isBlob = (object) => {
    try {
      blobSize(object);
      return true;
    } catch {
      return false;
    }
  };
  const hrefOfAnchor = (element) => {
    try {
      return anchorHref(element);
    } catch {
      return null; // not an <a>
    }
  };

  // Object URLs are often revoked right after the click, so remember the Blob
  // behind every one the page makes (forgotten a minute after revocation).
  guard(URL, "createObjectURL", function (object) {
    const url = apply(createObjectURL, URL, [object]);
    if (isBlob(object)) mapSet(blobsByUrl, url, object);
    return url;
  });
  guard(URL, "revokeObjectURL", function (url) {
    setTimeout_(() => mapDelete(blobsByUrl, url), 60_000);
    return apply(revokeObjectURL, URL, [url]);
  });

  const isBlobOrData = (href) => typeof href === "string" && (startsWith(href, "blob:") || startsWith(href, "data:"));

  // Opening or navigating to a blob:/data: URL is how some pages "download"
  // text; images, PDFs and the like are left alone (they are viewed, not saved).
  function looksLikeAFile(href) {
    let type = "";
    if (startsWith(href, "blob:")) {
      const blob = mapGet(blobsByUrl, href);
      type = blob ? blobType(blob) : "";
    } else {
      const comma = indexOf(href, ",");
      const semicolon = indexOf(href, ";");
      const end = semicolon >= 0 && semicolon < comma ? semicolon : comma;
      type = toLowerCase(slice(href, 5, end));
    }
    return (
      type === "" ||
      startsWith(type, "text/") ||
      type === "application/octet-stream" ||
      type === "application/csv" ||
      type === "application/vnd.ms-excel"
    );
  }

  function toBase64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i++) binary += fromCharCode(bytes[i]);
    return btoa_(binary);
  }

  async function bytesOf(href) {
    if (startsWith(href, "blob:")) {
      const blob = mapGet(blobsByUrl, href);
      if (!blob) throw new Error("RootGuard did not see this download's Blob being made");
      return new Uint8Array_(await blobArrayBuffer(blob));
    }
    const comma = indexOf(href, ",");
    const meta = slice(href, 5, comma);
    const data = slice(href, comma + 1);
    if (endsWith(meta, ";base64")) {
      const binary = atob_(data);
      const bytes = new Uint8Array_(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = charCodeAt(binary, i);
      return bytes;
    }
    return encode(textEncoder, decodeURIComponent_(data));
  }

  // Hand the bytes over and forget them. Anything that fails saves nothing.
  function handOver(fileName, bytesPromise) {
    Promise.resolve(bytesPromise).then(
      (bytes) => send({ type: "download-captured", fileName, bytes: toBase64(bytes) }),
      (error) => send({ type: "download-failed", fileName, error: String(error) }),
    );
  }
  const capture = (href, fileName) => handOver(fileName, bytesOf(href));

  function downloadTarget(element) {
    const href = hrefOfAnchor(element);
    if (href === null || !hasAttribute(element, "download") || !isBlobOrData(href)) return null;
    return { href, fileName: getAttribute(element, "download") || "download" };
  }

  // Clicks on attached anchors (the user's or `.click()`), first of all listeners.
  addEventListener(
    window,
    "click",
    (event) => {
      const target = eventTarget(event);
      let anchor = null;
      try {
        anchor = closest(target, "a");
      } catch {
        return; // not an element
      }
      const download = downloadTarget(anchor);
      if (!download) return;
      preventDefault(event);
      capture(download.href, download.fileName);
    },
    true,
  );

  // `.click()` and synthetic click events on anchors that were never attached
  // to the document: their events never reach the window listener above.
  // Hooked on HTMLElement.prototype (where click lives) and pinned on
  // HTMLAnchorElement.prototype, so neither can be shadowed or restored.
  const click = function () {
    if (!isConnected(this)) {
      const download = downloadTarget(this);
      if (download) return void capture(download.href, download.fileName);
    }
    return htmlClick(this);
  };
  guard(HTMLElement.prototype, "click", click);
  guard(HTMLAnchorElement.prototype, "click", click);
  guard(EventTarget.prototype, "dispatchEvent", function (event) {
    if (hrefOfAnchor(this) !== null && !isConnected(this)) {
      let type = null;
      try {
        type = eventType(event);
      } catch {
        /* not an Event: the original throws below */
      }
      const download = type === "click" ? downloadTarget(this) : null;
      if (download) {
        capture(download.href, download.fileName);
        return false;
      }
    }
    return dispatchEvent(this, event);
  });

  // window.open(blob:/data:).
  guard(window, "open", function (url, ...rest) {
    const href = url === undefined ? "" : String(url instanceof URL ? url.href : url);
    if (isBlobOrData(href) && looksLikeAFile(href)) {
      capture(href, "");
      return null;
    }
    return apply(windowOpen, this, [url, ...rest]);
  });

  // `location.href = blob:…` and friends: Location cannot be redefined, but
  // the Navigation API lets a page's own navigations be cancelled.
  if (globalThis.navigation) {
    addEventListener(globalThis.navigation, "navigate", (event) => {
      const href = event.destination?.url ?? "";
      // <a download> activations are the click hooks' (Firefox also reports them here).
      if (!event.cancelable || event.downloadRequest != null) return;
      if (!isBlobOrData(href) || !looksLikeAFile(href)) return;
      preventDefault(event);
      capture(href, "");
    });
  }

  // Copies through the async Clipboard API (the console's copy icons):
  // handed to the content script, which asks the core whether a secret was
  // copied (a notice, and the clipboard cleared later). The page's write
  // goes ahead unchanged; nothing here decides.
  if (typeof Clipboard === "function") {
    const clipboardProto = Clipboard.prototype;
    const writeText = clipboardProto.writeText;
    const write = clipboardProto.write;
    const itemTypes = typeof ClipboardItem === "function" ? getter(ClipboardItem.prototype, "types") : null;
    const itemGetType = typeof ClipboardItem === "function" ? uncurry(ClipboardItem.prototype.getType) : null;
    const blobText = uncurry(Blob.prototype.text);
    const arrayIncludes = uncurry(Array.prototype.includes);
    const String_ = String;
    const copied = (text) => dispatchEvent(channel, new CustomEvent_("rootguard-clipboard", { detail: stringify({ text: slice(String_(text), 0, 100_000) }) }));
    if (typeof writeText === "function") {
      guard(clipboardProto, "writeText", function (data) {
        copied(data);
        return apply(writeText, this, [data]);
      });
    }
    if (typeof write === "function" && itemTypes) {
      guard(clipboardProto, "write", function (items) {
        try {
          for (let i = 0; i < items.length; i++) {
            if (!arrayIncludes(itemTypes(items[i]), "text/plain")) continue;
            Promise.resolve(itemGetType(items[i], "text/plain")).then((blob) => blobText(blob)).then(copied, () => {});
          }
        } catch {
          /* not ClipboardItems: the original rejects below */
        }
        return apply(write, this, [items]);
      });
    }
  }

  // The File System Access API (Chromium): the page gets a handle whose
  // writes are collected and handed over when it closes; no picker, no file.
  if (typeof window.showSaveFilePicker === "function") {
    guard(window, "showSaveFilePicker", async function (options = {}) {
      const name = String(options?.suggestedName || "download");
      const chunks = [];
      const toBytes = async (data) => {
        if (data && typeof data === "object" && "type" in data && !isBlob(data)) data = data.data;
        if (typeof data === "string") return encode(textEncoder, data);
        if (isBlob(data)) return new Uint8Array_(await blobArrayBuffer(data));
        if (isView(data)) return new Uint8Array_(data.buffer, data.byteOffset, data.byteLength).slice();
        if (data instanceof ArrayBuffer) return new Uint8Array_(data.slice(0));
        throw new TypeError("RootGuard: unsupported data written to a file handle");
      };
      const writable = {
        async write(data) {
          chunks.push(await toBytes(data));
        },
        async close() {
          let total = 0;
          for (const c of chunks) total += c.length;
          const bytes = new Uint8Array_(total);
          let offset = 0;
          for (const c of chunks) {
            bytes.set(c, offset);
            offset += c.length;
          }
          handOver(name, bytes);
        },
        async abort() {
          chunks.length = 0;
        },
        async seek() {},
        async truncate() {},
      };
      return { kind: "file", name, createWritable: async () => writable, getFile: async () => new File([], name) };
    });
  }
})();
