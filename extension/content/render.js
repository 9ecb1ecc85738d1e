// RootGuard renderer: draws what the core decided. Every injected element is
// a host marked `data-rootguard="<kind>"` with an open shadow root, so the
// console's CSS cannot reach it and RootGuard's cannot leak out. Texts come
// from _locales via i18n; the core only names the messages.

import { ask, ToBackground } from "../protocol.js";
import { placeNotices } from "./placement.js";
import { t, writingIn } from "./texts.js";

export { t };
const tm = (message) => t(message.key, message.args);
const visitDismissed = new Set();
// Controls other content scripts add to a notice of the core's, by kind
// (content/page-report.js: "Copy page report" on unrecognized-page).
const decorations = new Map();
// Dismissed for the browser session: the background keeps them
// (background/dismissals.js) and sends them with each verdict; a dismissal
// made here counts at once, before the background has stored it.
const sessionDismissed = new Set();
let stack = null;

function dismissForSession(kind) {
  sessionDismissed.add(kind);
  ask({ type: ToBackground.dismissNotice, kind }).catch((error) => {
    console.warn(`RootGuard: the dismissal could not be kept for the session (${error.message}); it lasts for this page view`);
  });
}

const STYLE = `
  :host { all: initial; }
  :host(:not([data-rootguard="key-badge"])) { display: block; }
  .notice { box-sizing: border-box; width: 100%; margin: 0 0 8px; padding: 12px 16px;
    border-radius: 12px; border: 2px solid var(--accent); background: var(--bg); color: var(--fg);
    font: 14px/20px "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif; }
  [data-severity="critical"] { --accent: #d91515; }
  [data-severity="warning"] { --accent: #855900; }
  [data-severity="notice"] { --accent: #0972d3; }
  [data-severity="ok"] { --accent: #037f0c; }
  .notice, .badge, .details, .dialog { --bg: #ffffff; --fg: #000716; }
  :host([data-theme="dark"]) .notice, :host([data-theme="dark"]) .badge,
  :host([data-theme="dark"]) .details, :host([data-theme="dark"]) .dialog { --bg: #0f1b2a; --fg: #e9ebed; }
  :host([data-theme="dark"]) [data-severity="critical"] { --accent: #ff5d64; }
  :host([data-theme="dark"]) [data-severity="warning"] { --accent: #fbd332; }
  :host([data-theme="dark"]) [data-severity="notice"] { --accent: #539fe5; }
  :host([data-theme="dark"]) [data-severity="ok"] { --accent: #29ad32; }
  .label { font-weight: 700; color: var(--accent); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  h2 { font-size: 16px; line-height: 22px; margin: 2px 0 6px; }
  p { margin: 0 0 6px; }
  ul { margin: 4px 0 8px; padding-left: 20px; }
  summary { cursor: pointer; font-weight: 700; margin: 0 0 8px; }
  a { color: inherit; }
  button { font: inherit; font-weight: 700; border-radius: 20px; padding: 4px 16px; cursor: pointer;
    border: 2px solid var(--accent); background: transparent; color: var(--fg); }
  button.primary { background: var(--accent); color: var(--bg); }
  button:focus-visible { outline: 2px solid #0972d3; outline-offset: 2px; }
  .actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
  .line { display: flex; align-items: center; gap: 4px; white-space: nowrap; }
  .facts { font-weight: 400; }
  .badge { display: inline-flex; flex-direction: column; align-items: flex-start; gap: 0; margin: 2px 0 0 0; padding: 1px 8px; border-radius: 10px; text-align: left;
    border: 2px solid var(--accent); background: var(--bg); color: var(--fg); font: 700 12px/16px "Amazon Ember", Arial, sans-serif; }
  :host([data-rootguard="key-badge"]), :host([data-rootguard="user-key-badge"]) { display: block; width: max-content; max-width: 100%; }
  :host([data-density="compact"]) .notice { padding: 8px 12px; font-size: 13px; line-height: 18px; }
  .notice.slim { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 12px; padding: 4px 12px; border-width: 1px; border-left-width: 4px; border-radius: 8px; }
  .notice.slim h2 { font-size: 14px; margin: 0; }
  .notice.slim > p { margin: 0; flex: 1 1 240px; }
  .notice.slim details { flex: 1 1 auto; }
  .notice.slim details[open] { flex-basis: 100%; order: 1; }
  .notice.slim details p { margin: 4px 0; }
  .notice.slim summary { margin: 0; }
  .notice.slim > button { padding: 0 12px; margin-left: auto; }
  :host([data-density="compact"]) .badge { line-height: 14px; padding: 0 6px; }
  .icon { width: 14px; height: 14px; flex: none; fill: none; stroke: var(--accent); stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
  .word { color: var(--accent); text-transform: uppercase; letter-spacing: .03em; }
  .todo { font-weight: 700; margin: 8px 0 2px; }
  .details ul { margin: 2px 0 0; }
  .details { position: absolute; z-index: 2147483001; margin-top: 4px; padding: 8px 12px; max-width: 360px; border-radius: 8px;
    border: 2px solid var(--accent); background: var(--bg); color: var(--fg); font: 13px/18px "Amazon Ember", Arial, sans-serif;
    box-shadow: 0 4px 20px rgba(0, 7, 22, 0.25); white-space: normal; }
  .details[hidden] { display: none; }
  .overlay { position: fixed; inset: 0; z-index: 2147483500; display: flex; align-items: center; justify-content: center; background: rgba(0, 7, 22, .55); }
  .dialog { box-sizing: border-box; width: min(560px, calc(100vw - 32px)); padding: 20px 24px; border-radius: 16px;
    border: 2px solid var(--accent); background: var(--bg); color: var(--fg); font: 14px/20px "Amazon Ember", Arial, sans-serif; }
  textarea { box-sizing: border-box; width: 100%; margin: 4px 0 8px; padding: 4px 6px; border-radius: 6px; resize: vertical;
    border: 1px solid var(--accent); background: var(--bg); color: var(--fg); font: 12px/16px ui-monospace, Menlo, Consolas, monospace; }
  textarea[hidden] { display: none; }
`;

