// What the sensor reads of a console page, as plain data for the core:
// tables whose rows show access key IDs, keys shown outside a table, and
// the headings. RootGuard's own elements are never read. Pure functions of
// a document and the core's key-ID pattern (content/rules.js), so they are
// tested on their own (tests/js/page-reading.test.mjs).

const ours = (node) => node.nodeType === 1 && node.hasAttribute?.("data-rootguard");
const text = (element) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();

const dataRow = (row) => row.querySelector(":scope > td, :scope > [role=cell], :scope > [role=gridcell]") !== null;
const MAX_ROWS = 1000;

/**
 * `[{headers, rows: [[cell text]]}]`: each table (or ARIA grid) with a row
 * that shows a key ID, and those rows; with `everyRow` (the users list,
 * where the key ID column may be hidden), each table with data rows, and
 * all of them (at most 1000).
 */
export function keyTables(document, keyId, { everyRow = false } = {}) {
  const byTable = new Map();
  let count = 0;
  for (const row of document.querySelectorAll("tr, [role=row]")) {
    if (row.closest("[data-rootguard]") || !(everyRow ? dataRow(row) : keyId.test(row.textContent))) continue;
    if (++count > MAX_ROWS) break;
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
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, without the realm's NodeFilter

/** `[{texts}]`: for each key ID shown outside a table, the texts of the item around it. */
export function keyItemsOutsideTables(document, keyId) {
  const found = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!keyId.test(node.data)) continue;
    const element = node.parentElement;
    if (!element || element.closest("tr, [role=row], [data-rootguard]")) continue;
    let item = element.closest(ITEM);
    // A value (dd) is read with its label (dt), in the pair around them.
    if (item?.localName === "dd" && item.parentElement?.querySelector(":scope > dt")) item = item.parentElement;
    if (!item || seen.has(item)) continue;
    seen.add(item);
    const texts = [];
    const inside = document.createTreeWalker(item, SHOW_TEXT);
    for (let t = inside.nextNode(); t; t = inside.nextNode()) {
      const value = t.data.replace(/\s+/g, " ").trim();
      if (value && !t.parentElement?.closest("[data-rootguard]")) texts.push(value);
    }
    found.push({ texts });
  }
  return found;
}

/** The page's first 50 headings' texts (the core recognises sections by them). */
export const pageHeadings = (document) => [...document.querySelectorAll("h1, h2, h3, [role=heading]")].map(text).slice(0, 50);

/**
 * `[{heading, rows}]`: each section of the page (an h2) and how many data
 * rows the table under it shows (rows of two or more cells: an empty
 * table's one-cell "No MFA devices" row is none). The table is the one in
 * the nearest box around the heading that holds a table and no other
 * section's heading. The core finds the MFA section among them.
 */
export function pageSections(document) {
  const sections = [];
  for (const heading of document.querySelectorAll("h2, [role=heading][aria-level='2']")) {
    if (heading.closest("[data-rootguard]")) continue;
    let rows = 0;
    for (let box = heading.parentElement; box && box.localName !== "main" && box !== document.body; box = box.parentElement) {
      const table = box.querySelector("table, [role=table], [role=grid]");
      if (!table) continue;
      if (box.querySelectorAll("h2, [role=heading][aria-level='2']").length === 1) {
        rows = [...table.querySelectorAll("tbody tr, [role=row]")].filter((row) => row.querySelectorAll("td, [role=cell], [role=gridcell]").length >= 2).length;
      }
      break;
    }
    sections.push({ heading: text(heading), rows });
  }
  return sections.slice(0, 50);
}

/**
 * The console's own language setting, where the page exposes it: the
 * `noflush_locale` cookie the console keeps ("de", "zh-CN"), or null. The
 * core weighs it against `<html lang>` (PageObservation::language_tag).
 */
export function consoleLocale(document) {
  let cookies;
  try {
    cookies = document.cookie;
  } catch {
    return null; // a sandboxed document has no cookies to read
  }
  for (const pair of cookies.split(";")) {
    const [name, ...value] = pair.split("=");
    if (name.trim() === "noflush_locale") {
      try {
        return decodeURIComponent(value.join("=").trim());
      } catch {
        return value.join("=").trim();
      }
    }
  }
  return null;
}

