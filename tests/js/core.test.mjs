// extension/content/core.js: "RootGuard could not start" only when the core
// did not load or the background did not answer; a refusal of the core's is
// said in the core's words instead.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { JSDOM } from "jsdom";

import { askCore } from "../../extension/content/core.js";
import { ProtocolError, ToBackground } from "../../extension/protocol.js";
import { fake } from "./fake-browser.mjs";

const { window } = new JSDOM("<!doctype html><body></body>", { url: "https://us-east-1.console.aws.amazon.com/iam/home" });
Object.assign(globalThis, {
  document: window.document,
  sessionStorage: window.sessionStorage,
  MutationObserver: window.MutationObserver,
  requestAnimationFrame: (f) => setTimeout(f, 0),
});
const quiet = console.error;
beforeEach(() => {
  window.document.body.replaceChildren();
  console.error = () => {}; // each case logs what went wrong; the notices are what is checked
});
const notice = () => window.document.querySelector('[data-rootguard="notices"] > [data-rootguard-from="message"]');
const said = (element) => element.shadowRoot.textContent;

test("an answer is returned and nothing is shown", async () => {
  fake.sendMessage = async () => ({ ok: true, result: { secret: true } });
  assert.deepEqual(await askCore({ type: ToBackground.secretShown, text: "x" }), { secret: true });
  assert.equal(notice(), null);
});

test("no answer, or a core that did not load: RootGuard could not start", async () => {
  for (const name of [ProtocolError.NoAnswer, ProtocolError.CoreUnavailable]) {
    fake.sendMessage = async () => ({ ok: false, error: { name, message: `${name} happened` } });
    assert.equal(await askCore({ type: ToBackground.assessPage }), null);
    assert.equal(notice().getAttribute("data-rootguard"), "core-unavailable");
    assert.match(said(notice()), new RegExp(`coreUnavailableBody\\(${name} happened\\)`));
  }
});

test("a refusal of the core's is said as such, not as a failure to start", async () => {
  fake.sendMessage = async () => ({ ok: false, error: { name: "NotASecret", message: "the secret is hidden: click Show first" } });
  assert.equal(await askCore({ type: ToBackground.holdPageCredentials }), null);
  assert.equal(notice().getAttribute("data-rootguard"), "core-refused");
  assert.match(said(notice()), /coreRefusedBody\(the secret is hidden: click Show first\)/);
  assert.doesNotMatch(said(notice()), /coreUnavailable/);
});

test.after(() => {
  console.error = quiet;
});
