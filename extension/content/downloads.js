// RootGuard content script, downloads: carries what the page-realm script
// caught (main-world.js) to the background, and shows how an export ended.
// A credentials file is handed to the background and never back to the page:
// the user is asked for a passphrase in an extension-origin frame, and only
// ciphertext is saved. Anything else the background saves untouched.
"use strict";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const ask = RootGuard.ask;
  const blocked = (fileName, detail) =>
    RootGuard.render.message("download-blocked", "downloadBlockedTitle", [fileName], "downloadBlockedBody", [detail]);

  addEventListener("message", async (event) => {
    const data = event.data;
    if (event.source !== window || data?.source !== "rootguard-main") return;
    if (data.type === "download-failed") return blocked(data.fileName, data.error);
    if (data.type !== "download-captured") return;
    if (!ArrayBuffer.isView(data.bytes)) return;
    const held = await ask({ type: "hold-download", fileName: data.fileName, bytes: Array.from(data.bytes) });
    if (held === null) return blocked(data.fileName, "the Rust core did not answer");
    if (held.credentials) RootGuard.render.exportDialog(held.exportId, held.frameUrl);
  });

  // The background, never the page or the frame, says how an export ended.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    if (message?.type === "download-stopped") {
      RootGuard.render.message("download-stopped", "downloadStoppedTitle", [message.fileName], "downloadStoppedBody", []);
      return;
    }
    if (message?.type !== "export-finished") return;
    RootGuard.render.closeExportDialog(message.exportId);
    if (message.outcome === "saved") {
      RootGuard.render.message("export-saved", "exportSavedTitle", [message.savedAs], "exportSavedBody", [message.fileName, message.savedAs], "ok");
    } else if (message.outcome === "cancelled") {
      RootGuard.render.message("export-cancelled", "exportCancelledTitle", [message.fileName], "exportCancelledBody", [], "warning");
    } else {
      blocked(message.fileName, message.error ?? "unknown error");
    }
  });
})();
