// extension/background/policy.js: a page verdict does not wait for a browser
// slow to answer for the organisation's policy: the copy as last read stands
// in, or no policy when there is no copy; the copy follows the browser's
// answers; an export (the live read) always waits for the browser.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { fake } from "./fake-browser.mjs";
import { changesSettings, StorageKey } from "../../extension/protocol.js";

// A background that has just started: the module's state is new each time.
let started = 0;
const startBackground = () => import(`../../extension/background/policy.js?background=${(started += 1)}`);

// A read the browser answers only when the test says so (Chromium at browser start).
function slowBrowser() {
  const reads = [];
  fake.managedGet = () =>
    new Promise((resolve) => {
      reads.push(resolve);
    });
  // Once it has answered, it answers at once.
  const answer = (managed) => {
    fake.managedGet = async () => structuredClone(managed);
    for (const resolve of reads.splice(0)) resolve(structuredClone(managed));
  };
  return { answer, reads };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `reading` is still waiting once everything ready has run; then, after `answer()`, what it gave. */
async function waitsFor(reading, answer) {
  let found = null;
  reading.then((value) => (found = value));
  await settle();
  const waited = found === null;
  answer();
  await settle();
  return { waited, found };
}
/**
 * The browser answers `policy`, which differs from what stood in: it becomes
 * the copy, with a change event that makes the background and the tabs ask
 * again (`why`), and page verdicts use it from then on.
 */
async function answerReplacesCopy(browser, pagePolicy, policy, why) {
  const changes = [];
  chrome.storage.onChanged.addListener((changed, area) => changes.push({ changed, area }));
  browser.answer(policy);
  await settle();
  assert.deepEqual(fake.local.get(StorageKey.policyCopy), policy, "the copy for the next start");
  assert.ok(changes.some(({ changed, area }) => changesSettings(changed, area)), why);
  assert.deepEqual(await pagePolicy(), policy, "once the browser has answered, its answer");
}
const COPY = { kdfStrength: "strong" };
const NEW_POLICY = { kdfStrength: "maximum" };

beforeEach(() => {
  fake.local.clear();
  fake.managedGet = async () => ({});
});

test("without a copy, a page verdict does not wait: no policy stands in, and the browser's policy, once it answers, is kept as the copy and says so", async () => {
  const browser = slowBrowser();
  const { pagePolicy } = await startBackground();
  assert.deepEqual(await pagePolicy(), {}, "no policy stands in (a new profile)");
  await answerReplacesCopy(browser, pagePolicy, COPY, "the verdicts decided under no policy are asked again");
});

test("without a policy and without a copy, no copy is written and no tab asks again", async () => {
  const browser = slowBrowser();
  const { pagePolicy } = await startBackground();
  await pagePolicy();
  const changes = [];
  chrome.storage.onChanged.addListener((changed, area) => changes.push(area));
  browser.answer({});
  await settle();
  assert.equal(fake.local.get(StorageKey.policyCopy), undefined);
  assert.deepEqual(changes, []);
});

test("a copy's change counts when it differs from what stood in for it (no policy, when there was no copy)", () => {
  const copyChange = (change) => changesSettings({ [StorageKey.policyCopy]: change }, "local");
  assert.equal(copyChange({ newValue: COPY }), true, "the first copy, a policy: verdicts were decided under none");
  assert.equal(copyChange({ newValue: {} }), false, "the first copy, no policy: as the verdicts were decided");
  assert.equal(copyChange({ oldValue: COPY, newValue: NEW_POLICY }), true);
  assert.equal(copyChange({ oldValue: COPY, newValue: {} }), true, "the policy removed");
  assert.equal(changesSettings({ other: { newValue: 1 } }, "local"), false);
});

test("with a copy, a page verdict does not wait for a slow browser; its different answer replaces the copy, which says so", async () => {
  fake.local.set(StorageKey.policyCopy, COPY);
  const browser = slowBrowser();
  const { pagePolicy } = await startBackground();
  assert.deepEqual(await pagePolicy(), COPY, "the copy stands in");
  await answerReplacesCopy(browser, pagePolicy, NEW_POLICY, "the copy's change is what makes the background and every tab ask again");
});

test("a copy written meanwhile by another of RootGuard's pages (options) stands in from then on", async () => {
  const browser = slowBrowser();
  const { pagePolicy } = await startBackground();
  assert.deepEqual(await pagePolicy(), {}, "no copy yet: no policy");
  fake.local.set(StorageKey.policyCopy, COPY); // the options page's own read answered first and kept it
  assert.deepEqual(await pagePolicy(), COPY, "the newer copy, though this background's read is still waiting");
  browser.answer(COPY);
});

test("an answer the same as the copy leaves the copy untouched", async () => {
  fake.local.set(StorageKey.policyCopy, COPY);
  const browser = slowBrowser();
  const { pagePolicy } = await startBackground();
  await pagePolicy();
  const changes = [];
  chrome.storage.onChanged.addListener((changed, area) => changes.push(area));
  browser.answer({ ...COPY });
  await settle();
  assert.deepEqual(changes, [], "no change event: what was decided with the copy stands");
});

test("an export's read (livePolicy) waits for the browser, never the copy", async () => {
  fake.local.set(StorageKey.policyCopy, COPY);
  const browser = slowBrowser();
  const { livePolicy } = await startBackground();
  const { waited, found } = await waitsFor(livePolicy(), () => browser.answer(NEW_POLICY));
  assert.ok(waited, "still waiting for the browser");
  assert.deepEqual(found, NEW_POLICY);
});

test("the browser asked once while its first answer is pending; no policy (a rejected read) is {}", async () => {
  const browser = slowBrowser();
  const { livePolicy, pagePolicy } = await startBackground();
  const answers = Promise.all([livePolicy(), pagePolicy(), livePolicy()]);
  await settle();
  assert.equal(browser.reads.length, 1);
  browser.answer({});
  assert.deepEqual(await answers, [{}, {}, {}]);
  fake.managedGet = async () => {
    throw new Error("Managed storage manifest not found");
  };
  assert.deepEqual(await livePolicy(), {}, "Firefox without a policy naming RootGuard");
});
