// RootGuard content script, page sensor: collects what the console page shows
// as plain data (route, session, the rows that show access key IDs), asks the
// Rust core what it means, and hands the answer to the renderer.
//
// Cost: on every page only a route check (one message per route change). The
// DOM is watched only while the core says the page shows access keys
// (the verdict's `watch`).
// Then the MutationObserver callback does nothing but ask for one animation
// frame: looking at each mutation (in Firefox, through the content script's
// Xray wrappers) cost more than reading the few key rows once per frame. The
// core is asked again only when what RootGuard reads (key rows, headings, sections)
// changed; "settled" means that has not changed for SETTLE_MS.

import { api, fromRootGuard, ToBackground, ToContent } from "../protocol.js";
import { askCore, sayUnanswered } from "./core.js";
import { consoleLocale, keyItemsOutsideTables, keyTables, pageHeadings, pageSections } from "./page-reading.js";
import * as render from "./render.js";
import { contentRules } from "./rules.js";
import { useLocale } from "./texts.js";

let KEY_ID = null; // the core's key-ID pattern (content/rules.js), there before the first read
const SETTLE_MS = 1500;
const ours = (node) => node.nodeType === 1 && node.hasAttribute?.("data-rootguard");
// `track: false` reads without counting it as a change of the page (a
// page report's collection must not make the page unsettled again, which
// would take the unrecognized-page notice away while the user uses it).
function observe(withPage, { track = true } = {}) {
  const rows = withPage ? keyTables(document, KEY_ID, { everyRow: lastVerdict?.readEveryRow === true }) : [];
  const keyItems = withPage ? keyItemsOutsideTables(document, KEY_ID) : [];
  const headings = withPage ? pageHeadings(document) : [];
  const sections = withPage ? pageSections(document) : [];
  const read = JSON.stringify([rows, keyItems, headings, sections]);
  if (track && read !== lastRead) {
    lastRead = read;
    lastChange = Date.now();
    if (withPage) {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => assess(), SETTLE_MS + 50);
    }
  }
  const meta = document.querySelector('meta[name="awsc-session-data"]');
  const nav = document.querySelector('[data-testid="account-detail-menu"]');
  return {
    url: location.href,
    sessionData: meta?.getAttribute("content") ?? null,
    navigationText: nav?.textContent ?? null,
    navigationHasUserLine: Boolean(document.querySelector('[data-testid="awsc-copy-username"]')),
    lang: document.documentElement.lang,
    consoleLocale: consoleLocale(document),
    browserLanguage: navigator.language ?? "",
    tables: rows,
    items: keyItems,
    headings,
    sections,
    settled: withPage && Date.now() - lastChange >= SETTLE_MS,
    nowMs: Date.now(),
  };
}

let routeUrl = null;
let watching = false;
let lastChange = Date.now();
let lastSent = "";
let lastRead = "";
let frame = 0;
let settleTimer = 0;

let lastVerdict = null;
const verdictListeners = []; // content/secret.js: which page this is, who is signed in
async function assess({ force = false } = {}) {
  if (!KEY_ID) {
    try {
      KEY_ID = (await contentRules()).keyId;
    } catch (error) {
      return sayUnanswered(ToBackground.contentRules, error);
    }
  }
  const observation = observe(watching);
  const { nowMs, ...comparable } = observation;
  const key = JSON.stringify(comparable);
  if (!force && key === lastSent) {
    // Same data (e.g. the console re-rendered the table and dropped the
    // badges): draw the last decision again, no need to ask.
    if (lastVerdict) render.verdict(lastVerdict, { settled: observation.settled });
    return;
  }
  lastSent = key;
  const url = location.href;
  // The owner's settings (thresholds, which notices) are applied by the background, as the core reads them.
  const verdict = await askCore({ type: ToBackground.assessPage, observation });
  if (!verdict || location.href !== url) return;
  lastVerdict = verdict;
  await useLocale(verdict.locale); // the page's language, as the core says
  render.verdict(verdict, { settled: observation.settled });
  for (const listener of verdictListeners) listener(verdict);
  const watch = verdict.watch === true; // the core says which pages show keys
  if (watch !== watching) {
    watching = watch;
    if (watching) {
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      touched();
    } else observer.disconnect();
  }
}

function touched() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    assess();
  });
}

const observer = new MutationObserver(touched);

function routeChanged() {
  if (location.href === routeUrl) return;
  routeUrl = location.href;
  lastRead = ""; // a new route starts unsettled
  render.routeChanged();
  assess({ force: true });
  if (watching) touched();
}

/** Call `listener(verdict)` with each new verdict of the core's for this page. */
export const onVerdict = (listener) => verdictListeners.push(listener);

/** Start reading the page: at its route now, and on every route change. */
export function startSensor() {
  // The console is an SPA: the route lives in the fragment (and may change
  // through history.pushState, which fires no event: a re-scan checks it).
  addEventListener("hashchange", routeChanged);
  addEventListener("popstate", routeChanged);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", routeChanged, { once: true });
  else routeChanged();
  // Options changed: ask again (the background applies them) and redraw.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "sync" && changes.settings) assess({ force: true });
  });
  // The toolbar popup asks what this tab shows: the core's last verdict here.
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!fromRootGuard(sender)) return false;
    if (message?.type === ToContent.pageSummary) sendResponse({ url: location.href, verdict: lastVerdict });
    else if (message?.type === ToContent.collectPage) sendResponse(collectPage());
    return false;
  });
}
// The page's elements for a drift report (docs/DRIFT-REPORT.md), as they
// are: the core decides what of them the report keeps. RootGuard's own
// elements are left out. The walk stops past twice the core's limits, so
// the core still sees that a huge page was cut.
const COLLECT_NODES = 8000;
const COLLECT_DEPTH = 96;
const NO_TEXT = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);
function pageTree() {
  let left = COLLECT_NODES;
  const walk = (element, depth) => {
    left -= 1;
    const node = { tag: element.localName, attrs: [...element.attributes].map((a) => [a.name, a.value]), text: "", children: [] };
    if (!NO_TEXT.has(element.tagName)) {
      node.text = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(" ").trim();
    }
    for (const child of element.children) {
      if (left <= 0 || depth >= COLLECT_DEPTH) break;
      if (ours(child)) continue;
      node.children.push(walk(child, depth + 1));
    }
    return node;
  };
  return walk(document.documentElement, 0);
}

/**
 * What a drift report is built from: the observation (session, route) and
 * the page's elements (also for the unrecognized-page notice's "Copy page
 * report", content/page-report.js).
 */
export const collectPage = () => ({ observation: observePage(), page: pageTree() });

/** The page as the core reads who is signed in and where (no key rows): for a file name (content/secret.js), a report. */
export const observePage = () => observe(false, { track: false });
