// extension/protocol.js: the shape of answers and errors, and who may ask what.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { fake } from "./fake-browser.mjs";
import {
  answerMessages,
  ask,
  askOrThrow,
  describeError,
  errorFrom,
  fromConsolePage,
  fromContentScript,
  fromExtensionPage,
  ProtocolError,
  ToBackground,
  ToContent,
} from "../../extension/protocol.js";

const named = (name, message) => Object.assign(new Error(message), { name });

test("every message type is written once", () => {
  const types = [...Object.values(ToBackground), ...Object.values(ToContent)];
  assert.equal(new Set(types).size, types.length);
  for (const type of types) assert.match(type, /^[a-z]+(-[a-z]+)*$/);
});

test("an error crosses with its name and message, and comes back as an Error of that name", () => {
  assert.deepEqual(describeError(named("WrongPassphrase", "wrong passphrase")), { name: "WrongPassphrase", message: "wrong passphrase" });
  // A plain Error (a browser API's failure) has no name of the core's.
  assert.deepEqual(describeError(new Error("boom")), { name: ProtocolError.Failed, message: "boom" });
  assert.deepEqual(describeError("a string"), { name: ProtocolError.Failed, message: "a string" });
  const back = errorFrom({ name: "Truncated", message: "the file is cut short" });
  assert.ok(back instanceof Error);
  assert.equal(back.name, "Truncated");
  assert.equal(back.message, "the file is cut short");
});

test("ask never throws: no answer, a thrown send and a malformed reply are NoAnswer", async () => {
  fake.sendMessage = async () => undefined;
  assert.equal((await ask({ type: ToBackground.assessPage })).error.name, ProtocolError.NoAnswer);
  fake.sendMessage = async () => {
    throw new Error("Could not establish connection. Receiving end does not exist.");
  };
  const thrown = await ask({ type: ToBackground.assessPage });
  assert.deepEqual(thrown, { ok: false, error: { name: ProtocolError.NoAnswer, message: "Could not establish connection. Receiving end does not exist." } });
  fake.sendMessage = async () => ({ ok: false, error: "a bare string" });
  assert.equal((await ask({ type: ToBackground.assessPage })).error.name, ProtocolError.NoAnswer);
  fake.sendMessage = async () => ({ ok: true, result: { watch: true } });
  assert.deepEqual(await ask({ type: ToBackground.assessPage }), { ok: true, result: { watch: true } });
});

test("askOrThrow throws the background's named error", async () => {
  fake.sendMessage = async () => ({ ok: false, error: { name: "NotAnAccessKey", message: "that is not an access key" } });
  await assert.rejects(askOrThrow({ type: ToBackground.holdPageCredentials }), { name: "NotAnAccessKey", message: "that is not an access key" });
});

test("senders: content scripts, RootGuard's pages and console pages are told apart", () => {
  const id = "rootguard-test-id";
  const tab = { id: 7, url: "https://us-east-1.console.aws.amazon.com/iam/home" };
  const content = { id, tab, url: tab.url, origin: "https://us-east-1.console.aws.amazon.com" };
  const page = { id, url: `chrome-extension://${id}/pages/options.html` };
  const stranger = { id: "another-extension", tab, url: tab.url };
  assert.ok(fromContentScript(content));
  assert.ok(!fromContentScript(page));
  assert.ok(!fromContentScript(stranger));
  assert.ok(fromExtensionPage(page));
  assert.ok(!fromExtensionPage(content));
  // The core's rule decides which content scripts are on a console page.
  const core = { isConsoleSender: (origin) => origin === "https://us-east-1.console.aws.amazon.com" };
  assert.ok(fromConsolePage(content, core));
  assert.ok(!fromConsolePage({ ...content, origin: "https://example.com" }, core));
  assert.ok(!fromConsolePage(page, core));
});

test("answerMessages: known types only, the sender checked, every failure named", async () => {
  const core = Promise.resolve({ isConsoleSender: () => true });
  answerMessages(
    {
      [ToBackground.ratePassphrase]: { allowed: fromExtensionPage, run: (_c, message) => ({ length: message.passphrase.length }) },
      [ToBackground.exportInfo]: {
        allowed: fromExtensionPage,
        run: () => {
          throw named("Expired", "this export has expired");
        },
      },
    },
    core,
  );
  const page = { id: "rootguard-test-id", url: "chrome-extension://rootguard-test-id/pages/passphrase.html" };
  const content = { id: "rootguard-test-id", tab: { id: 1 }, url: "https://console.aws.amazon.com/" };
  assert.equal(await fake.deliver({ type: "not-a-type" }, page), undefined, "an unknown type is not answered");
  assert.equal(await fake.deliver({ type: "hasOwnProperty" }, page), undefined, "nor a name from Object.prototype");
  assert.deepEqual(await fake.deliver({ type: ToBackground.ratePassphrase, passphrase: "four" }, page), { ok: true, result: { length: 4 } });
  const refused = await fake.deliver({ type: ToBackground.ratePassphrase, passphrase: "x" }, content);
  assert.equal(refused.error.name, ProtocolError.NotAllowed);
  assert.deepEqual(await fake.deliver({ type: ToBackground.exportInfo }, page), { ok: false, error: { name: "Expired", message: "this export has expired" } });
});

test("answerMessages: a core that did not load is CoreUnavailable", async () => {
  const broken = Promise.reject(new Error("WebAssembly.instantiate(): out of memory"));
  broken.catch(() => {});
  answerMessages({ [ToBackground.contentRules]: { allowed: () => true, run: () => ({}) } }, broken);
  const reply = await fake.deliver({ type: ToBackground.contentRules }, { id: "rootguard-test-id" });
  // Two listeners are registered by now (the test above's too); the one that knows the type answers.
  assert.deepEqual(reply, { ok: false, error: { name: ProtocolError.CoreUnavailable, message: "WebAssembly.instantiate(): out of memory" } });
});