// The console's dark mode and compact density, as the console shows them
// (Cloudscape's body classes; the console sets the dark one itself when its
// visual mode follows the system's).
const theme = () => (document.body?.classList.contains("awsui-dark-mode") ? "dark" : "light");
const density = () => (document.body?.classList.contains("awsui-compact-mode") ? "compact" : "comfortable");
// What a drawn element looks like besides its data: kept elements are drawn again when it changes.
const look = () => [theme(), density(), writingIn()];

/** A RootGuard element: a host marked `data-rootguard="<kind>"` and its open shadow root, styled. */
export function host(kind, severity) {
  const element = document.createElement(kind === "key-badge" || kind === "user-key-badge" ? "span" : "div");
  element.setAttribute("data-rootguard", kind);
  element.setAttribute("data-theme", theme());
  element.setAttribute("data-density", density());
  if (severity) element.setAttribute("data-severity", severity);
  const shadow = element.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  shadow.append(style);
  return [element, shadow];
}

/** An element: `props` are attributes, `text`, or `on<event>` listeners. */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value);
  }
  element.append(...children.filter(Boolean));
  return element;
}

function alternativesList(alternatives) {
  if (!alternatives.length) return null;
  return el(
    "ul",
    {},
    ...alternatives.map((a) => el("li", {}, el("a", { href: a.href, target: "_blank", rel: "noopener noreferrer", text: t(a.message) }))),
  );
}

// One container holds every notice, in the console's flow (content/placement.js).
// It is the same element for the document's life: when the console replaces
// the part of the page it was in (an SPA move), it is put back empty. The
// next verdict puts back the notices it still shows (kept below, not drawn
// again); everything else that was in it (an export's outcome, a shown
// secret's or a copy's notice) was about the part of the page the console
// took away, and goes with it.
export function ensureStack() {
  if (!stack) {
    stack = document.createElement("div");
    stack.setAttribute("data-rootguard", "notices");
  } else if (!stack.isConnected) {
    stack.replaceChildren();
  }
  placeNotices(stack);
  return stack;
}

