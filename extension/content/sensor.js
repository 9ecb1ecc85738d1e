// RootGuard content script, page sensor: collects what the console page shows
// as plain data (route, session, the rows that show access key IDs), asks the
// Rust core what it means, and hands the answer to the renderer.
//
// Cost: on every page only a route check (one question per route change).
// The page is read only while the core says it shows access keys (the
// verdict's `watch`), and then only what changed: the one MutationObserver
// (content/page-changes.js) hands over each batch of the page's mutations
// right after the page made them, and the sensor re-reads only the part
// they touched (key rows, keys outside tables, headings:
// page-reading.js's readingsTouched). The observation is serialised once,
// compared with the last, and sent, in that same task, on a port that stays
// open (protocol.js's connectPort); the verdict is drawn when it arrives.
//
// The core's answers are kept a minute by observation: a page that shows
// what it showed before (the console re-rendering the key table with the
// same data, a revisit of the same route) gets the core's answer for it
// again at once, without a round trip, so a table replaced within a frame
// is badged within that frame. Outside IAM the core's answer does not
// depend on the fragment (the verdict's `routeInFragment`), so the SPA moves
// of the other services' pages are answered from the first answer too.
//
// "Settled" (the observation's `settled`, which the core needs before it
// calls a credentials page unrecognized) means the readings have not changed
// for SETTLE_MS. That is a timer, and it has to be: nothing in a console page
// says it has finished drawing (its data comes when its requests come back,
// and a page that cannot be read is exactly one whose markup RootGuard does
// not know). The timer never holds anything back: badges and notices come on
// arrival, and the settled observation is one more question once the page
// has been quiet.

import { api, changesSettings, connectPort, fromRootGuard, PortName, ToBackground, ToContent } from "../protocol.js";
import { sayUnanswered } from "./core.js";
import { onPageChanges } from "./page-changes.js";
import { consoleLocale, keyItemsOutsideTables, keyTables, pageHeadings, pageSections, readingsTouched, touchesThePage } from "./page-reading.js";
import * as render from "./render.js";
import { contentRules } from "./rules.js";
import { useLocale } from "./texts.js";

const SETTLE_MS = 1500;
const KEPT_MS = 60_000; // the core's answers are kept this long (a key's age counts in days)
const KEPT_ANSWERS = 16;
const EVERYTHING = { rows: true, items: true, headings: true, sections: true };
const NOTHING = { rows: false, items: false, headings: false, sections: false };

const background = connectPort(PortName.sensor);

let KEY_ID = null; // the core's key-ID pattern (content/rules.js), there before the first read
let rulesAsked = null;
let routeUrl = null;
// The console's language setting (its cookie), read once per route: the
// console changes it from its own settings and then loads the page again.
let routeLocale = null;
let watching = false;
/** What was last read of the page; a change re-reads only the part it touched. */
const readings = { rows: [], items: [], headings: [], sections: [] };
let lastRead = ""; // the last observation, serialised, without `settled` and the time
let lastChange = Date.now();
let settleTimer = 0;
let asked = 0; // sequence numbers: a verdict older than the one shown is dropped
let shown = 0;
let askedKey = null; // the observation the newest question in flight is about
let pageKey = null; // the observation of the page as it is now
let settingsChanged = false; // the owner changed a setting since the last question
let lastVerdict = null;
/** The core's recent answers: serialised observation → {verdict, at}. */
const answers = new Map();
/** The core's `watch` for the URLs it has seen in this page: a revisit reads at once. */
const watchedUrls = new Map();
/**
 * URLs, without their fragment, whose verdict the core said is the same for
 * every fragment (its `routeInFragment`: any console page outside IAM). An
 * SPA move there is answered from the kept answer, without a question.
 */
const fragmentFree = new Set();
const withoutFragment = (url) => url.split("#", 1)[0];
const verdictListeners = []; // content/secret.js: which page this is, who is signed in

