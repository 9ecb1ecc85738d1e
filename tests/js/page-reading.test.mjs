// extension/content/page-reading.js: what the sensor reads of a page, on
// markup shaped like the console's (a Cloudscape table, key cards, an IAM
// user's summary), RootGuard's own elements left out.
import assert from "node:assert/strict";
import { test } from "node:test";

import { JSDOM } from "jsdom";

import { consoleLocale, keyItemsOutsideTables, keyTables, pageHeadings, pageSections, readingsTouched } from "../../extension/content/page-reading.js";

// The shape the core hands out (contentRules().keyIdPattern); the core's own test pins the pattern.
const KEY_ID = /A[KS]IA[A-Z2-7]{16}/;
const page = (body) => new JSDOM(`<!doctype html><body>${body}</body>`).window.document;

test("a table's rows that show a key ID, with the table's headers; other rows and badges left out", () => {
  const document = page(`
    <table><thead><tr><th>Access key ID</th><th>Created</th><th>Status</th></tr></thead>
      <tbody>
        <tr><td>AKIAIOSFODNN7EXAMPLE <span data-rootguard="key-badge">400 days</span></td><td>400 days ago</td><td>Active</td></tr>
        <tr><td>no key here</td><td>-</td><td>-</td></tr>
      </tbody></table>
    <table><tr><td>another table, no keys</td></tr></table>`);
  assert.deepEqual(keyTables(document, KEY_ID), [
    { headers: ["Access key ID", "Created", "Status"], rows: [["AKIAIOSFODNN7EXAMPLE 400 days", "400 days ago", "Active"]] },
  ]);
});

test("a row inside RootGuard's own element is not read", () => {
  const document = page(`<div data-rootguard="notices"><table><tr><td>AKIAIOSFODNN7EXAMPLE</td></tr></table></div>`);
  assert.deepEqual(keyTables(document, KEY_ID), []);
});

test("ARIA grids count as tables", () => {
  const document = page(`
    <div role="grid"><div role="row"><span role="columnheader">Access key</span></div>
      <div role="row"><span role="gridcell">ASIAIOSFODNN7EXAMPLE</span><span role="gridcell">Active</span></div></div>`);
  assert.deepEqual(keyTables(document, KEY_ID), [{ headers: ["Access key"], rows: [["ASIAIOSFODNN7EXAMPLE", "Active"]] }]);
});

test("keys outside tables: the smallest item around each, a dd with its dt, once each", () => {
  const document = page(`
    <ul><li><b>AKIAIOSFODNN7EXAMPLE</b> <span>Created 400 days ago</span></li></ul>
    <dl><div><dt>Access key 1</dt><dd>AKIA2OGYBAH6STMMNXNN - Active - Used 2 days ago. 10 days old.</dd></div></dl>
    <table><tr><td>AKIAZZZZZZZZZZZZZZZZ</td></tr></table>
    <p>AKIAQQQQQQQQQQQQQQQQ in a paragraph is no item</p>`);
  assert.deepEqual(keyItemsOutsideTables(document, KEY_ID), [
    { texts: ["AKIAIOSFODNN7EXAMPLE", "Created 400 days ago"] },
    { texts: ["Access key 1", "AKIA2OGYBAH6STMMNXNN - Active - Used 2 days ago. 10 days old."] },
  ]);
});

test("headings, at most 50", () => {
  const document = page(`<h1>Security  credentials</h1><div role="heading">Access keys (2)</div>${"<h3>x</h3>".repeat(60)}`);
  const headings = pageHeadings(document);
  assert.deepEqual(headings.slice(0, 2), ["Security credentials", "Access keys (2)"]);
  assert.equal(headings.length, 50);
});

test("the console's own language setting: its noflush_locale cookie, or null", () => {
  const dom = new JSDOM("<body></body>", { url: "https://us-east-1.console.aws.amazon.com/iam/home" });
  assert.equal(consoleLocale(dom.window.document), null);
  dom.window.document.cookie = "awsc-color-theme=light";
  dom.window.document.cookie = "noflush_locale=zh-CN";
  assert.equal(consoleLocale(dom.window.document), "zh-CN");
  assert.equal(consoleLocale({ get cookie() { throw new Error("SecurityError"); } }), null);
});

