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

  // Downloads caught by the page-realm script (main-world.js).
  addEventListener("message", async (event) => {
    const data = event.data;
    if (event.source !== window || data?.source !== "rootguard-main") return;
    if (data.type === "download-failed") {
      RootGuard.render.message("download-blocked", "downloadBlockedTitle", [data.fileName], "downloadBlockedBody", []);
      return;
    }
    if (data.type !== "download-captured") return;
    const verdict = await ask({ type: "classify-download", fileName: data.fileName, bytes: Array.from(data.bytes) });
    const allow = verdict !== null && !verdict.byName && !verdict.byContent;
    if (!allow) {
      RootGuard.render.message("download-blocked", "downloadBlockedTitle", [data.fileName], "downloadBlockedBody", []);
    }
    postMessage({ source: "rootguard-content", type: "download-decision", id: data.id, allow }, location.origin);
  });
})();
