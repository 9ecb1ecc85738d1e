// The leak guard on other sites (opt-in; registered by background/leak-guard.js
// only while it is on). A sensor: it notices when a field may hold an AWS
// access key, asks the Rust core (in the background: no Wasm runs in the
// page, so a strict CSP does not matter), and holds back sending from that
// field while a warning is unanswered.
//
// Cheap by construction: one input listener whose first test is the text's
// length (an ID and its secret are 60 characters at least), then a regular
// expression for an access-key-ID shape; only text that passes both is sent,
// to RootGuard's background and nowhere else, and not kept. Typed text waits
// for a pause in typing; pasted or dropped text is checked at once.
//
// Bundled by ./build.sh into dist/*/content/leak-guard.js and registered by
// background/leak-guard.js.

import { ask as askBackground, ToBackground } from "../protocol.js";
import { contentRules } from "./rules.js";
import { showLeakWarning } from "./leak-warning.js";

// Registered scripts can be injected twice: the second copy stays idle. The
// mark is on the isolated world's window, which the page cannot see.
const LOADED = Symbol.for("rootguard.leakGuard");
if (!globalThis[LOADED]) {
  globalThis[LOADED] = true;
  guardFields();
}

function guardFields() {
  const MIN_LENGTH = 60; // a 20-character ID plus a 40-character secret
  // The core's key-ID pattern, asked the first time a text is long enough;
  // until it is here any text that long is held and checked.
  let keyIdShape = null;
  const learnKeyIdShape = () =>
    contentRules().then(
      (rules) => (keyIdShape = rules.keyId),
      () => {}, // unanswered: the check itself will say so
    );
  const TYPING_PAUSE_MS = 400;
  const MAX_TEXT = 512 * 1024; // longer fields are checked in their first 512 KiB

  /** Per field: "dirty" (may hold a key, not checked yet), "checking", "warned". */
  const fields = new Map();
  let quietHere = false; // the guard is off, or this site is marked fine

  const editable = (target) => {
    const el = target instanceof Element ? target : null;
    if (!el || el.closest('[data-rootguard="leak-warning"]')) return null;
    if (el instanceof HTMLTextAreaElement) return el;
    if (el instanceof HTMLInputElement && ["text", "search", "url", "email", "password", ""].includes(el.type)) return el;
    const host = el.closest("[contenteditable]");
    return host?.isContentEditable ? host : null;
  };
  // The element itself, also inside a web component's open shadow root
  // (event.target is retargeted to the component's host there).
  const eventElement = (event) => event.composedPath?.()[0] ?? event.target;
  const textOf = (field) => ("value" in field ? field.value : field.textContent) ?? "";
  const mayHoldKey = (text) => {
    if (text.length < MIN_LENGTH) return false;
    if (!keyIdShape) {
      learnKeyIdShape();
      return true;
    }
    return keyIdShape.test(text);
  };

  function forget(field) {
    fields.get(field)?.warning?.close();
    fields.delete(field);
  }

  function clear(field) {
    if ("value" in field) field.value = "";
    else field.textContent = "";
    // Let the site's own code (a framework's state) see the field emptied.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  }

  async function ask(message) {
    const reply = await askBackground(message);
    if (reply.ok) return reply.result;
    console.error(`RootGuard: the leak guard got no answer from the core: ${reply.error.name}: ${reply.error.message}`);
    return null;
  }

  async function check(field) {
    const text = textOf(field);
    if (!mayHoldKey(text)) return forget(field);
    const state = { status: "checking", text, warning: fields.get(field)?.warning };
    fields.set(field, state);
    const answer = await ask({ type: ToBackground.leakCheck, text: text.slice(0, MAX_TEXT) });
    if (fields.get(field) !== state) return; // the field changed meanwhile; a newer check owns it
    if (!answer?.active) quietHere = answer !== null;
    if (!answer?.active || answer.findings.length === 0) return forget(field);
    state.status = "warned";
    state.warning?.close();
    const site = answer.origin;
    state.warning = showLeakWarning(field, { keyIds: answer.findings.map((f) => f.accessKeyId), site }, async (action) => {
      if (action === "remove") {
        forget(field);
        clear(field);
      } else {
        await ask({ type: ToBackground.leakAllowSite });
        quietHere = true;
        for (const other of [...fields.keys()]) forget(other);
        field.focus(); // back where the owner was typing, to send it
      }
    });
  }

  const pending = new WeakMap();
  document.addEventListener(
    "input",
    (event) => {
      if (quietHere) return;
      const field = editable(eventElement(event));
      if (!field) return;
      const text = textOf(field);
      if (!mayHoldKey(text)) {
        if (fields.has(field)) forget(field);
        return;
      }
      // Held from now on: Enter or submit before the check ends does not send.
      fields.set(field, { status: "dirty", text, warning: fields.get(field)?.warning });
      clearTimeout(pending.get(field));
      const pasted = /^insertFrom(Paste|Drop)|^insertReplacementText/.test(event.inputType ?? "");
      if (pasted) check(field);
      else pending.set(field, setTimeout(() => check(field), TYPING_PAUSE_MS));
    },
    true,
  );

  /** Fields a send from `from` would carry: in the same form, or any when there is no form. */
  const heldFor = (from) => {
    const form = from?.closest?.("form");
    return [...fields.keys()].filter((field) => field.isConnected && (!form || !field.form || field.form === form || form.contains(field)));
  };
  const hold = (event, held) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    for (const field of held) {
      const state = fields.get(field);
      if (state?.status === "dirty") {
        clearTimeout(pending.get(field));
        check(field);
      }
    }
  };

  // Capture on window: these run before the site's own handlers.
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Enter" || event.shiftKey || quietHere || fields.size === 0) return;
      const field = editable(eventElement(event));
      if (field && fields.has(field)) hold(event, [field]);
    },
    true,
  );
  window.addEventListener(
    "submit",
    (event) => {
      if (quietHere || fields.size === 0) return;
      const held = heldFor(event.target);
      if (held.length) hold(event, held);
    },
    true,
  );
  window.addEventListener(
    "click",
    (event) => {
      if (quietHere || fields.size === 0) return;
      const button = event.target instanceof Element ? event.target.closest('button, input[type="submit"], [role="button"]') : null;
      if (!button || button.closest('[data-rootguard="leak-warning"]')) return;
      const held = heldFor(button);
      if (held.length) hold(event, held);
    },
    true,
  );
}