test("sections: each h2 with its own table's data rows; an empty table's one-cell row is none", () => {
  const { document } = new JSDOM(`<body><main>
    <div><div><h2>Multi-factor authentication (MFA) <span>(0)</span></h2></div>
      <table><thead><tr><th>Type</th><th>Identifier</th></tr></thead><tbody><tr><td colspan="2">No MFA devices.</td></tr></tbody></table></div>
    <div><h2>Access keys (1)</h2><table><tbody><tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr></tbody></table></div>
    <div><h2>Account details</h2><p>no table</p></div>
    <div data-rootguard="notices"><h2>RootGuard</h2></div>
  </main></body>`).window;
  assert.deepEqual(pageSections(document), [
    { heading: "Multi-factor authentication (MFA) (0)", rows: 0 },
    { heading: "Access keys (1)", rows: 1 },
    { heading: "Account details", rows: 0 },
  ]);
});

test("a box that holds several sections does not lend one section another's table", () => {
  const { document } = new JSDOM(`<body><main><div id="all">
    <h2>Multi-factor authentication (MFA)</h2>
    <div><h2>Access keys (1)</h2><table><tbody><tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr></tbody></table></div>
  </div></main></body>`).window;
  assert.deepEqual(pageSections(document).map((s) => s.rows), [0, 1]);
});

// readingsTouched: which readings a batch of the page's mutations can have
// changed, from the records jsdom's MutationObserver gives, as the sensor's.
async function touchedBy(body, change) {
  const document = page(body);
  const records = await new Promise((resolve) => {
    const observer = new document.defaultView.MutationObserver((found) => {
      observer.disconnect();
      resolve(found);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    change(document);
  });
  return readingsTouched(records, KEY_ID);
}
const TABLE = `<h2>Access keys</h2><table><tbody><tr><td>AKIAIOSFODNN7EXAMPLE</td><td>Active</td></tr></tbody></table>
  <main><ul id="live"><li>event 1</li></ul></main>`;

test("readingsTouched: a list churning elsewhere on the page touches nothing", async () => {
  const touched = await touchedBy(TABLE, (d) => {
    const list = d.getElementById("live");
    for (let i = 0; i < 20; i++) list.append(Object.assign(d.createElement("li"), { textContent: `event ${i}` }));
    list.firstElementChild.remove();
    list.lastElementChild.firstChild.data = "updated";
  });
  assert.equal(touched, null);
});

test("readingsTouched: rows re-rendered with the same data, or a cell's text changed, are the rows'", async () => {
  const rerendered = await touchedBy(TABLE, (d) => {
    const body = d.querySelector("tbody");
    body.replaceChildren(...[...body.children].map((row) => row.cloneNode(true)));
  });
  assert.deepEqual(rerendered, { rows: true, items: false, headings: false });
  const status = await touchedBy(TABLE, (d) => {
    d.querySelector("td:last-child").firstChild.data = "Inactive";
  });
  assert.deepEqual(status, { rows: true, items: false, headings: false });
});

test("readingsTouched: a new table with keys is the rows' (not the items'); key cards the items'; a heading's text the headings'", async () => {
  const added = await touchedBy("<main></main>", (d) => {
    d.querySelector("main").innerHTML = "<h2>Access keys</h2><table><tr><td>AKIAIOSFODNN7EXAMPLE</td></tr></table>";
  });
  assert.deepEqual(added, { rows: true, items: false, headings: true });
  const cards = await touchedBy("<main></main>", (d) => {
    d.querySelector("main").innerHTML = "<ul><li><span>AKIAIOSFODNN7EXAMPLE</span> · Active</li></ul>";
  });
  assert.deepEqual(cards, { rows: true, items: true, headings: false });
  const heading = await touchedBy(TABLE, (d) => {
    d.querySelector("h2").firstChild.data = "Zugriffsschlüssel";
  });
  assert.deepEqual(heading, { rows: false, items: false, headings: true });
});

test("readingsTouched: a key's card outside a table is the items'", async () => {
  const touched = await touchedBy(`<ul><li><span>AKIAIOSFODNN7EXAMPLE</span> · <span id="status">Active</span></li></ul>`, (d) => {
    d.getElementById("status").firstChild.data = "Inactive";
  });
  assert.deepEqual(touched, { rows: false, items: true, headings: false });
});

test("readingsTouched: RootGuard's own badges going in or out touch nothing", async () => {
  const touched = await touchedBy(TABLE, (d) => {
    const badge = d.createElement("span");
    badge.setAttribute("data-rootguard", "key-badge");
    badge.textContent = "AKIAIOSFODNN7EXAMPLE";
    d.querySelector("td").append(badge);
    d.body.append(Object.assign(d.createElement("div"), { textContent: "" }));
    d.body.lastElementChild.setAttribute("data-rootguard", "notices");
  });
  assert.equal(touched, null);
});
