// extension/background/policy.js and settings.js with a browser slow to
// answer for the organisation's policy (Chromium at startup): once it kept
// a question waiting, the copy last read answers at once; an export refuses
// when no policy was ever read; a late answer updates the copy, whose change
// makes the kept settings go.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { fake } from "./fake-browser.mjs";
import { managedSettings, pageSettings } from "../../extension/background/settings.js";
import { StorageKey } from "../../extension/protocol.js";

const core = { readSettings: (stored, managed) => ({ stored, managed }) };
let answer;
fake.managedGet = () => new Promise((resolve) => (answer = resolve)); // the browser does not answer yet
fake.storageGet = async () => ({ settings: { rotateDays: 30 } });

test("no policy read yet, none ever: an export refuses, and says why", async () => {
  await assert.rejects(managedSettings({ required: true, waitMs: 20 }), (error) => error.name === "PolicyUnreadable" && error.message === "policyUnreadable");
  assert.deepEqual(await managedSettings({ waitMs: 20 }), {}, "anything else: no policy");
});

test("once the browser kept a question waiting, the copy last read answers at once", async () => {
  fake.local.set(StorageKey.policyCopy, { exportMode: "recipients" });
  const reads = fake.storageReads;
  assert.deepEqual(await pageSettings(core), { stored: { rotateDays: 30 }, managed: { exportMode: "recipients" } });
  await pageSettings(core);
  assert.equal(fake.storageReads - reads, 1, "kept: a late answer that differs changes the copy, which drops it");
  assert.deepEqual(await managedSettings({ required: true, waitMs: 60_000 }), { exportMode: "recipients" }, "an export goes by the copy, without waiting again");
});

test("the late answer updates the copy, and the settings are read with it from then on", async () => {
  const changed = new Promise((resolve) => {
    globalThis.chrome.storage.onChanged.addListener((changes, area) => area === "local" && changes[StorageKey.policyCopy] && resolve(changes));
  });
  answer({ exportMode: "passphrase" });
  const changes = await changed;
  assert.deepEqual(changes[StorageKey.policyCopy].newValue, { exportMode: "passphrase" });
  fake.managedGet = async () => ({ exportMode: "passphrase" }); // quick from now on, as the browsers are
  assert.deepEqual(await pageSettings(core), { stored: { rotateDays: 30 }, managed: { exportMode: "passphrase" } });
  const reads = fake.storageReads;
  await pageSettings(core);
  assert.equal(fake.storageReads, reads, "kept now: it was the browser's answer");
});
