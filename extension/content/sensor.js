// RootGuard content script: a thin sensor. It collects what the console page
// shows as plain data, asks the Rust core (in the background) what to do, and
// hands the answer to the renderer. It also carries downloads the page-realm
// script caught to the core and returns its decision.
"use strict";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;

  function observe() {
    const meta = document.querySelector('meta[name="awsc-session-data"]');
    const nav = document.querySelector('[data-testid="account-detail-menu"]');
    return {
      url: location.href,
      sessionData: meta?.getAttribute("content") ?? null,
      navigationText: nav?.textContent ?? null,
      navigationHasUserLine: Boolean(document.querySelector('[data-testid="awsc-copy-username"]')),
    };
  }

  async function ask(message) {
    let reply;
    try {
      reply = await api.runtime.sendMessage(message);
    } catch (error) {
      reply = { ok: false, error: String(error?.message ?? error) };
    }
    if (!reply?.ok) {
      const detail = reply?.error ?? "no answer from the background";
      console.error("RootGuard: the core did not answer:", detail);
      RootGuard.render.message("core-unavailable", "coreUnavailableTitle", [], "coreUnavailableBody", [detail]);
      return null;
    }
    return reply.result;
  }

  let lastUrl = null;
  async function assess() {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    const verdict = await ask({ type: "assess-page", observation: observe() });
    if (verdict && location.href === lastUrl) RootGuard.render.verdict(verdict);
  }

  // The console is an SPA: the route lives in the fragment.
  addEventListener("hashchange", assess);
  addEventListener("popstate", assess);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", assess, { once: true });
  else assess();

  // Downloads caught by the page-realm script (main-world.js). A credentials
  // file is handed to the background and never back to the page: the user is
  // asked for a passphrase in an extension-origin frame, and only ciphertext
  // is saved. Anything else the background saves untouched, as the page meant.
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
