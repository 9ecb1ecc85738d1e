// extension/content/sensor.js in a page (jsdom) with a background on the
// other end of the sensor's port: the observation goes out on the port when
// the page changes, a table re-rendered with the same data is badged again
// from the core's kept answer without a question, and a verdict older than
// the one shown is dropped.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { JSDOM } from "jsdom";

import { fake } from "./fake-browser.mjs";
import { answerPorts, fromContentScript, PortName, ToBackground } from "../../extension/protocol.js";

const KEY_A = "AKIAIOSFODNN7EXAMPLE";
const KEY_B = "AKIAJ7QZ2EXAMPLEKEY2";
const { window } = new JSDOM(`<!doctype html><html lang="en"><body><main><h1>Security credentials</h1><div id="keys"></div></main></body></html>`, {
  url: "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials",
});
const { document } = window;
Object.assign(globalThis, {
  document,
  location: window.location,
  sessionStorage: window.sessionStorage,
  MutationObserver: window.MutationObserver,
  NodeFilter: window.NodeFilter,
  navigator: window.navigator,
  Node: window.Node,
  addEventListener: window.addEventListener.bind(window),
  requestAnimationFrame: (f) => setTimeout(f, 0),
});

// The one-shot questions the sensor asks besides: the core's text rules, the page's texts.
fake.sendMessage = async (message) => {
  if (message.type === ToBackground.contentRules) return { ok: true, result: { keyIdPattern: "A[KS]IA[A-Z2-7]{16}", secretPattern: "[A-Za-z0-9/+]{40}" } };
  if (message.type === ToBackground.pageTexts) return { ok: true, result: {} };
  return undefined;
};

// The background: answers each observation with a verdict naming what it saw;
// `hold` keeps the next answers back until a test lets them go.
const questions = [];
let hold = null;
answerPorts([PortName.sensor], {
  [ToBackground.assessPage]: {
    allowed: fromContentScript,
    run: async (_c, { observation }) => {
      questions.push(observation);
      const number = questions.length;
      if (hold) await hold.promise;
      const keys = observation.tables.flatMap((t) => t.rows.map((cells) => cells[0].match(/A[KS]IA[A-Z2-7]{16}/)?.[0])).filter(Boolean);
      return {
        decidedBy: `answer ${number}: ${keys.join(",") || "no keys"}`,
        recognition: { page: { kind: "security-credentials" }, session: { principal: { kind: "root" } } },
        notices: [],
        badges: keys.map((keyId) => ({ keyId, severity: "warning", ageDays: 100, summary: [], reasons: [], actions: [] })),
        showBadges: true,
        watch: true,
        watchSecret: false,
        // As the core says: only IAM's pages are told apart by the fragment.
        routeInFragment: new URL(observation.url).pathname.startsWith("/iam"),
        locale: "en",
        diagnostics: [],
      };
    },
  },
}, Promise.resolve({}));

/** Resolves once `condition()` holds, looked at after each turn of the event loop (no timer). */
async function until(what, condition) {
  for (let turn = 0; turn < 10_000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never: ${what}`);
}
const table = (keys) => `<table><thead><tr><th>Access key ID</th><th>Status</th></tr></thead>
  <tbody>${keys.map((k) => `<tr><td>${k}</td><td>Active</td></tr>`).join("")}</tbody></table>`;
const badged = () => [...document.querySelectorAll('[data-rootguard="key-badge"]')].map((b) => b.getAttribute("data-key-id"));
const decidedBy = () => document.querySelector('[data-rootguard="notices"]')?.getAttribute("data-decided-by");

const { startSensor } = await import("../../extension/content/sensor.js");
startSensor();

test("the observation goes out on the sensor's port, and the verdict is drawn when it comes", async () => {
  await until("the first verdict", () => decidedBy()?.endsWith("no keys"));
  assert.deepEqual(fake.sent.filter((m) => m.type === ToBackground.assessPage), [], "not as one-shot messages");
  assert.ok(fake.ports.some((p) => p.name === PortName.sensor));
  document.getElementById("keys").innerHTML = table([KEY_A, KEY_B]);
  await until("the badges", () => badged().length === 2);
  assert.deepEqual(badged(), [KEY_A, KEY_B]);
});

test("a table re-rendered with the same data is badged again at once, from the kept answer", async () => {
  const asked = questions.length;
  const body = document.querySelector("tbody");
  // As the console does: fresh rows, without what an extension put in the old ones.
  body.replaceChildren(...[...body.children].map((row) => {
    const copy = row.cloneNode(true);
    for (const foreign of copy.querySelectorAll("[data-rootguard]")) foreign.remove();
    return copy;
  }));
  await until("the badges again", () => badged().length === 2);
  assert.equal(questions.length, asked, "no new question for what the core already answered");
});

test("a list churning elsewhere on a watched page asks nothing", async () => {
  const asked = questions.length;
  const list = document.createElement("ul");
  document.querySelector("main").append(list);
  for (let i = 0; i < 50; i++) list.append(Object.assign(document.createElement("li"), { textContent: `event ${i}` }));
  list.firstElementChild.firstChild.data = "updated";
  // A change the sensor does read, after the churn: once it is answered, the churn was seen too.
  document.querySelector("tbody").insertAdjacentHTML("beforeend", `<tr><td>AKIAQQQQQQQQQQQQQQQ3</td><td>Active</td></tr>`);
  await until("the third badge", () => badged().length === 3);
  assert.equal(questions.length, asked + 1, "one question: the new row's");
});

test("a verdict older than the one shown is dropped", async () => {
  let release;
  hold = { promise: new Promise((resolve) => (release = resolve)) };
  const asked = questions.length;
  const status = document.querySelector("tbody td:last-child").firstChild;
  status.data = "Inactive"; // observation 1, held back
  await until("the first question", () => questions.length === asked + 1);
  hold = null;
  status.data = "Expired"; // observation 2, answered at once
  await until("the newer verdict", () => decidedBy()?.startsWith(`answer ${asked + 2}:`));
  release(); // now the older answer arrives
  await until("the older answer on its way", () => questions.length === asked + 2);
  // One turn for its reply to cross the port, one for the sensor to look at it.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(decidedBy().startsWith(`answer ${asked + 2}:`), `the newer verdict stays: ${decidedBy()}`);
});

test("outside IAM, an SPA move to another fragment is answered from the kept answer, without a question", async () => {
  let moves = 0;
  window.addEventListener("hashchange", () => moves++); // after the sensor's own listener
  const move = async (url) => {
    const before = moves;
    if (url.startsWith("#")) window.location.hash = url;
    else {
      window.history.pushState(null, "", url); // the console's own moves fire no event: the next hashchange tells
      window.dispatchEvent(new window.HashChangeEvent("hashchange"));
    }
    await until(`the move to ${url}`, () => moves > before);
  };
  const asked = questions.length;
  await move("/ec2/home?region=us-east-1#Instances");
  await until("the EC2 page's verdict", () => decidedBy()?.startsWith(`answer ${asked + 1}:`));
  for (const fragment of ["#Instances:page=1", "#Instances:page=2", "#Volumes"]) await move(fragment);
  // Another service is another page: asked. Had a fragment been asked, this answer's number would be later.
  await move("/s3/home#/buckets");
  await until("the S3 page's verdict", () => decidedBy()?.startsWith(`answer ${asked + 2}:`));
  assert.deepEqual(questions.slice(asked).map((o) => new URL(o.url).pathname), ["/ec2/home", "/s3/home"]);
});
