// extension/background/settings.js: the page verdicts' settings are read from
// storage once and kept until storage says they changed, or until a content
// script that heard of a change asks for them fresh; an unreadable storage is
// not kept.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { fake } from "./fake-browser.mjs";
import { pageSettings, readStoredSettings, storedSettings } from "../../extension/background/settings.js";

// The core reads what is stored; here it only shows what it was given.
const core = { readSettings: (stored) => ({ read: stored }) };

test("read once, kept until storage changes, read again when asked fresh", async () => {
  fake.storageGet = async () => ({ settings: { rotateDays: 30 } });
  const reads = fake.storageReads;
  assert.deepEqual(await pageSettings(core), { read: { rotateDays: 30 } });
  assert.deepEqual(await pageSettings(core), { read: { rotateDays: 30 } });
  assert.equal(fake.storageReads - reads, 1, "one read for both");
  fake.storageGet = async () => ({ settings: { rotateDays: 60 } });
  fake.storageChanged({ settings: { newValue: { rotateDays: 60 } } });
  assert.deepEqual(await pageSettings(core), { read: { rotateDays: 60 } }, "read again after the change");
  fake.storageGet = async () => ({ settings: { rotateDays: 90 } });
  assert.deepEqual(await pageSettings(core, { fresh: true }), { read: { rotateDays: 90 } }, "fresh: read again, whatever was kept");
  assert.equal(fake.storageReads - reads, 3);
});

test("unreadable storage gives the defaults this time and is read again next time", async () => {
  fake.storageChanged({ settings: {} });
  fake.storageGet = async () => {
    throw new Error("storage is not available");
  };
  assert.deepEqual(await pageSettings(core), { read: null }, "the core's defaults");
  fake.storageGet = async () => ({ settings: { rotateDays: 30 } });
  assert.deepEqual(await pageSettings(core), { read: { rotateDays: 30 } });
});

test("the core's reading of the kept settings is kept with them", async () => {
  fake.storageChanged({ settings: {} });
  fake.storageGet = async () => ({ settings: { rotateDays: 30 } });
  let readings = 0;
  const counting = { readSettings: (stored) => ((readings += 1), { read: stored }) };
  const first = await pageSettings(counting);
  assert.equal(await pageSettings(counting), first);
  assert.equal(readings, 1, "read by the core once for the same storage");
  fake.storageChanged({ settings: { newValue: { rotateDays: 30 } } });
  await pageSettings(counting);
  assert.equal(readings, 2, "and again once storage changed");
});

test("the options pages' read throws when storage cannot be read; the background's gives the defaults", async () => {
  fake.storageGet = async () => {
    throw new Error("storage is not available");
  };
  await assert.rejects(readStoredSettings(), /storage is not available/, "not taken for nothing stored (the options page would save the defaults over the owner's settings)");
  assert.equal(await storedSettings(), undefined);
  fake.storageGet = async () => ({});
  assert.equal(await readStoredSettings(), undefined, "nothing stored");
  fake.storageGet = async () => ({ settings: { rotateDays: 30 } });
  assert.deepEqual(await readStoredSettings(), { rotateDays: 30 });
});