// What of the above a batch of mutation records can have changed, so the
// sensor reads again only that (its work follows what changed, not the size
// of the page). A change inside a row is the rows'; inside a heading the
// headings'; inside an item that shows a key ID the items'. Nodes added or
// removed count by what they hold: a key ID (the rows', and the items' too
// when one is outside a row), a heading. RootGuard's own nodes never count.
const ROW = "tr, [role=row]";
const TABLE = "table, [role=table], [role=grid]";
const HEADING = "h1, h2, h3, [role=heading]";
const HEADING_NAMES = new Set(["h1", "h2", "h3"]);
const TEXT_NODE = 3;
const AROUND = `[data-rootguard], ${ROW}, ${HEADING}, ${ITEM}`;

/** Whether a text under `element` (in the page or just taken out) shows a key ID outside any row. */
function keyOutsideRows(element, keyId) {
  const walker = element.ownerDocument.createTreeWalker(element, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (keyId.test(node.data) && !node.parentElement?.closest(ROW)) return true;
  }
  return false;
}

const isHeading = (element) => HEADING_NAMES.has(element.localName) || element.getAttribute("role") === "heading";

/**
 * `{rows, items, headings}`: which readings `records` may have changed
 * (each true or false), or null when none.
 */
export function readingsTouched(records, keyId) {
  const touched = { rows: false, items: false, headings: false };
  let any = false;
  const mark = (part) => {
    any = true;
    touched[part] = true;
  };
  // Where a change happened: what the element around it is inside, found
  // in one walk up (a row, a heading, an item; nothing inside RootGuard's own).
  const inside = (element) => {
    const found = [];
    for (let e = element?.closest(AROUND); e; e = e.parentElement?.closest(AROUND)) {
      if (e.hasAttribute("data-rootguard")) return;
      found.push(e);
    }
    for (const e of found) {
      if (e.matches(ROW)) mark("rows");
      else if (e.matches(HEADING)) mark("headings");
      else if (!touched.items && keyId.test(e.textContent)) mark("items"); // an item around a key ID (the read takes its texts)
    }
  };
  // A node added or removed, with what it holds.
  const node = (added, parent) => {
    if (added.nodeType === TEXT_NODE) {
      if (keyId.test(added.data)) mark(parent?.closest(TABLE) ? "rows" : "items");
      return;
    }
    if (added.nodeType !== 1 || ours(added)) return;
    if (keyId.test(added.textContent)) {
      mark("rows");
      // The items' only when a key ID in it is outside a row: looked for in what came or went, not in the page.
      if (!touched.items && !parent?.closest(`${TABLE}, ${ROW}`) && keyOutsideRows(added, keyId)) mark("items");
    }
    if (isHeading(added) || (added.firstElementChild && added.querySelector(HEADING))) mark("headings");
  };
  let lastTarget = null;
  for (const record of records) {
    const target = record.target;
    if (record.type === "characterData") {
      if (keyId.test(target.data)) mark(target.parentElement?.closest(TABLE) ? "rows" : "items");
      inside(target.parentElement);
      continue;
    }
    const { addedNodes, removedNodes } = record;
    let foreign = false;
    for (const n of addedNodes) {
      if (ours(n)) continue;
      foreign = true;
      node(n, target);
    }
    for (const n of removedNodes) {
      if (ours(n)) continue;
      foreign = true;
      node(n, target);
    }
    if (touched.rows && touched.items && touched.headings) break;
    // Many records share one target (a list churning, a table's body refilled): where it is is asked once.
    if (foreign && target !== lastTarget) {
      lastTarget = target;
      inside(target);
    }
  }
  return any ? touched : null;
}

/**
 * Whether `records` changed any of the page's own nodes (not RootGuard's):
 * the users list, read row by row, reads again on any such change.
 */
export function touchesThePage(records) {
  const theirs = (node) => !(node.nodeType === 1 ? node : node.parentElement)?.closest?.("[data-rootguard]");
  return records.some((record) => (record.type === "characterData" ? theirs(record.target) : [...record.addedNodes, ...record.removedNodes].some((n) => theirs(n) && theirs(record.target))));
}
