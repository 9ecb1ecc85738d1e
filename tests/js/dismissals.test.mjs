// extension/background/dismissals.js: the notices dismissed for the browser
// session go out with every page verdict, so they are read from
// storage.session once and kept until storage says they changed.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { fake } from "./fake-browser.mjs";
import { dismissForSession, sessionDismissals } from "../../extension/background/dismissals.js";

test("read once, kept, and read again after a dismissal (in this background or another context)", async () => {
  const reads = fake.sessionReads;
  assert.deepEqual(await sessionDismissals(), []);
  assert.deepEqual(await sessionDismissals(), []);
  assert.equal(fake.sessionReads - reads, 1, "one read for both");
  await dismissForSession("root-session");
  assert.deepEqual(await sessionDismissals(), ["root-session"], "the dismissal is seen at once");
  await dismissForSession("mfa-warning");
  await new Promise((resolve) => setTimeout(resolve)); // the storage's change event
  assert.deepEqual(await sessionDismissals(), ["root-session", "mfa-warning"]);
  // Another context wrote it (the browser restarted the background's storage, or a second window).
  await chrome.storage.session.set({ dismissedNotices: [] });
  await new Promise((resolve) => setTimeout(resolve));
  assert.deepEqual(await sessionDismissals(), [], "read again after storage changed");
});

test("a dismissal of something that is not a notice kind is refused", async () => {
  await assert.rejects(dismissForSession(42), TypeError);
  await assert.rejects(dismissForSession("x".repeat(65)), TypeError);
});