// `decorate(element)`: controls to add before Dismiss (decorations above).
// Notices drawn as one slim line: a reminder on every console page must
// not take the console's room.
const SLIM = new Set(["root-session", "users-summary"]);
// Notices whose links say what to do about it, not safer alternatives.
const ACTIONS = new Set(["mfa-warning"]);

function card(kind, severity, title, paragraphs, alternatives, onDismiss, decorate = null) {
  const [element, shadow] = host(kind, severity);
  const slim = SLIM.has(kind);
  const box = el(
    "section",
    { class: slim ? "notice slim" : "notice", "data-severity": severity, role: severity === "critical" ? "alert" : "status", "aria-label": title },
    slim ? null : el("div", { class: "label", text: t("noticeLabel") }),
    el("h2", { text: title }),
    ...(slim && alternatives.length ? [] : paragraphs.map((p) => el("p", { text: p }))),
  );
  // A slim notice is one line: its text goes with its alternatives, behind the summary.
  const more = slim && alternatives.length ? paragraphs.map((p) => el("p", { text: p })) : [];
  if (alternatives.length || more.length) {
    // Collapsed by default so the card stays small in the console.
    box.append(el("details", {}, el("summary", { text: t(ACTIONS.has(kind) ? "badgeWhatToDo" : "alternativesSummary") }), ...more, alternativesList(alternatives)));
  }
  if (decorate) box.append(...decorate(element));
  if (onDismiss) {
    box.append(el("button", { type: "button", "data-rootguard-action": "dismiss", text: t("dismiss"), onclick: () => { onDismiss(); element.remove(); } }));
  }
  shadow.append(box);
  return element;
}

// The interstitial: a modal over the wizard. Proceed lets the console's own
// flow continue untouched; Cancel goes back to Security credentials.
// While it is open no key can be created: its overlay takes every click
// over the page, and focus cannot leave it, so the keyboard cannot reach
// the console's check box or Create access key behind it (focus that
// moves out is brought back; keys aimed at the page are held back at the
// window, before the console's own handlers, React's root included).
function interstitial(notice, decidedBy) {
  if (document.querySelector('[data-rootguard="create-key-interstitial"]')) return;
  const [element, shadow] = host("create-key-interstitial", notice.severity);
  element.setAttribute("data-rootguard-decided-by", decidedBy);
  const held = new AbortController();
  // The console's control that had focus (the button that opened the wizard), to return focus to.
  const opener = document.activeElement;
  const outside = (event) => element.isConnected && !event.composedPath().includes(element);
  // Firefox ignores a focus() made while a focus event is dispatched: again in the next task.
  const refocus = () => {
    cancel.focus();
    setTimeout(() => { if (element.isConnected && document.activeElement !== element) cancel.focus(); });
  };
  addEventListener("focusin", (event) => { if (outside(event)) refocus(); }, { capture: true, signal: held.signal });
  for (const type of ["keydown", "keypress", "keyup"]) {
    addEventListener(type, (event) => {
      if (!outside(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      refocus();
    }, { capture: true, signal: held.signal });
  }
  // The console may replace the page under it (SPA): the hold ends with the element.
  const gone = new MutationObserver(() => { if (!element.isConnected) { held.abort(); gone.disconnect(); } });
  gone.observe(document.documentElement, { childList: true, subtree: true });
  const close = () => {
    visitDismissed.add(notice.kind);
    held.abort();
    gone.disconnect();
    element.remove();
    if (opener?.isConnected && opener !== document.body) opener.focus();
  };
  const proceed = el("button", { type: "button", class: "primary", "data-rootguard-action": "proceed", text: t("interstitialProceed"), onclick: close });
  const cancel = el("button", {
    type: "button",
    "data-rootguard-action": "cancel",
    text: t("interstitialCancel"),
    onclick: () => {
      close();
      location.hash = "#/security_credentials";
    },
  });
  const title = t(notice.title, notice.args);
  shadow.append(
    el(
      "div",
      { class: "overlay" },
      el(
        "section",
        {
          class: "dialog",
          "data-severity": notice.severity,
          role: "alertdialog",
          "aria-modal": "true",
          "aria-label": title,
          // Escape is Cancel, as in any modal.
          onkeydown: (event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            event.stopPropagation();
            cancel.click();
          },
        },
        el("div", { class: "label", text: t("noticeLabel") }),
        el("h2", { text: title }),
        el("p", { text: t(notice.body, notice.args) }),
        alternativesList(notice.alternatives),
        el("div", { class: "actions" }, cancel, proceed),
      ),
    ),
  );
  (document.body ?? document.documentElement).append(element);
  cancel.focus();
}

// Severity icons (Cloudscape's status icons' shapes): the severity is said
// by the word and the shape too, not by colour alone.
const ICON_PATHS = {
  critical: "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm2.5 4.5-5 5m0-5 5 5",
  warning: "M8 1.5 15 14H1L8 1.5ZM8 6v4m0 1.5v1",
  notice: "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm0 6v5m0-7.5v1",
  ok: "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1ZM5 8.5l2 2 4-4.5",
};
function severityIcon(severity) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICON_PATHS[severity] ?? ICON_PATHS.notice);
  svg.append(path);
  return svg;
}

