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
// core is asked again only when what RootGuard reads (key rows, headings)
// changed; "settled" means that has not changed for SETTLE_MS.
"use strict";

(() => {
  const KEY_ID = /(AKIA|ASIA)[A-Z2-7]{16}/;
  const SETTLE_MS = 1500;
  const ours = (node) => node.nodeType === 1 && node.hasAttribute?.("data-rootguard");
  const text = (element) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();

  function tables() {
    const byTable = new Map();
    for (const row of document.querySelectorAll("tr, [role=row]")) {
      if (row.closest("[data-rootguard]") || !KEY_ID.test(row.textContent)) continue;
      const table = row.closest("table, [role=table], [role=grid]") ?? row.parentElement;
      if (!byTable.has(table)) {
        const headers = [...table.querySelectorAll("thead th, [role=columnheader]")].map(text);
        byTable.set(table, { headers, rows: [] });
      }
      const cells = [...row.children].filter((c) => !ours(c)).map(text);
      byTable.get(table).rows.push(cells);
    }
    return [...byTable.values()];
  }

  // Keys shown outside a table (a card per key, an IAM user's "Access key 1"
  // summary line): the texts of the smallest list item, or label/value pair,
  // around each key ID. The core reads them (ObservedItem).
  const ITEM = "li, [role=listitem], dl > div, dd";
  function items() {
    const found = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!KEY_ID.test(node.data)) continue;
      const element = node.parentElement;
      if (!element || element.closest("tr, [role=row], [data-rootguard]")) continue;
      let item = element.closest(ITEM);
      // A value (dd) is read with its label (dt), in the pair around them.
      if (item?.localName === "dd" && item.parentElement?.querySelector(":scope > dt")) item = item.parentElement;
      if (!item || seen.has(item)) continue;
      seen.add(item);
      const texts = [];
      const inside = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
      for (let t = inside.nextNode(); t; t = inside.nextNode()) {
        const value = t.data.replace(/\s+/g, " ").trim();
        if (value && !t.parentElement?.closest("[data-rootguard]")) texts.push(value);
      }
      found.push({ texts });
    }
    return found;
  }

  // `track: false` reads without counting it as a change of the page (a
  // page report's collection must not make the page unsettled again, which
  // would take the unrecognized-page notice away while the user uses it).
  function observe(withPage, { track = true } = {}) {
    const rows = withPage ? tables() : [];
    const keyItems = withPage ? items() : [];
    const headings = withPage ? [...document.querySelectorAll("h1, h2, h3, [role=heading]")].map(text).slice(0, 50) : [];
    const read = JSON.stringify([rows, keyItems, headings]);
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
      lang: document.documentElement.lang || navigator.language || "",
      tables: rows,
      items: keyItems,
      headings,
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
    await RootGuard.settings.ready;
    const observation = observe(watching);
    const thresholds = RootGuard.settings.thresholds();
    const { nowMs, ...comparable } = observation;
    const key = JSON.stringify([comparable, thresholds]);
    if (!force && key === lastSent) {
      // Same data (e.g. the console re-rendered the table and dropped the
      // badges): draw the last decision again, no need to ask.
      if (lastVerdict) RootGuard.render.verdict(lastVerdict, { settled: observation.settled });
      return;
    }
    lastSent = key;
    const url = location.href;
    const verdict = await RootGuard.ask({ type: "assess-page", observation, thresholds });
    if (!verdict || location.href !== url) return;
    lastVerdict = verdict;
    RootGuard.render.verdict(verdict, { settled: observation.settled });
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
    RootGuard.render.routeChanged();
    assess({ force: true });
    if (watching) touched();
  }

  // The console is an SPA: the route lives in the fragment (and may change
  // through history.pushState, which fires no event: a re-scan checks it).
  addEventListener("hashchange", routeChanged);
  addEventListener("popstate", routeChanged);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", routeChanged, { once: true });
  else routeChanged();
  RootGuard.sensor = { routeChanged, onVerdict: (listener) => verdictListeners.push(listener) };
  // Options changed: ask again under the new thresholds and redraw.
  RootGuard.settings.onChange(() => assess({ force: true }));

  // The toolbar popup asks what this tab shows: the core's last verdict here.
  const api = globalThis.browser ?? globalThis.chrome;
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

  /** What a drift report is built from: the observation (session, route) and the page's elements. */
  const collectPage = () => ({ observation: observe(false, { track: false }), page: pageTree() });
  // The unrecognized-page notice's "Copy page report" (content/page-report.js).
  RootGuard.sensor.collectPage = collectPage;

  if (window === top) {
    api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== api.runtime.id) return false;
      if (message?.type === "page-summary") sendResponse({ url: location.href, verdict: lastVerdict });
      else if (message?.type === "collect-page") sendResponse(collectPage());
      return false;
    });
  }
})();
