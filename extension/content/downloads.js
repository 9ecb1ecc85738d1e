// RootGuard content script, downloads: carries what the page-realm script
// held back (extension/main-world/) to the background, answers it (release
// or drop), and shows how an export ended. A credentials file is handed to
// the background and never back to the page: the user is asked for a
// passphrase in a window of RootGuard's own, and only ciphertext is saved.
// Anything else the page-realm script starts again itself, so the browser
// saves it as without RootGuard. In a frame, the prompt and notices are
// shown by the tab's top frame.
"use strict";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const ask = RootGuard.ask;
  // This page's identity for the background: a prompt left pending under
  // another token belonged to a page this tab has since left.
  const pageToken = crypto.randomUUID();
  let refused = 0; // downloads refused while this page's prompt was open
  let blockedInARow = 0; // credentials files RootGuard could not save, one after another (a flood shows as one notice)
  const blocked = (fileName, detail) =>
    RootGuard.render.message("download-blocked", "downloadBlockedTitle", [fileName], "downloadBlockedBody", [detail]);
  // Held back but never judged (unreadable, or the core did not answer): nothing was saved either.
  const unchecked = (fileName, detail) =>
    RootGuard.render.message("download-unchecked", "downloadUncheckedTitle", [fileName], "downloadUncheckedBody", [detail]);

  // The private channel from the page-realm script (extension/main-world/channel.js): whichever script
  // runs first adds the element, the other takes it out, both before any page
  // script runs, so only RootGuard's page-realm script can send on it.
  const root = document.documentElement;
  let channel = root.querySelector(":scope > rootguard-channel");
  if (channel) channel.remove();
  else channel = root.appendChild(document.createElement("rootguard-channel"));
  // The shown-secret and clipboard scripts share this page's channel and identity.
  Object.assign(RootGuard, { channel, pageToken });

  // The page-realm script's answer, on the private channel: start the
  // download again (not credentials), or forget it.
  const decide = (id, release) => channel.dispatchEvent(new CustomEvent("rootguard-decision", { detail: JSON.stringify({ id, release }) }));

  // A blob URL made where the page-realm script has no hook (a Worker): read
  // here, never more than the core needs to judge it (the page realm says
  // how much: one byte past the largest credentials file).
  async function readBlobUrl(url, readAtMost) {
    const response = await fetch(url);
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    while (length < readAtMost) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
    reader.cancel().catch(() => {});
    const bytes = new Uint8Array(Math.min(length, readAtMost));
    let offset = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, bytes.length - offset);
      bytes.set(part, offset);
      offset += part.length;
    }
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  // A download the page started towards a blob: or data: URL, held back by
  // the page-realm script until the core has looked at it.
  channel.addEventListener("rootguard-capture", async (event) => {
    let data;
    try {
      data = JSON.parse(String(event.detail));
    } catch {
      return;
    }
    if (data?.type !== "download-captured" || !Number.isInteger(data.id)) return;
    const { id } = data;
    const fileName = String(data.fileName ?? "");
    const failed = (detail) => {
      decide(id, false);
      unchecked(fileName || "download", detail);
    };
    if (typeof data.failed === "string") return failed(data.failed);
    const message = { type: "hold-download", fileName, pageToken };
    if (typeof data.dataUrl === "string") message.dataUrl = data.dataUrl;
    else if (typeof data.bytes === "string") message.bytes = data.bytes;
    else if (typeof data.blobUrl === "string") {
      try {
        message.bytes = await readBlobUrl(data.blobUrl, Number(data.readAtMost));
      } catch (error) {
        return failed(String(error?.message ?? error));
      }
    } else return;
    // What went wrong, in the background's words (the notice says the file was not checked, not what it holds).
    const reply = await RootGuard.askForReply(message);
    if (!reply.ok) return failed(reply.error);
    const held = reply.result;
    if (typeof held.unchecked === "string") return failed(held.unchecked);
    decide(id, held.credentials === false);
    if (held.credentials !== false && !held.shownElsewhere) RootGuard.exportHeld(fileName, held);
  });

  // What the background did with credentials (a download, or a key read from
  // the page): held for a passphrase (open the prompt), or in recipients mode
  // already sealed and saved, or refused (nothing saved; say why).
  RootGuard.exportHeld = (fileName, held) => {
    if (held.busy) {
      // Counted, so that a flood of downloads shows as one notice.
      refused += 1;
      const notice = RootGuard.render.message("export-busy", "exportBusyTitle", [fileName], "exportBusyBody", [held.busyWith], "warning");
      notice.setAttribute("data-count", String(refused));
      notice.setAttribute("data-export-id", String(held.busyExportId)); // the export whose prompt is open
      return;
    }
    refused = 0;
    if (held.failed) {
      blockedInARow += 1;
      blocked(fileName, held.failed).setAttribute("data-count", String(blockedInARow));
      return;
    }
    blockedInARow = 0;
    if (held.sealedTo) {
      const notice = RootGuard.render.message("export-saved", "exportSavedTitle", [held.savedAs], "exportSealedToBody", [held.fileName, held.savedAs, held.sealedTo.join(", ")], "ok");
      notice.setAttribute("data-mode", "recipients");
      notice.setAttribute("data-recipients", JSON.stringify(held.sealedTo));
      return;
    }
    // The background opened the prompt window; the page only says where it is.
    const notice = RootGuard.render.message("export-pending", "exportPendingTitle", [fileName], "exportPendingBody", [], "notice");
    notice.setAttribute("data-export-id", String(held.exportId));
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
    // A frame or popup of this page caught credentials: the prompt or notice is shown here, where the user is.
    if (message?.type === "export-held") return void RootGuard.exportHeld(String(message.fileName ?? ""), message.held ?? {});
    if (message?.type === "download-stopped") {
      // Stopped by its content: its name gave nothing away, so say why RootGuard stopped it.
      const byContent = message.by === "content";
      const notice = RootGuard.render.message("download-stopped", "downloadStoppedTitle", [message.fileName], byContent ? "downloadStoppedByContentBody" : "downloadStoppedBody", []);
      notice.setAttribute("data-by", byContent ? "content" : "name");
      return;
    }
    if (message?.type !== "export-finished") return;
    if (message.outcome === "saved") {
      RootGuard.render.message("export-saved", "exportSavedTitle", [message.savedAs], "exportSavedBody", [message.fileName, message.savedAs], "ok");
    } else if (message.outcome === "cancelled") {
      RootGuard.render.message("export-cancelled", "exportCancelledTitle", [message.fileName], "exportCancelledBody", [], "warning");
    } else {
      blocked(message.fileName, message.error ?? "unknown error");
    }
  });
})();
