// extension/protocol.js: the shape of answers and errors, and who may ask what.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { fake } from "./fake-browser.mjs";
import {
  answerMessages,
  answerPorts,
  ask,
  askOrThrow,
  connectPort,
  describeError,
  errorFrom,
  fromConsolePage,
  fromContentScript,
  fromExtensionPage,
  PortName,
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

// The sensor's port (connectPort/answerPorts). Each test uses a port name of
// its own: the fake's onConnect listeners stay registered for the file.
const assessing = (log = []) => ({
  [ToBackground.assessPage]: {
    allowed: fromContentScript,
    run: (_c, message) => {
      log.push(message.observation.url);
      return { seen: message.observation.url };
    },
  },
});

test("port names are written once, apart from the message types", () => {
  const names = Object.values(PortName);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.ok(![...Object.values(ToBackground), ...Object.values(ToContent)].includes(name));
});

test("a port: one connection for many questions, each answered by the same handlers as a message", async () => {
  answerPorts(["port-many"], assessing(), Promise.resolve({}));
  const opened = fake.ports.length;
  const port = connectPort("port-many");
  const replies = await Promise.all(["a", "b", "c"].map((url) => port.ask({ type: ToBackground.assessPage, observation: { url } })));
  assert.deepEqual(replies, ["a", "b", "c"].map((url) => ({ ok: true, result: { seen: url } })));
  assert.equal(fake.ports.length - opened, 1, "one port for the three");
});

test("a port: the sender is the port's, checked as a message's; unknown types are not answered", async () => {
  answerPorts(["port-sender"], { [ToBackground.ratePassphrase]: { allowed: fromExtensionPage, run: () => ({}) } }, Promise.resolve({}));
  const port = connectPort("port-sender");
  const refused = await port.ask({ type: ToBackground.ratePassphrase, passphrase: "x" });
  assert.equal(refused.error.name, ProtocolError.NotAllowed);
  const unknown = await port.ask({ type: "hasOwnProperty" });
  assert.equal(unknown.error.name, ProtocolError.NoAnswer);
});

test("a port: a core that did not load is CoreUnavailable", async () => {
  const broken = Promise.reject(new Error("no Wasm"));
  broken.catch(() => {});
  answerPorts(["port-broken"], assessing(), broken);
  const reply = await connectPort("port-broken").ask({ type: ToBackground.assessPage, observation: { url: "x" } });
  assert.deepEqual(reply, { ok: false, error: { name: ProtocolError.CoreUnavailable, message: "no Wasm" } });
});

test("a port: the background stopped (the port closed): the next question connects again and is answered", async () => {
  answerPorts(["port-restart"], assessing(), Promise.resolve({}));
  const port = connectPort("port-restart");
  assert.equal((await port.ask({ type: ToBackground.assessPage, observation: { url: "before" } })).ok, true);
  const first = fake.ports.at(-1);
  fake.stopBackground();
  await new Promise((resolve) => setImmediate(resolve)); // the close reaches the content script
  assert.equal(first.connected, false);
  const after = await port.ask({ type: ToBackground.assessPage, observation: { url: "after" } });
  assert.deepEqual(after, { ok: true, result: { seen: "after" } });
  assert.notEqual(fake.ports.at(-1), first, "a new port");
});

test("a port: a question on the way when the port closes is asked again once, then NoAnswer", async () => {
  let stopEach = 0; // the background stops while answering, this many times
  const log = [];
  answerPorts(["port-lost"], {
    [ToBackground.assessPage]: {
      allowed: fromContentScript,
      run: (_c, message) => {
        log.push(message.observation.url);
        if (stopEach-- > 0) fake.stopBackground();
        return new Promise(() => {}); // the stopped worker never answers
      },
    },
  }, Promise.resolve({}));
  const port = connectPort("port-lost");
  stopEach = 1;
  const pending = port.ask({ type: ToBackground.assessPage, observation: { url: "lost-once" } });
  // The close, the new connection and the question again all happen in microtasks: one turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log, ["lost-once", "lost-once"], "asked again on a new port");
  fake.stopBackground(); // and that one closes too
  assert.equal((await pending).error.name, ProtocolError.NoAnswer);
});

test("a port: no background to reach (the extension was reloaded under the page) is NoAnswer, never a throw", async () => {
  const connect = fake.connect;
  fake.connect = () => {
    throw new Error("Extension context invalidated.");
  };
  try {
    const reply = await connectPort("port-gone").ask({ type: ToBackground.assessPage, observation: { url: "x" } });
    assert.deepEqual(reply, { ok: false, error: { name: ProtocolError.NoAnswer, message: "Extension context invalidated." } });
  } finally {
    fake.connect = connect;
  }
});
