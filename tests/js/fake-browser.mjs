// A stand-in for the WebExtension API, enough for the extension's modules
// to load and run in Node (tests/js/): imported before any of them, as they
// take `api` once, when protocol.js loads. The browsers themselves are
// tested end to end in tests/e2e/; these tests are about the modules' own
// logic.

const listeners = [];
const connectListeners = [];
const storageListeners = [];

// One end of a runtime.Port: what is posted arrives at the other end in a
// later microtask, as a structured copy; a disconnect fires the other
// end's onDisconnect only (as in the browsers).
function portEnd(name, sender) {
  const messageListeners = [];
  const disconnectListeners = [];
  const end = {
    name,
    sender,
    connected: true,
    other: null,
    onMessage: { addListener: (listener) => messageListeners.push(listener) },
    onDisconnect: { addListener: (listener) => disconnectListeners.push(listener) },
    postMessage(message) {
      if (!end.connected) throw new Error("Attempting to use a disconnected port object");
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (end.other.connected) for (const listener of end.other.messageListeners) listener(copy, end.other);
      });
    },
    disconnect() {
      if (!end.connected) return;
      end.connected = false;
      end.other.connected = false;
      queueMicrotask(() => {
        for (const listener of end.other.disconnectListeners) listener(end.other);
      });
    },
    messageListeners,
    disconnectListeners,
  };
  return end;
}

// A storage area kept in `map()`: a structured copy out and in, and onChanged
// after a write; `counted()` is called on each read.
function storageArea(map, area, counted = () => {}) {
  return {
    get: async (key) => {
      counted();
      return map().has(key) ? { [key]: structuredClone(map().get(key)) } : {};
    },
    set: async (items) => {
      const changes = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: map().get(key), newValue: structuredClone(value) };
        map().set(key, structuredClone(value));
      }
      queueMicrotask(() => fake.storageChanged(changes, area));
    },
  };
}

export const fake = {
  /** What runtime.sendMessage does; a test replaces it. */
  sendMessage: async () => undefined,
  /** The messages sent, in order. */
  sent: [],
  /** The sender the background sees on a port a content script opens (runtime.connect). */
  portSender: { id: "rootguard-test-id", tab: { id: 1, url: "https://us-east-1.console.aws.amazon.com/iam/home" }, url: "https://us-east-1.console.aws.amazon.com/iam/home" },
  /** Every port a content script opened (its own end), in order. */
  ports: [],
  /** What runtime.connect does; a test may make it throw (the extension reloaded under the page). */
  connect(info) {
    const client = portEnd(info?.name ?? "", undefined);
    const background = portEnd(info?.name ?? "", structuredClone(fake.portSender));
    client.other = background;
    background.other = client;
    fake.ports.push(client);
    queueMicrotask(() => {
      for (const listener of connectListeners) listener(background);
      // Nobody listened for this port: the browser closes it (Chromium: "Receiving end does not exist").
      if (!connectListeners.length) background.disconnect();
    });
    return client;
  },
  /** Stop the background as the browser does to an idle one: every open port closes. */
  stopBackground() {
    for (const port of fake.ports) if (port.connected) port.other.disconnect();
  },
  /** What storage.sync.get answers; a test replaces it. */
  storageGet: async () => ({}),
  /** How many times storage.sync.get was called. */
  storageReads: 0,
  /** What storage.managed.get answers (the organisation's policy); a test replaces it. */
  managedGet: async () => ({}),
  /** storage.local's contents. */
  local: new Map(),
  /** storage.session's contents; its reads counted. */
  session: new Map(),
  sessionReads: 0,
  /** Fire storage.onChanged, as the browser does after a write. */
  storageChanged(changes, area = "sync") {
    for (const listener of storageListeners) listener(changes, area);
  },
  /** Deliver `message` from `sender` to the runtime.onMessage listeners; resolves with the response. */
  deliver(message, sender) {
    return new Promise((resolve) => {
      let async = false;
      for (const listener of listeners) async = listener(message, sender, resolve) === true || async;
      if (!async) resolve(undefined);
    });
  },
};

globalThis.chrome = {
  runtime: {
    id: "rootguard-test-id",
    getURL: (path) => `chrome-extension://rootguard-test-id/${path}`,
    getManifest: () => ({ host_permissions: [], optional_host_permissions: [] }),
    sendMessage: (message) => {
      fake.sent.push(message);
      return fake.sendMessage(message);
    },
    onMessage: { addListener: (listener) => listeners.push(listener) },
    connect: (info) => fake.connect(info),
    onConnect: { addListener: (listener) => connectListeners.push(listener) },
  },
  i18n: {
    // The key and its arguments, so a test sees which message was chosen.
    getMessage: (key, args) => (args?.length ? `${key}(${[].concat(args).join("|")})` : key),
    getUILanguage: () => "en",
  },
  storage: {
    onChanged: { addListener: (listener) => storageListeners.push(listener) },
    sync: {
      get: (keys) => {
        fake.storageReads += 1;
        return fake.storageGet(keys);
      },
    },
    managed: { get: () => fake.managedGet() },
    // As the browsers: a structured copy out and in, and onChanged after a write.
    local: storageArea(() => fake.local, "local"),
    session: storageArea(() => fake.session, "session", () => (fake.sessionReads += 1)),
  },
};