// A click anywhere but on a badge closes every badge's details (one
// listener for them all; the page's own handlers still see the click).
let closing = false;
function closeOnClickElsewhere() {
  if (closing) return;
  closing = true;
  document.addEventListener("click", (event) => {
    const path = event.composedPath();
    for (const open of document.querySelectorAll('[data-rootguard="key-badge"], [data-rootguard="user-key-badge"]')) if (!path.includes(open)) open.rootguardClose?.();
  }, { capture: true });
}

// A badge next to a key ID: a pill with the severity (icon and word), the
// age and the last use. Its button opens the details: why (the policy's
// reasons) and what to do, with AWS's page for each action; Escape or a
// click elsewhere closes them and focus goes back to the pill.
// A user's badge on the IAM users list (`user-key-badge`) is the same pill
// for the user's active key, named by the user.
function badge(b, kind = "key-badge") {
  const [element, shadow] = host(kind, b.severity);
  // In the users list, one line (severity and age): the column stays narrow; the rest is in its name and details.
  const compact = kind === "user-key-badge";
  if (kind === "user-key-badge") element.setAttribute("data-user-name", b.userName);
  if (b.keyId) element.setAttribute("data-key-id", b.keyId);
  if (b.ageDays !== null && b.ageDays !== undefined) element.setAttribute("data-age-days", String(b.ageDays));
  const word = t(`severity_${b.severity}`);
  const summary = b.summary.map(tm).join(" · ");
  const reasons = b.reasons.map(tm);
  const actions = (b.actions ?? []).map((a) => el("li", {}, el("a", { href: a.href, target: "_blank", rel: "noopener noreferrer", text: t(a.key) })));
  const details = el(
    "div",
    { class: "details", "data-severity": b.severity, id: "details", role: "group", "aria-label": kind === "user-key-badge" ? t("badgeUserDetailsLabel", [b.userName]) : t("badgeDetailsLabel", [b.keyId]), hidden: "" },
    ...reasons.map((r) => el("p", { text: r })),
    actions.length ? el("p", { class: "todo", text: t("badgeWhatToDo") }) : null,
    actions.length ? el("ul", {}, ...actions) : null,
  );
  const open = (shown) => {
    details.hidden = !shown;
    button.setAttribute("aria-expanded", String(shown));
  };
  const button = el(
    "button",
    {
      type: "button",
      class: "badge",
      "data-severity": b.severity,
      "aria-expanded": "false",
      "aria-controls": "details",
      // The visible text first (what a voice user says), then why.
      "aria-label": `${word} ${summary}. ${reasons.join(" ")}`,
      onclick: (event) => {
        event.stopPropagation();
        event.preventDefault();
        open(details.hidden);
      },
    },
    el("span", { class: "line" }, severityIcon(b.severity), el("span", { class: "word", text: word }), compact ? el("span", { class: "facts", text: tm(b.summary[0]) }) : null),
    compact ? null : " ",
    compact ? null : el("span", { class: "line facts", text: summary }),
  );
  shadow.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || details.hidden) return;
    event.stopPropagation();
    open(false);
    button.focus();
  });
  element.rootguardClose = () => open(false);
  closeOnClickElsewhere();
  shadow.append(button, details);
  return element;
}

