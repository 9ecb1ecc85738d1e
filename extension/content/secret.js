// RootGuard content script, the shown secret: on a create-access-key
// wizard (the core says which routes are), notices when the console shows
// the secret access key after Show, puts a notice next to it with a
// countdown, and when the time runs out hides it again: by clicking the
// console's own Hide (so the console's state stays consistent), and, if the
// secret is still visible after that, by covering it with a mask. "Encrypt
// and save instead" hands the key ID and secret read from the page to the
// background, which saves them only encrypted (the export path).
//
// What is on screen is read as text: a leaf whose whole text has the
// secret's form (40 characters of base64's alphabet), confirmed by the core.
// The secret is in the page only while shown, so that is the only time it
// can be read; before Show, Download .csv file is the way to save it.

import { ToBackground } from "../protocol.js";
import { pageToken } from "./channel.js";
import { askCore } from "./core.js";
import { exportHeld } from "./downloads.js";
import { placeBeside } from "./placement.js";
import * as render from "./render.js";
import { contentRules, whole } from "./rules.js";
import { onPageChanges } from "./page-changes.js";
import { observePage, onVerdict } from "./sensor.js";

const { t } = render;
const ours = (node) => Boolean(node.parentElement?.closest("[data-rootguard]"));

let watching = false;
/** The secret now shown: { element, text, notice, timer, deadline, state }. */
let shown = null;
/** Texts the core said are not secrets (asked once each). */
const notSecrets = new Set();
const masks = new Set();

/** The core's form of a secret access key, anchored (content/rules.js); there before the first scan. */
let secretForm = null;

/** Leaves under `roots` (elements or text nodes) whose whole text has the secret's form. */
function secretsIn(roots) {
  const found = [];
  const consider = (node) => {
    const text = node.data.trim();
    if (!secretForm.test(text) || ours(node)) return;
    const element = node.parentElement;
    if (!element || element.textContent.trim() !== text || masked(element)) return;
    found.push({ element, text });
  };
  for (const root of roots) {
    if (root.nodeType === Node.TEXT_NODE) {
      consider(root);
      continue;
    }
    if (root.nodeType !== Node.ELEMENT_NODE || root.hasAttribute("data-rootguard")) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) consider(node);
  }
  return found;
}
/** Every leaf of the page whose whole text has the secret's form. */
const visibleSecrets = () => secretsIn([document.body ?? document.documentElement]);
const masked = (element) => [...masks].some((m) => m.isConnected && m.rootguardCovers === element);
const stillShown = () => shown.element.isConnected && shown.element.textContent.trim() === shown.text;

// Look at what the page just showed: `found`, the secret-like leaves among
// the nodes it added or changed (content/page-changes.js hands them over),
// or, when the watch starts and after a mask is taken off, the whole page.
async function scan(found) {
  if (!watching) return;
  if (shown && !stillShown()) end();
  const candidates = found.filter((c) => !notSecrets.has(c.text));
  if (shown || !candidates.length) return;
  const candidate = candidates[0];
  const answer = await askCore({ type: ToBackground.secretShown, text: candidate.text });
  if (!answer) return;
  if (!answer.secret) {
    notSecrets.add(candidate.text);
    return;
  }
  if (shown || !candidate.element.isConnected || candidate.element.textContent.trim() !== candidate.text) return;
  start(candidate, answer.revealSeconds);
}

// Only what changed is looked at: the texts changed and the nodes added.
function changed(records) {
  if (!secretForm) return; // the whole page is looked at once the form is here (scanPage)
  const roots = [];
  for (const record of records) {
    if (record.type === "characterData") roots.push(record.target);
    else for (const node of record.addedNodes) roots.push(node);
  }
  scan(roots.length ? secretsIn(roots) : []);
}

async function scanPage() {
  secretForm ??= whole((await contentRules()).secret);
  scan(visibleSecrets());
}

// The console's control that toggles the secret: a labelled button or
// link next to it (the copy icon has no text). Found by place, not by
// label, since the label depends on the console's language.
function toggleFor(element) {
  let scope = element.parentElement;
  for (let depth = 0; scope && depth < 3; depth += 1, scope = scope.parentElement) {
    const controls = [...scope.querySelectorAll("button, a[href], [role=button]")].filter(
      (c) => !c.closest("[data-rootguard]") && !c.contains(element) && c.textContent.trim() !== "" && !c.hasAttribute("download"),
    );
    if (controls.length === 1) return controls[0];
    if (controls.length > 1) return null; // not sure which: the mask covers it instead
  }
  return null;
}

// The key ID that belongs to the secret: the nearest leaf of its form.
function keyIdFor(element, KEY_ID) {
  for (let scope = element.parentElement; scope && scope !== document.body; scope = scope.parentElement) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const ids = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data.trim();
      if (KEY_ID.test(text) && !ours(node)) ids.add(text);
    }
    if (ids.size === 1) return [...ids][0];
    if (ids.size > 1) return null;
  }
  return null;
}

