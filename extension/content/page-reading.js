// What the sensor reads of a console page, as plain data for the core:
// tables whose rows show access key IDs, keys shown outside a table, and
// the headings. RootGuard's own elements are never read. Pure functions of
// a document and the core's key-ID pattern (content/rules.js), so they are
// tested on their own (tests/js/page-reading.test.mjs).

const ours = (node) => node.nodeType === 1 && node.hasAttribute?.("data-rootguard");
const text = (element) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();

/** `[{headers, rows: [[cell text]]}]`: each table (or ARIA grid) with a row that shows a key ID, and those rows. */
export function keyTables(document, keyId) {
  const byTable = new Map();
  for (const row of document.querySelectorAll("tr, [role=row]")) {
    if (row.closest("[data-rootguard]") || !keyId.test(row.textContent)) continue;
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
