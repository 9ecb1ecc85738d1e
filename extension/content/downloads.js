// RootGuard content script, downloads: carries what the page-realm script
// caught (main-world.js) to the background, and shows how an export ended.
// A credentials file is handed to the background and never back to the page:
// the user is asked for a passphrase in an extension-origin frame, and only
// ciphertext is saved. Anything else the background saves untouched.
"use strict";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const ask = RootGuard.ask;
  // This page's identity for the background: a prompt left pending under
  // another token belonged to a page this tab has since left.
  const pageToken = crypto.randomUUID();
  let refused = 0; // downloads refused while this page's prompt was open
  const blocked = (fileName, detail) =>
    RootGuard.render.message("download-blocked", "downloadBlockedTitle", [fileName], "downloadBlockedBody", [detail]);

  // The private channel from main-world.js (see there): whichever script
  // runs first adds the element, the other takes it out, both before any page
  // script runs, so only RootGuard's page-realm script can send on it.
  const root = document.documentElement;
  let channel = root.querySelector(":scope > rootguard-channel");
  if (channel) channel.remove();
  else channel = root.appendChild(document.createElement("rootguard-channel"));
  // The shown-secret and clipboard scripts share this page's channel and identity.
  Object.assign(RootGuard, { channel, pageToken });

  channel.addEventListener("rootguard-capture", async (event) => {
    let data;
    try {
      data = JSON.parse(String(event.detail));
    } catch {
      return;
    }
    const fileName = String(data?.fileName ?? "");
    if (data?.type === "download-failed") return blocked(fileName, String(data.error));
    if (data?.type !== "download-captured" || typeof data.bytes !== "string") return;
    const bytes = Array.from(atob(data.bytes), (c) => c.charCodeAt(0));
    const held = await ask({ type: "hold-download", fileName, bytes, pageToken });
    if (held === null) return blocked(fileName, "the Rust core did not answer");
    if (held.busy) {
      // Counted, so that a flood of downloads shows as one notice.
      refused += 1;
      const notice = RootGuard.render.message("export-busy", "exportBusyTitle", [fileName], "exportBusyBody", [held.busyWith], "warning");
      notice.setAttribute("data-count", String(refused));
      return;
    }
    refused = 0;
    if (held.credentials) RootGuard.exportHeld(fileName, held);
  });

  // What the background did with credentials (a download, or a key read from
  // the page): held for a passphrase (open the prompt), or in recipients mode
  // already sealed and saved, or refused (nothing saved; say why).
  RootGuard.exportHeld = (fileName, held) => {
    if (held.failed) return blocked(fileName, held.failed);
    if (held.sealedTo) {
      const notice = RootGuard.render.message("export-saved", "exportSavedTitle", [held.savedAs], "exportSealedToBody", [held.fileName, held.savedAs, held.sealedTo.join(", ")], "ok");
      notice.setAttribute("data-mode", "recipients");
      notice.setAttribute("data-recipients", JSON.stringify(held.sealedTo));
      return;
    }
    RootGuard.render.exportDialog(held.exportId, held.frameUrl, held.frameKey);
  };

  if (window === top) {
    ask({ type: "page-started", pageToken }).then((answer) => {
      if (answer?.discarded) {
        RootGuard.render.message("export-discarded", "exportDiscardedTitle", [answer.discarded], "exportDiscardedBody", [], "critical");
      }
    });
  }

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
