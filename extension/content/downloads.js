// RootGuard content script, downloads: carries what the page-realm script
// held back (extension/main-world/) to the background, answers it (release
// or drop), and shows how an export ended. A credentials file is handed to
// the background and never back to the page: the user is asked for a
// passphrase in a window of RootGuard's own, and only ciphertext is saved.
// Anything else the page-realm script starts again itself, so the browser
// saves it as without RootGuard. In a frame, the prompt and notices are
// shown by the tab's top frame.

import { toBase64 } from "../base64.js";
import { api, ask, fromRootGuard, ToBackground, ToContent } from "../protocol.js";
import { onChannel, pageToken, toPageRealm } from "./channel.js";
import { askCore } from "./core.js";
import { message as notice } from "./render.js";

let refused = 0; // downloads refused while this page's prompt was open
let blockedInARow = 0; // credentials files RootGuard could not save, one after another (a flood shows as one notice)
const blocked = (fileName, detail) =>
  notice("download-blocked", "downloadBlockedTitle", [fileName], "downloadBlockedBody", [detail]);
// Held back but never judged (unreadable, or the core did not answer): nothing was saved either.
const unchecked = (fileName, detail) =>
  notice("download-unchecked", "downloadUncheckedTitle", [fileName], "downloadUncheckedBody", [detail]);

// The page-realm script's answer, on the private channel: start the
// download again (not credentials), or forget it.
const decide = (id, release) => toPageRealm("rootguard-decision", { id, release });

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
  return toBase64(bytes);
}

// What the background did with credentials (a download, or a key read from
// the page): held for a passphrase (open the prompt), or in recipients mode
// already sealed and saved, or refused (nothing saved; say why).
export function exportHeld(fileName, held) {
  if (held.busy) {
    // Counted, so that a flood of downloads shows as one notice.
    refused += 1;
    const busy = notice("export-busy", "exportBusyTitle", [fileName], "exportBusyBody", [held.busyWith], "warning");
    busy.setAttribute("data-count", String(refused));
    busy.setAttribute("data-export-id", String(held.busyExportId)); // the export whose prompt is open
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
    const saved = notice("export-saved", "exportSavedTitle", [held.savedAs], "exportSealedToBody", [held.fileName, held.savedAs, held.sealedTo.join(", ")], "ok");
    saved.setAttribute("data-mode", "recipients");
    saved.setAttribute("data-recipients", JSON.stringify(held.sealedTo));
    return;
  }
  // The background opened the prompt window; the page only says where it is.
  const pending = notice("export-pending", "exportPendingTitle", [fileName], "exportPendingBody", [], "notice");
  pending.setAttribute("data-export-id", String(held.exportId));
}

/**
 * Carry this frame's held-back downloads to the background and its answers
 * back; in the top frame, also say what the background did with them.
 */
export function carryDownloads() {
  // A download the page started towards a blob: or data: URL, held back by
  // the page-realm script until the core has looked at it.
  onChannel("rootguard-capture", async (data) => {
    if (data?.type !== "download-captured" || !Number.isInteger(data.id)) return;
    const { id } = data;
    const fileName = String(data.fileName ?? "");
    const failed = (detail) => {
      decide(id, false);
      unchecked(fileName || "download", detail);
    };
    if (typeof data.failed === "string") return failed(data.failed);
    const message = { type: ToBackground.holdDownload, fileName, pageToken };
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
    const reply = await ask(message);
    if (!reply.ok) return failed(reply.error.message);
    const held = reply.result;
    if (typeof held.unchecked === "string") return failed(held.unchecked);
    decide(id, held.credentials === false);
    if (held.credentials !== false && !held.shownElsewhere) exportHeld(fileName, held);
  });

  if (window === top) {
    askCore({ type: ToBackground.pageStarted, pageToken }).then((answer) => {
      if (answer?.discarded) {
        notice("export-discarded", "exportDiscardedTitle", [answer.discarded], "exportDiscardedBody", [], "critical");
      }
    });
  }

  // The background, never the page or the frame, says how an export ended.
  api.runtime.onMessage.addListener((message, sender) => {
    if (!fromRootGuard(sender)) return;
    // A frame or popup of this page caught credentials: the prompt or notice is shown here, where the user is.
    if (message?.type === ToContent.exportHeld) return void exportHeld(String(message.fileName ?? ""), message.held ?? {});
    if (message?.type === ToContent.downloadStopped) {
      // Stopped by its content: its name gave nothing away, so say why RootGuard stopped it.
      const byContent = message.by === "content";
      const stopped = notice("download-stopped", "downloadStoppedTitle", [message.fileName], byContent ? "downloadStoppedByContentBody" : "downloadStoppedBody", []);
      stopped.setAttribute("data-by", byContent ? "content" : "name");
      return;
    }
    if (message?.type !== ToContent.exportFinished) return;
    if (message.outcome === "saved") {
      notice("export-saved", "exportSavedTitle", [message.savedAs], "exportSavedBody", [message.fileName, message.savedAs], "ok");
    } else if (message.outcome === "cancelled") {
      notice("export-cancelled", "exportCancelledTitle", [message.fileName], "exportCancelledBody", [], "warning");
    } else {
      blocked(message.fileName, message.error ?? "unknown error");
    }
  });
}
