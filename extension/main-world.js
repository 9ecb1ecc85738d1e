// RootGuard's page-realm script. It runs in the console page's own world at
// document_start, before any page script, because only there can a download
// the page builds in memory (a Blob behind <a download>, window.open, a
// navigation to a blob: URL, the File System Access API) be caught before the
// browser saves it. It only captures and hands over: the content script asks
// the Rust core, and the extension saves (ciphertext, or the untouched file
// when it holds no credentials). Nothing here saves anything, so no message a
// page script forges can make it release a file.
(() => {
  "use strict";
  const root = document.documentElement;
  if (root.hasAttribute("data-rootguard-main")) return;
  // Marks that the hooks are in place (the replica's probe checks it ran first).
  root.setAttribute("data-rootguard-main", "hooked");

  // Keep the page-visible originals before anyone can replace them.
  const createObjectURL = URL.createObjectURL;
  const revokeObjectURL = URL.revokeObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const windowOpen = window.open;
  const postMessage = window.postMessage.bind(window);
  const blobsByUrl = new Map();

  // Object URLs are often revoked right after the click, so remember the Blob
  // behind every one the page makes (forgotten a minute after revocation).
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobsByUrl.set(url, object);
    return url;
  };
  URL.revokeObjectURL = function (url) {
    setTimeout(() => blobsByUrl.delete(url), 60_000);
    return revokeObjectURL.call(URL, url);
  };

  const isBlobOrData = (href) => typeof href === "string" && (href.startsWith("blob:") || href.startsWith("data:"));

  // Opening or navigating to a blob:/data: URL is how some pages "download"
  // text; images, PDFs and the like are left alone (they are viewed, not saved).
  function looksLikeAFile(href) {
    const type = href.startsWith("blob:") ? blobsByUrl.get(href)?.type ?? "" : href.slice(5, href.search(/[;,]/)).toLowerCase();
    return type === "" || /^(text\/|application\/(octet-stream|csv|vnd\.ms-excel))/.test(type);
  }

  async function bytesOf(href) {
    if (href.startsWith("blob:")) {
      const blob = blobsByUrl.get(href);
      if (!blob) throw new Error("RootGuard did not see this download's Blob being made");
      return new Uint8Array(await blob.arrayBuffer());
    }
    const comma = href.indexOf(",");
    const meta = href.slice(5, comma);
    const data = href.slice(comma + 1);
    if (meta.endsWith(";base64")) return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new TextEncoder().encode(decodeURIComponent(data));
  }

  // Hand the bytes over and forget them. Anything that fails saves nothing.
  function handOver(fileName, bytesPromise) {
    Promise.resolve(bytesPromise).then(
      (bytes) => postMessage({ source: "rootguard-main", type: "download-captured", fileName, bytes }, location.origin),
      (error) => postMessage({ source: "rootguard-main", type: "download-failed", fileName, error: String(error) }, location.origin),
    );
  }
  const capture = (href, fileName) => handOver(fileName, bytesOf(href));

  function downloadTarget(anchor) {
    if (!(anchor instanceof HTMLAnchorElement) || !anchor.hasAttribute("download")) return null;
    if (!isBlobOrData(anchor.href)) return null;
    return { href: anchor.href, fileName: anchor.getAttribute("download") || "download" };
  }

  // Clicks on attached anchors (the user's or `.click()`), first of all listeners.
  window.addEventListener(
    "click",
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest("a") : null;
      const target = downloadTarget(anchor);
      if (!target) return;
      event.preventDefault();
      capture(target.href, target.fileName);
    },
    true,
  );

  // `.click()` and synthetic click events on anchors that were never attached
  // to the document: their events never reach the window listener above.
  HTMLAnchorElement.prototype.click = function () {
    if (!this.isConnected) {
      const target = downloadTarget(this);
      if (target) return void capture(target.href, target.fileName);
    }
    return anchorClick.call(this);
  };
  EventTarget.prototype.dispatchEvent = function (event) {
    if (this instanceof HTMLAnchorElement && !this.isConnected && event?.type === "click") {
      const target = downloadTarget(this);
      if (target) {
        capture(target.href, target.fileName);
        return false;
      }
    }
    return dispatchEvent.call(this, event);
  };

  // window.open(blob:/data:).
  window.open = function (url, ...rest) {
    const href = url === undefined ? "" : String(url instanceof URL ? url.href : url);
    if (isBlobOrData(href) && looksLikeAFile(href)) {
      capture(href, "");
      return null;
    }
    return windowOpen.call(this, url, ...rest);
  };

  // `location.href = blob:…` and friends: Location cannot be redefined, but
  // the Navigation API lets a page's own navigations be cancelled.
  globalThis.navigation?.addEventListener("navigate", (event) => {
    const href = event.destination?.url ?? "";
    // <a download> activations are the click hooks' (Firefox also reports them here).
    if (!event.cancelable || event.downloadRequest != null) return;
    if (!isBlobOrData(href) || !looksLikeAFile(href)) return;
    event.preventDefault();
    capture(href, "");
  });

  // The File System Access API (Chromium): the page gets a handle whose
  // writes are collected and handed over when it closes; no picker, no file.
  if (typeof window.showSaveFilePicker === "function") {
    window.showSaveFilePicker = async function (options = {}) {
      const name = String(options?.suggestedName || "download");
      const chunks = [];
      const toBytes = async (data) => {
        if (data && typeof data === "object" && "type" in data && !(data instanceof Blob)) data = data.data;
        if (typeof data === "string") return new TextEncoder().encode(data);
        if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
        if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
        throw new TypeError("RootGuard: unsupported data written to a file handle");
      };
      const writable = {
        async write(data) {
          chunks.push(await toBytes(data));
        },
        async close() {
          const total = chunks.reduce((n, c) => n + c.length, 0);
          const bytes = new Uint8Array(total);
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
    };
  }
})();