/** The page as the core reads it; `withPage`: with the readings (key rows, items, headings). */
function observation(withPage, settled) {
  const meta = document.querySelector('meta[name="awsc-session-data"]');
  const nav = document.querySelector('[data-testid="account-detail-menu"]');
  return {
    url: location.href,
    sessionData: meta?.getAttribute("content") ?? null,
    navigationText: nav?.textContent ?? null,
    navigationHasUserLine: Boolean(document.querySelector('[data-testid="awsc-copy-username"]')),
    lang: document.documentElement.lang,
    consoleLocale: routeUrl === location.href ? routeLocale : consoleLocale(document),
    browserLanguage: navigator.language ?? "",
    tables: withPage ? readings.rows : [],
    items: withPage ? readings.items : [],
    headings: withPage ? readings.headings : [],
    sections: withPage ? readings.sections : [],
    settled: withPage && settled,
    nowMs: Date.now(),
  };
}

// The sections (an h2 and its table's data rows: the MFA section) follow
// their headings and their tables, whose rows hold no key ID: read again
// with the headings, and once more when the page has settled.
function readPage(parts) {
  if (parts.rows) readings.rows = keyTables(document, KEY_ID, { everyRow: lastVerdict?.readEveryRow === true });
  if (parts.items) readings.items = keyItemsOutsideTables(document, KEY_ID);
  if (parts.headings) readings.headings = pageHeadings(document);
  if (parts.headings || parts.sections) readings.sections = pageSections(document);
}

/**
 * An observation serialised without its time and `settled`: what a change
 * of the page is told by, and (with `settled`) what the core's answers are
 * kept under. A URL whose fragment the core said cannot change its answer
 * is written without it, so all its fragments share one answer.
 */
function comparable(page) {
  const { nowMs, settled, ...rest } = page;
  const base = withoutFragment(page.url);
  if (fragmentFree.has(base)) rest.url = base;
  return JSON.stringify(rest);
}

/**
 * Read the parts of the page `parts` names, and show the core's verdict on
 * what the page now shows: the one kept for it, else the core's, asked now.
 */
function sense(parts) {
  if (!KEY_ID) return void loadRules();
  if (watching) readPage(parts);
  const now = Date.now();
  const page = observation(watching, false);
  const read = comparable(page); // the one serialisation of this read
  if (read !== lastRead) {
    lastRead = read;
    lastChange = now;
    if (watching) waitForQuiet();
  }
  page.settled = watching && now - lastChange >= SETTLE_MS;
  const key = `${page.settled} ${read}`;
  pageKey = key;
  const kept = answers.get(key);
  if (kept && now - kept.at < KEPT_MS) {
    show(++asked, page, kept.verdict);
    return;
  }
  if (key === askedKey) return; // already asked: its answer is on the way
  askCore(key, page);
}

async function askCore(key, page) {
  const seq = ++asked;
  askedKey = key;
  // After a change of the owner's settings, the background is asked to read them again (background/settings.js).
  const freshSettings = settingsChanged;
  settingsChanged = false;
  const reply = await background.ask({ type: ToBackground.assessPage, observation: page, freshSettings });
  if (askedKey === key) askedKey = null;
  if (!reply.ok) {
    if (seq > shown) sayUnanswered(ToBackground.assessPage, reply.error);
    return;
  }
  keep(key, reply.result);
  const base = withoutFragment(page.url);
  if (reply.result.routeInFragment === false && !fragmentFree.has(base)) {
    // Kept for this URL's other fragments too, under the key sense() makes for them.
    fragmentFree.add(base);
    keep(`${page.settled} ${comparable(page)}`, reply.result);
  }
  // The answer for what the page shows now is shown even when a newer one
  // (of a state the page has left again) was drawn meanwhile.
  await show(key === pageKey ? ++asked : seq, page, reply.result);
}

function keep(key, verdict) {
  answers.delete(key); // re-inserted last: the oldest answer goes first
  answers.set(key, { verdict, at: Date.now() });
  if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value);
}

