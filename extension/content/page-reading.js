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