// Drawing keeps what it drew: each drawing is a shadow root and its style
// sheet, work for the page's style and layout too. `made` holds the element
// last drawn for each key, with what it said (`said`: its data and look());
// one taken off the page that would say the same goes back as it is.
function keptOrDrawn(made, key, said, draw) {
  const kept = made.get(key);
  if (kept?.rootguardSaid === said && !kept.isConnected) return kept;
  const element = draw();
  element.rootguardSaid = said;
  made.set(key, element);
  return element;
}

// The console re-renders its key table with the same data (fresh rows,
// without the badges): the badge taken out with the old row goes into the new one.
const madeBadges = new Map();
const keyBadge = (b) => keptOrDrawn(madeBadges, b.keyId, JSON.stringify([b, look()]), () => badge(b));

// Put each badge in the cell that shows its key ID (found again by text,
// whatever the markup), once; drop badges of keys no longer shown.
function placeBadges(badges) {
  const wanted = new Map(badges.map((b) => [b.keyId, b]));
  for (const old of document.querySelectorAll('[data-rootguard="key-badge"]')) {
    const b = wanted.get(old.getAttribute("data-key-id"));
    if (!b || old.getAttribute("data-severity") !== b.severity) old.remove();
  }
  if (!badges.length) return;
  const placed = new Set([...document.querySelectorAll('[data-rootguard="key-badge"]')].map((e) => e.getAttribute("data-key-id")));
  // Every verdict comes here: the page is searched only for keys whose badge is not on it.
  for (const row of document.querySelectorAll("tr, [role=row]")) {
    if (placed.size === wanted.size) return;
    for (const cell of row.children) {
      if (cell.hasAttribute("data-rootguard")) continue;
      const keyId = [...wanted.keys()].find((id) => !placed.has(id) && cell.textContent.includes(id));
      if (!keyId) continue;
      cell.append(keyBadge(wanted.get(keyId)));
      placed.add(keyId);
    }
  }
  if (placed.size === wanted.size) return;
  // A key shown outside a table (a card, a summary line): next to the
  // element whose own text holds its ID.
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && placed.size < wanted.size; node = walker.nextNode()) {
    const keyId = [...wanted.keys()].find((id) => !placed.has(id) && node.data.includes(id));
    const element = node.parentElement;
    if (!keyId || !element || element.closest("[data-rootguard]")) continue;
    element.append(keyBadge(wanted.get(keyId)));
    placed.add(keyId);
  }
}

// On the IAM users list: each user's badge in the cell that shows the
// user's name (the whole cell text, as the console links it), once; drop
// badges of users no longer shown or judged otherwise.
// Whether this page may hold user badges of ours: most pages never have any,
// and their verdicts skip the search for them.
let userBadgesDrawn = false;

function placeUserBadges(badges) {
  if (!badges.length && !userBadgesDrawn) return;
  const wanted = new Map(badges.map((b) => [b.userName, b]));
  for (const old of document.querySelectorAll('[data-rootguard="user-key-badge"]')) {
    const b = wanted.get(old.getAttribute("data-user-name"));
    if (!b || old.getAttribute("data-severity") !== b.severity || !old.isConnected) old.remove();
  }
  userBadgesDrawn = badges.length > 0;
  if (!badges.length) return;
  const placed = new Set([...document.querySelectorAll('[data-rootguard="user-key-badge"]')].map((e) => e.getAttribute("data-user-name")));
  for (const row of document.querySelectorAll("tr, [role=row]")) {
    if (placed.size === wanted.size) return;
    if (row.closest("[data-rootguard]")) continue;
    for (const cell of row.children) {
      const name = cell.textContent.trim();
      if (cell.hasAttribute("data-rootguard") || placed.has(name) || !wanted.has(name)) continue;
      cell.append(badge(wanted.get(name), "user-key-badge"));
      placed.add(name);
      break;
    }
  }
}

