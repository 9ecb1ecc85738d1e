// extension/content/placement.js: notices go where the console puts its own
// alerts, at the top of the content area, and wait in a corner only until
// the console has drawn it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { JSDOM } from "jsdom";

import { contentTop, placeBeside, placeNotices } from "../../extension/content/placement.js";

// The shape of a Cloudscape AppLayout page: breadcrumbs, then the content,
// laid out by a grid (ContentLayout) whose cells hold the page header (its
// title block holds the h1) and the containers.
const CONSOLE = `<header id="nav">AWS</header><div class="layout"><nav>IAM</nav>
  <main><div id="crumbs">IAM › Security credentials</div>
    <div id="content"><div id="grid" style="display: grid"><div id="title"><h1>My security credentials</h1></div>
      <div id="container">Access keys</div></div></div></main></div>`;

test("the content area's top: right above the page's heading, in the nearest block in normal flow", () => {
  const { document } = new JSDOM(`<body>${CONSOLE}</body>`).window;
  const top = contentTop(document);
  assert.equal(top.parent.id, "title");
  assert.equal(top.before.localName, "h1");
});

test("never inside a grid or flex layout, where an added element would take a cell of its own", () => {
  const { document } = new JSDOM(`<body><main><div id="content"><div id="grid" style="display: grid"><h1>Title</h1><div>Keys</div></div></div></main></body>`).window;
  const top = contentTop(document);
  assert.equal(top.parent.id, "content");
  assert.equal(top.before.id, "grid");
  const flex = new JSDOM(`<body><main><section id="page"><div id="row" style="display: flex"><h1>Title</h1></div></section></main></body>`).window.document;
  assert.equal(contentTop(flex).before.id, "row");
});

test("no main landmark or no heading yet: no place in the flow", () => {
  assert.equal(contentTop(new JSDOM("<body><div><h1>x</h1></div></body>").window.document), null);
  assert.equal(contentTop(new JSDOM("<body><main><div>loading</div></main></body>").window.document), null);
});

test("the notices wait in the corner until the console draws its content, then move into the flow", async () => {
  const { window } = new JSDOM(`<body><div id="app">loading</div></body>`, { pretendToBeVisual: true });
  const { document } = window;
  globalThis.MutationObserver = window.MutationObserver;
  globalThis.requestAnimationFrame = (f) => setTimeout(f, 0);
  const stack = document.createElement("div");
  stack.setAttribute("data-rootguard", "notices");
  placeNotices(stack);
  assert.equal(stack.getAttribute("data-placement"), "floating");
  assert.equal(stack.style.position, "fixed");
  document.getElementById("app").innerHTML = CONSOLE;
  // The move happens in the frame after the console's change: wait for it, not for a time.
  for (let frames = 0; stack.getAttribute("data-placement") !== "flow" && frames < 100; frames += 1) {
    await new Promise((resolve) => globalThis.requestAnimationFrame(resolve));
  }
  assert.equal(stack.getAttribute("data-placement"), "flow");
  assert.equal(stack.style.position, "static");
  assert.equal(stack.nextElementSibling.localName, "h1", "right above the page's heading");
  assert.equal(stack.parentElement.id, "title");
  // Placed again (every verdict): it stays where it is.
  placeNotices(stack);
  assert.equal(document.querySelectorAll('[data-rootguard="notices"]').length, 1);
  assert.equal(stack.nextElementSibling.localName, "h1");
});

test("a notice about a value goes next to it: at the end of its table cell, under the value", () => {
  const { document } = new JSDOM(`<body><main><table><tr><td id="id">AKIA…</td><td id="cell"><div style="display: flex"><button id="copy">copy</button><span id="secret">wJalr…</span></div></td></tr></table></main></body>`).window;
  const notice = document.createElement("div");
  assert.equal(placeBeside(notice, document.getElementById("copy")), true);
  assert.equal(notice.parentElement.id, "cell");
  assert.equal(notice.previousElementSibling.style.display, "flex", "after the value's row of controls, not inside it");
  assert.equal(notice.getAttribute("data-placement"), "beside");
  // A text node (the selection's) is placed by its element.
  const other = document.createElement("div");
  assert.equal(placeBeside(other, document.getElementById("secret").firstChild), true);
  assert.equal(other.parentElement.id, "cell");
});

test("outside a table: right after the nearest block in normal flow, never as a flex item beside the console's controls", () => {
  const { document } = new JSDOM(`<body><main><div id="pair"><div id="row" style="display: flex"><span id="value">wJalr…</span><button>copy</button></div></div><p id="next">next</p></main></body>`).window;
  const notice = document.createElement("div");
  assert.equal(placeBeside(notice, document.getElementById("value")), true);
  assert.equal(notice.previousElementSibling.id, "row");
  assert.equal(notice.parentElement.id, "pair");
});

test("no place beside a subject that left the page or is RootGuard's own", () => {
  const { document } = new JSDOM(`<body><main><div data-rootguard="page-report"><button id="ours">Copy</button></div></main></body>`).window;
  const notice = document.createElement("div");
  assert.equal(placeBeside(notice, document.getElementById("ours")), false);
  assert.equal(placeBeside(notice, document.createElement("span")), false);
  assert.equal(placeBeside(notice, null), false);
  assert.equal(notice.isConnected, false);
});
