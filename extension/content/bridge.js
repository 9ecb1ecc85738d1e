// RootGuard content scripts' one way to the Rust core (in the background).
// When it does not answer, the page is told: warnings are unavailable and
// credential downloads are not saved (fail closed).
"use strict";

globalThis.RootGuard = globalThis.RootGuard ?? {};

/** The background's answer: `{ok: true, result}`, or `{ok: false, error}` saying what went wrong. */
RootGuard.askForReply = async (message) => {
  const api = globalThis.browser ?? globalThis.chrome;
  let reply;
  try {
    reply = await api.runtime.sendMessage(message);
  } catch (error) {
    reply = { ok: false, error: String(error?.message ?? error) };
  }
  return reply?.ok ? reply : { ok: false, error: String(reply?.error ?? "no answer from the background") };
};

RootGuard.ask = async (message) => {
  const reply = await RootGuard.askForReply(message);
  if (!reply.ok) {
    const detail = reply.error;
    console.error("RootGuard: the core did not answer:", detail);
    RootGuard.render.message("core-unavailable", "coreUnavailableTitle", [], "coreUnavailableBody", [detail]);
    return null;
  }
  return reply.result;
};
