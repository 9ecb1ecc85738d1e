// RootGuard content script, the clipboard: notices when a secret access key
// (or a whole credentials text) is copied from a console page, through the
// console's copy icons (the async Clipboard API, reported by extension/main-world/clipboard.js
// over the private channel) or the user's own copy or cut of a selection,
// says so next to what was copied (content/placement.js placeBeside), and,
// unless the owner turned it off, clears the clipboard after a
// while if no later copy was seen in any console tab (the background keeps
// count; background/hygiene.js explains why that is the test).
//
// Every copy is reported, secret or not, since any later copy means the
// clipboard no longer holds the secret. The text goes to the core to be
// classified and is not kept here.
//
// Clearing writes an empty text, with the clipboardWrite permission only:
// the async Clipboard API where the browser allows it from a content script
// without a user gesture, else execCommand("copy") with a copy handler that
// supplies the empty text (SECURITY.md, "Shown secret and clipboard", for
// how Chrome and Firefox differ).

import { ToBackground } from "../protocol.js";
import { onChannel } from "./channel.js";
import { askCore } from "./core.js";
import { placeBeside } from "./placement.js";
import * as render from "./render.js";

const { t } = render;
// The element the user last pressed (pointer, or Enter/Space on it): for a
// copy through the Clipboard API, the console's copy icon, which sits next
// to what it copies. The notice goes there.
let lastPressed = null;
let writing = false; // RootGuard's own copy event, while it writes the clipboard
/** The pending clear: { generation, timer, notice, ... }. */
let pending = null;

// `subject`: what was copied, on the page (a field, the selection's
// element, the copy icon), or null; the notice is placed next to it.
async function copied(text, subject) {
  const answer = await askCore({ type: ToBackground.clipboardCopied, text });
  if (!answer) return;
  // A later copy replaces what an earlier notice was about.
  drop();
  if (answer.kind === "nothing") return;
  notify(answer, subject);
}

function notify({ kind, generation, clear, seconds }, subject) {
  const [notice, shadow] = render.host("clipboard-notice", "warning");
  const body = render.el("p", { "data-rootguard": "clipboard-status" });
  const keep = render.el("button", { type: "button", "data-rootguard-action": "keep-clipboard", text: t("clipboardKeep"), onclick: () => keepIt() });
  // Dismiss only takes the notice away: the clear still happens (Keep it is the way to stop it).
  const dismiss = render.el("button", { type: "button", "data-rootguard-action": "dismiss", text: t("dismiss"), onclick: () => notice.remove() });
  shadow.append(
    render.el(
      "section",
      { class: "notice", "data-severity": "warning", role: "status", "aria-label": t(kind === "secret" ? "clipboardSecretTitle" : "clipboardCredentialsTitle") },
      render.el("div", { class: "label", text: t("noticeLabel") }),
      render.el("h2", { text: t(kind === "secret" ? "clipboardSecretTitle" : "clipboardCredentialsTitle") }),
      body,
      render.el("div", { class: "actions" }, clear ? keep : null, dismiss),
    ),
  );
  notice.setAttribute("data-kind", kind);
  if (!placeBeside(notice, subject)) render.ensureStack().append(notice);
  pending = { generation, notice, body, keep, timer: 0, deadline: Date.now() + seconds * 1000 };
  if (!clear) {
    notice.setAttribute("data-state", "not-clearing");
    body.textContent = t("clipboardNotClearing");
    return;
  }
  notice.setAttribute("data-state", "counting");
  const tick = () => {
    const left = Math.max(0, Math.ceil((pending.deadline - Date.now()) / 1000));
    body.textContent = t("clipboardCountdown", [String(left)]);
    notice.setAttribute("data-seconds-left", String(left));
    if (left === 0) {
      clearInterval(pending.timer);
      timeUp(pending);
    }
  };
  tick();
  pending.timer = setInterval(tick, 250);
}

function keepIt() {
  if (!pending) return;
  clearInterval(pending.timer);
  pending.notice.setAttribute("data-state", "kept");
  pending.body.textContent = t("clipboardKept");
  pending.keep.remove();
}

function drop() {
  if (!pending) return;
  clearInterval(pending.timer);
  pending.notice.remove();
  pending = null;
}

async function timeUp(which) {
  const answer = await askCore({ type: ToBackground.clipboardMayClear, generation: which.generation });
  if (pending !== which) return; // a later copy came while asking
  if (!answer?.clear) {
    which.notice.setAttribute("data-state", "superseded");
    which.body.textContent = t("clipboardSuperseded");
    which.keep.remove();
    return;
  }
  const how = await clearClipboard();
  which.keep.remove();
  which.notice.setAttribute("data-state", how ? "cleared" : "failed");
  which.notice.setAttribute("data-cleared-by", how ?? "");
  which.notice.setAttribute("data-severity", how ? "ok" : "critical");
  which.body.textContent = how ? t("clipboardCleared") : t("clipboardClearFailed");
}

// Write an empty text. Returns how it worked, or null when it did not.
const clearClipboard = () => writeClipboard("");

// Write a text of RootGuard's own (the empty text, a page report); the
// copy event of the fallback is RootGuard's, not the user's. Returns how it
// worked ("clipboard-api", "copy-command"), or null when it did not.
async function writeClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return "clipboard-api";
  } catch {
    /* not allowed here now (Chrome: the page must have focus): try the copy command */
  }
  const supply = (event) => {
    event.stopImmediatePropagation();
    event.preventDefault();
    event.clipboardData.setData("text/plain", text);
  };
  writing = true;
  addEventListener("copy", supply, true);
  try {
    return document.execCommand("copy") ? "copy-command" : null;
  } catch {
    return null;
  } finally {
    removeEventListener("copy", supply, true);
    writing = false;
  }
}

/**
 * Copy a text for the user (content/page-report.js), on their click.
 * It is a later copy like any other: a pending clear of a copied secret
 * is called off (the clipboard no longer holds the secret) instead of
 * wiping what the user just copied. Returns how it was written, or null.
 */
export async function copyForUser(text) {
  const how = await writeClipboard(text);
  if (how) copied(text, null);
  return how;
}

// The user's own copy or cut: what is selected (in a field, its
// selection), and where it is on the page.
function selected() {
  const field = document.activeElement;
  if (field && typeof field.selectionStart === "number" && typeof field.value === "string") {
    try {
      return { text: field.value.slice(field.selectionStart, field.selectionEnd), subject: field };
    } catch {
      /* an input type without selection: fall through */
    }
  }
  const selection = getSelection();
  const subject = selection?.rangeCount ? selection.getRangeAt(0).commonAncestorContainer : null;
  return { text: String(selection ?? ""), subject };
}
/** Watch copies: the user's own copy or cut, and the console's copy icons. */
export function watchCopies() {
  for (const type of ["copy", "cut"]) {
    addEventListener(type, () => {
      if (writing) return;
      const { text, subject } = selected();
      copied(text, subject);
    }, true);
  }
  addEventListener("pointerdown", (event) => (lastPressed = event.target), true);
  addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") lastPressed = event.target;
  }, true);
  // The console's copy icons (navigator.clipboard.writeText/write), from extension/main-world/clipboard.js.
  onChannel("rootguard-clipboard", (data) => {
    if (typeof data?.text === "string") copied(data.text, lastPressed);
  });
}