function start(candidate, seconds) {
  const [notice, shadow] = render.host("secret-shown", "warning");
  const title = render.el("h2", { text: t("secretShownTitle") });
  const countdown = render.el("p", { "data-rootguard": "countdown" });
  const status = render.el("p", { role: "status" });
  const keep = render.el("button", { type: "button", "data-rootguard-action": "keep-visible", text: t("secretShownKeep"), onclick: () => keepVisible() });
  const save = render.el("button", { type: "button", class: "primary", "data-rootguard-action": "encrypt-secret", text: t("secretShownEncrypt"), onclick: () => encryptInstead() });
  const style = render.el("style", { text: ":host { display: block; margin: 8px 0; max-width: 560px; }" });
  shadow.append(
    style,
    render.el(
      "section",
      { class: "notice", "data-severity": "warning", role: "status", "aria-label": t("secretShownTitle") },
      render.el("div", { class: "label", text: t("noticeLabel") }),
      title,
      countdown,
      status,
      render.el("div", { class: "actions" }, keep, save),
    ),
  );
  // Next to the secret, in the console's flow (content/placement.js).
  if (!placeBeside(notice, candidate.element)) render.ensureStack().append(notice);
  shown = { ...candidate, notice, countdown, status, keep, deadline: Date.now() + seconds * 1000, timer: 0, state: "counting" };
  notice.setAttribute("data-state", "counting");
  notice.setAttribute("data-seconds", String(seconds));
  tick();
  shown.timer = setInterval(tick, 250);
}

function tick() {
  if (!shown || shown.state !== "counting") return;
  const left = Math.max(0, Math.ceil((shown.deadline - Date.now()) / 1000));
  shown.countdown.textContent = t("secretShownCountdown", [String(left)]);
  shown.notice.setAttribute("data-seconds-left", String(left));
  if (left === 0) hide();
}

function keepVisible() {
  if (!shown) return;
  clearInterval(shown.timer);
  shown.state = "kept";
  shown.notice.setAttribute("data-state", "kept");
  shown.countdown.textContent = t("secretShownKept");
  shown.keep.remove();
}

// Hide the secret now: the console's own toggle first, then (if the
// secret is still on screen a frame later) a mask over it.
function hide() {
  if (!shown) return;
  const { element, text } = shown;
  end();
  toggleFor(element)?.click();
  requestAnimationFrame(() => {
    for (const still of visibleSecrets()) if (still.text === text) mask(still.element);
  });
}

function mask(element) {
  const [cover, shadow] = render.host("secret-mask", "notice");
  cover.rootguardCovers = element;
  const place = () => {
    const box = element.getBoundingClientRect();
    cover.style.cssText = `position:absolute;left:${box.left + scrollX}px;top:${box.top + scrollY}px;width:${Math.max(box.width, 120)}px;height:${box.height}px;z-index:2147482000;`;
  };
  place();
  shadow.append(
    render.el("style", { text: ":host { display: block; } button { box-sizing: border-box; width: 100%; height: 100%; padding: 0 8px; border-radius: 4px; font: 700 12px/1 Arial, sans-serif; overflow: hidden; white-space: nowrap; }" }),
    // Clicking the mask shows the secret again (a new countdown starts).
    render.el("button", { type: "button", "data-severity": "notice", "data-rootguard-action": "unmask", text: t("secretMaskLabel"), onclick: () => { masks.delete(cover); cover.remove(); scanPage(); } }),
  );
  document.body.append(cover);
  masks.add(cover);
  addEventListener("resize", place);
}

function end() {
  if (!shown) return;
  clearInterval(shown.timer);
  shown.notice.remove();
  shown = null;
}

async function encryptInstead() {
  if (!shown) return;
  const { element, text, status } = shown;
  const accessKeyId = keyIdFor(element, whole((await contentRules()).keyId));
  if (!accessKeyId) {
    status.textContent = t("secretShownNoKeyId");
    return;
  }
  const held = await askCore({
    type: ToBackground.holdPageCredentials,
    accessKeyId,
    secretAccessKey: text,
    // The core names the file from the page (who is signed in, which wizard), as the console would.
    observation: observePage(),
    pageToken,
  });
  if (!held) return;
  if (held.busy) {
    status.textContent = t("exportBusyBody", [held.busyWith]);
    return;
  }
  // Saved instead of shown: hide it now.
  hide();
  exportHeld(held.fileName ?? "", held);
}

/** Watch the pages the core says can show a new secret (the verdict's `watchSecret`). */
export function watchShownSecrets() {
  onVerdict((verdict) => {
    const watch = verdict.watchSecret === true;
    if (watch === watching) return;
    watching = watch;
    if (watching) {
      onPageChanges("secret", changed);
      scanPage().catch((error) => console.error(`RootGuard: cannot watch for a shown secret: ${error.name}: ${error.message}`));
    } else {
      onPageChanges("secret", null);
      end();
      for (const m of masks) m.remove();
      masks.clear();
    }
  });
}