/** Draw the core's verdict on `page`, unless a newer one is shown or the page has left that URL. */
async function show(seq, page, verdict) {
  if (seq < shown || location.href !== page.url) return;
  shown = seq;
  lastVerdict = verdict;
  watchedUrls.set(page.url, verdict.watch === true);
  await useLocale(verdict.locale); // the page's language, as the core says (at once after the first)
  if (seq < shown || location.href !== page.url) return;
  render.verdict(verdict, { settled: page.settled });
  for (const listener of verdictListeners) listener(verdict);
  watch(verdict.watch === true); // the core says which pages show keys
}

/** Read the page as it changes, or stop. */
function watch(on) {
  if (on === watching) return;
  watching = on;
  onPageChanges("sensor", on ? changed : null);
  if (!on) return;
  lastRead = ""; // the first read of the page starts its quiet period
  sense(EVERYTHING); // what is there already
}

function changed(records) {
  if (!KEY_ID) return; // not yet: the first read, once the rules are here, reads everything
  // The console is an SPA: history.pushState moves fire no event.
  if (location.href !== routeUrl) return routeChanged();
  // The users list is read row by row (the core's readEveryRow): any change of the page's own nodes may be a user's row.
  const parts = readingsTouched(records, KEY_ID) ?? (lastVerdict?.readEveryRow && touchesThePage(records) ? { ...NOTHING, rows: true } : null);
  if (parts) sense(parts);
}

// Settled once the readings have not changed for SETTLE_MS: one timer per
// quiet period, looked at again when it runs out, never reset per change.
function waitForQuiet() {
  if (settleTimer) return;
  const check = () => {
    const quiet = Date.now() - lastChange;
    if (quiet < SETTLE_MS) {
      settleTimer = setTimeout(check, SETTLE_MS - quiet);
      return;
    }
    settleTimer = 0;
    if (watching) sense({ ...NOTHING, sections: true }); // the same readings (the sections read again), now settled
  };
  settleTimer = setTimeout(check, SETTLE_MS);
}

function loadRules() {
  rulesAsked ??= contentRules().then(
    (rules) => {
      KEY_ID = rules.keyId;
      if (routeUrl !== null) sense(EVERYTHING); // else the first route (DOMContentLoaded) reads
    },
    (error) => {
      rulesAsked = null; // asked again at the next change
      sayUnanswered(ToBackground.contentRules, error);
    },
  );
}

function routeChanged() {
  if (location.href === routeUrl) return;
  routeUrl = location.href;
  routeLocale = consoleLocale(document);
  render.routeChanged();
  lastRead = ""; // a new route starts unsettled
  // A URL the core has judged in this page: read it at once, without waiting for its answer again.
  const known = watchedUrls.get(routeUrl);
  if (known !== undefined && known !== watching) {
    watching = known;
    onPageChanges("sensor", known ? changed : null);
  }
  sense(EVERYTHING);
}

/** Call `listener(verdict)` with each new verdict of the core's for this page. */
export const onVerdict = (listener) => verdictListeners.push(listener);

/** Start reading the page: at its route now, and on every route change. */
export function startSensor() {
  loadRules(); // asked now, while the page loads: the first read needs them
  // The console is an SPA: the route lives in the fragment (and may change
  // through history.pushState, which fires no event: a change of the page checks it).
  addEventListener("hashchange", routeChanged);
  addEventListener("popstate", routeChanged);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", routeChanged, { once: true });
  else routeChanged();
  // Options or the organisation's policy changed (or the policy was read
  // late: background/policy.js): ask again (the background applies them) and redraw.
  api.storage.onChanged.addListener((changes, area) => {
    if (!changesSettings(changes, area)) return;
    answers.clear();
    askedKey = null;
    settingsChanged = true;
    sense(watching ? EVERYTHING : NOTHING);
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
const ours = (node) => node.nodeType === 1 && node.hasAttribute?.("data-rootguard");
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
export const observePage = () => observation(false, false);
