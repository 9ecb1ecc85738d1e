// A stand-in for the WebExtension API, enough for the extension's modules
// to load and run in Node (tests/js/): imported before any of them, as they
// take `api` once, when protocol.js loads. The browsers themselves are
// tested end to end in tests/e2e/; these tests are about the modules' own
// logic.

const listeners = [];

export const fake = {
  /** What runtime.sendMessage does; a test replaces it. */
  sendMessage: async () => undefined,
  /** The messages sent, in order. */
  sent: [],
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
  },
  i18n: {
    // The key and its arguments, so a test sees which message was chosen.
    getMessage: (key, args) => (args?.length ? `${key}(${[].concat(args).join("|")})` : key),
    getUILanguage: () => "en",
  },
  storage: { onChanged: { addListener() {} }, sync: { get: async () => ({}) } },
};