// A notice of the core's. An SPA move takes one away (the next route's
// verdict does not show it, or the console replaced the part of the page it
// was in) and the move back shows it again: kept, by kind. Not a notice with
// another content script's controls (decorate below): they keep state about
// the page they were used on (a page report of that route).
const madeNotices = new Map();
function verdictNotice(notice, said, decidedBy) {
  const draw = () => {
    const onDismiss = notice.dismissal === "never" ? null : () => (notice.dismissal === "session" ? dismissForSession(notice.kind) : visitDismissed.add(notice.kind));
    const element = card(notice.kind, notice.severity, t(notice.title, notice.args), [t(notice.body, notice.args)], notice.alternatives, onDismiss, decorations.get(notice.kind));
    element.setAttribute("data-rootguard-from", "verdict");
    element.setAttribute("data-rootguard-decided-by", decidedBy);
    return element;
  };
  if (!decorations.has(notice.kind)) return keptOrDrawn(madeNotices, notice.kind, said, draw);
  const element = draw();
  element.rootguardSaid = said;
  return element;
}

/** Draw a verdict: notices, the interstitial, badges. Idempotent. */
export function verdict(result, { settled = false } = {}) {
  const container = ensureStack();
  // What the core recognised, for tests and for anyone debugging a page;
  // data-settled: the decision saw the page after it stopped changing.
  // Set only when they change: each write is a mutation every observer of the page is told of.
  const mark = (name, value) => container.getAttribute(name) !== value && container.setAttribute(name, value);
  mark("data-page", result.recognition.page.kind);
  mark("data-settled", String(settled));
  mark("data-principal", result.recognition.session.principal.kind);
  mark("data-decided-by", result.decidedBy);
  for (const kind of result.dismissed ?? []) sessionDismissed.add(kind);
  const session = sessionDismissed;
  const shown = new Set();
  for (const notice of result.notices) {
    if (session.has(notice.kind) || visitDismissed.has(notice.kind) || !notice.shown) continue; // shown: the owner's choice, as the core read it
    shown.add(notice.kind);
    if (notice.modal) {
      interstitial(notice, result.decidedBy);
      continue;
    }
    // Drawn once; drawn again only when what it says changed (the users list's counts as the table loads).
    const said = JSON.stringify([notice, look()]);
    const drawn = container.querySelector(`:scope > [data-rootguard="${notice.kind}"][data-rootguard-from=verdict]`);
    if (drawn?.rootguardSaid === said) continue;
    const element = verdictNotice(notice, said, result.decidedBy);
    if (drawn) drawn.replaceWith(element);
    else container.append(element);
  }
  for (const old of container.querySelectorAll(":scope > [data-rootguard-from=verdict]")) {
    if (!shown.has(old.getAttribute("data-rootguard"))) old.remove();
  }
  if (!shown.has("create-key-interstitial")) document.querySelector('[data-rootguard="create-key-interstitial"]')?.remove();
  placeBadges(result.showBadges ? result.badges : []);
  placeUserBadges(result.showBadges ? result.userBadges ?? [] : []);
  for (const line of result.diagnostics) console.warn(line);
}

/** A new route: per-visit dismissals end. */
export function routeChanged() {
  visitDismissed.clear();
}

/** A notice of the content script's own (core failure, export outcome). */
export function message(kind, titleKey, titleArgs, bodyKey, bodyArgs, severity = "critical") {
  const container = ensureStack();
  for (const old of container.querySelectorAll("[data-rootguard-from=message]")) old.remove();
  const element = card(kind, severity, t(titleKey, titleArgs), [t(bodyKey, bodyArgs)], [], () => {});
  element.setAttribute("data-rootguard-from", "message");
  container.append(element);
  return element;
}

/**
 * Add controls to every notice of this kind the core decides:
 * `make(host)` returns the elements to put before Dismiss. Register before
 * the first verdict (content/console.js offers the page report before the sensor starts).
 */
export function decorate(kind, make) {
  decorations.set(kind, make);
}

