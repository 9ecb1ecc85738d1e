// RootGuard's page-realm script. It runs in the console page's own world at
// document_start, before any page script, because only there can a download
// the page builds in memory (a Blob behind <a download>) be caught before the
// browser saves it. It only captures and hands over: the content script asks
// the Rust core, and this script obeys the answer.
(() => {
  "use strict";
  const root = document.documentElement;
  if (root.hasAttribute("data-rootguard-main")) return;
  // Marks that the hooks are in place (the replica's probe checks it ran first).
  root.setAttribute("data-rootguard-main", "hooked");

  // Keep the page-visible originals before anyone can replace them.
  const createObjectURL = URL.createObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const postMessage = window.postMessage.bind(window);
  const blobsByUrl = new Map();
  const pending = new Map();
  let nextId = 1;
  let bypass = false;

  // Object URLs are often revoked right after the click, so remember the Blob
  // behind every one the page makes.
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobsByUrl.set(url, object);
    return url;
  };

  function downloadTarget(anchor) {
    if (!(anchor instanceof HTMLAnchorElement) || !anchor.hasAttribute("download")) return null;
    const href = anchor.href;
    if (!href.startsWith("blob:") && !href.startsWith("data:")) return null;
    return { href, fileName: anchor.getAttribute("download") || "download" };
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

  // Hold the download, hand its bytes to the content script, wait for the
  // decision. Anything that fails leaves the download held: fail closed.
  function capture(target) {
    const id = nextId++;
    bytesOf(target.href).then(
      (bytes) => {
        pending.set(id, { bytes, fileName: target.fileName });
        postMessage({ source: "rootguard-main", type: "download-captured", id, fileName: target.fileName, bytes }, location.origin);
      },
      (error) => postMessage({ source: "rootguard-main", type: "download-failed", fileName: target.fileName, error: String(error) }, location.origin),
    );
  }

  function release(id) {
    const held = pending.get(id);
    pending.delete(id);
    if (!held) return;
    const anchor = document.createElement("a");
    anchor.download = held.fileName;
    anchor.href = createObjectURL.call(URL, new Blob([held.bytes]));
    bypass = true;
    try {
      anchorClick.call(anchor);
    } finally {
      bypass = false;
    }
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window || data?.source !== "rootguard-content" || data.type !== "download-decision") return;
    if (data.allow) release(data.id);
    else pending.delete(data.id);
  });

  // Clicks on attached anchors (the user's or `.click()`), first of all listeners.
  window.addEventListener(
    "click",
    (event) => {
      if (bypass) return;
      const anchor = event.target instanceof Element ? event.target.closest("a") : null;
      const target = downloadTarget(anchor);
      if (!target) return;
      event.preventDefault();
      capture(target);
    },
    true,
  );

  // `.click()` and synthetic click events on anchors that were never attached
  // to the document: their events never reach the window listener above.
  HTMLAnchorElement.prototype.click = function () {
    if (!bypass && !this.isConnected) {
      const target = downloadTarget(this);
      if (target) return void capture(target);
    }
    return anchorClick.call(this);
  };
  EventTarget.prototype.dispatchEvent = function (event) {
    if (!bypass && this instanceof HTMLAnchorElement && !this.isConnected && event?.type === "click") {
      const target = downloadTarget(this);
      if (target) {
        capture(target);
        return false;
      }
    }
    return dispatchEvent.call(this, event);
  };
})();
