// The one protocol between RootGuard's parts: every message type, the one
// way to ask the background, the shape of its answers, and who may send
// what. Imported by the background, the extension pages and (bundled by
// ./build.sh) the content scripts.
//
// An answer is `{ok: true, result}` or `{ok: false, error: {name, message}}`.
// `name` is the core's name for what went wrong (an error type's `name()`
// in src/, e.g. "WrongPassphrase", "NotAnAccessKey"), or one of the names
// below for what went wrong around it; `message` is for the user.

/** The WebExtension API: Firefox's `browser`, else Chrome's `chrome`. */
export const api = globalThis.browser ?? globalThis.chrome;

/** Messages to the background (from content scripts and RootGuard's pages). */
export const ToBackground = Object.freeze({
  /** Content script: a console page observation → the core's verdict. */
  assessPage: "assess-page",
  /** Content script: the texts of one of the console's languages (`_locales/<locale>/`). */
  pageTexts: "page-texts",
  /** Content script: the key-ID pattern (and other text rules) the core owns. */
  contentRules: "content-rules",
  /** Content script or popup: a page's elements → a drift report (docs/DRIFT-REPORT.md). */
  pageReport: "page-report",
  /** Content script: the user dismissed a notice for the browser session. */
  dismissNotice: "dismiss-notice",
  /** Content script: a console page (re)loaded in a tab. */
  pageStarted: "page-started",
  /** Content script: a download the page started, held back in the page. */
  holdDownload: "hold-download",
  /** Content script: "Encrypt and save instead" on a shown secret. */
  holdPageCredentials: "hold-page-credentials",
  /** Content script: a 40-character token became visible; is it a secret? */
  secretShown: "secret-shown",
  /** Content script: something was copied or cut in a console tab. */
  clipboardCopied: "clipboard-copied",
  /** Content script: a clipboard timer ran out; may it clear? */
  clipboardMayClear: "clipboard-may-clear",
  /** Leak guard content script: a field's text on another site. */
  leakCheck: "leak-check",
  /** Leak guard content script: "This is fine for this site". */
  leakAllowSite: "leak-allow-site",
  /** Popup: what the organisation's policy sets, and what of it was ignored. */
  enforcedSettings: "enforced-settings",
  /** Passphrase prompt: which file it is for. */
  exportInfo: "export-info",
  /** Passphrase prompt: how strong the typed passphrase is. */
  ratePassphrase: "rate-passphrase",
  /** Passphrase prompt: seal the held file under this passphrase. */
  sealExport: "seal-export",
  /** Passphrase prompt: drop the held file. */
  cancelExport: "cancel-export",
});

/** Messages to a console tab's content script (from the background or the popup). */
export const ToContent = Object.freeze({
  /** Background: credentials caught in a frame or popup, shown in the top frame. */
  exportHeld: "export-held",
  /** Background: how an export ended (saved, cancelled, failed). */
  exportFinished: "export-finished",
  /** Background: the safety net stopped a download. */
  downloadStopped: "download-stopped",
  /** Popup: the core's last verdict for this tab. */
  pageSummary: "page-summary",
  /** Popup: the page's elements for a drift report. */
  collectPage: "collect-page",
});

/**
 * Long-lived connections to the background (runtime.connect), by name: the
 * console page's sensor asks on one port for every change of the page
 * instead of opening a channel per question (connectPort, answerPorts).
 */
export const PortName = Object.freeze({
  /** Content script, console page: observations → the core's verdicts. */
  sensor: "rootguard-sensor",
});

/** Keys in RootGuard's storage that more than one of its scripts reads. */
export const StorageKey = Object.freeze({
  /** storage.sync: the owner's settings (the options page writes them). */
  settings: "settings",
  /** storage.local: the organisation's policy as last read (background/policy.js). */
  policyCopy: "policyAsLastRead",
  /** storage.local: the sites where a pasted key is fine (the leak guard; its options allow removing them). */
  leakGuardAllowed: "leakGuardAllowed",
});

/**
 * Whether a storage.onChanged event changed what a verdict is decided
 * under: the owner's settings, the organisation's policy, or the policy's
 * copy (written when the browser's answer differs from it:
 * background/policy.js). Until the browser answers, page verdicts are
 * decided under the copy, or under no policy (`{}`) when there is none yet:
 * a copy counts when it differs from what stood in for it.
 */
export function changesSettings(changes, area) {
  const copy = area === "local" ? changes[StorageKey.policyCopy] : undefined;
  return (
    (area === "sync" && Boolean(changes[StorageKey.settings])) ||
    area === "managed" ||
    (copy !== undefined && JSON.stringify(copy.newValue ?? {}) !== JSON.stringify(copy.oldValue ?? {}))
  );
}

/** Names of what went wrong around the core rather than in it. */
export const ProtocolError = Object.freeze({
  /** The background did not answer (no receiver, the worker died mid-answer). */
  NoAnswer: "NoAnswer",
  /** The Rust core did not load, so nothing can be decided. */
  CoreUnavailable: "CoreUnavailable",
  /** This sender may not ask this. */
  NotAllowed: "NotAllowed",
  /** An error with no name of the core's (a browser API's failure). */
  Failed: "Failed",
});

/** An error as it crosses: `{name, message}`, from anything thrown. */
export function describeError(error) {
  const name = typeof error?.name === "string" && error.name !== "Error" ? error.name : ProtocolError.Failed;
  return { name, message: String(error?.message ?? error) };
}

/** An `Error` again from `{name, message}`, for code that throws. */
export function errorFrom({ name, message }) {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Ask the background: the answer, or `{ok: false, error}` when it refused
 * or did not answer. Never throws.
 */
export async function ask(message) {
  let reply;
  try {
    reply = await api.runtime.sendMessage(message);
  } catch (error) {
    return noAnswer(error);
  }
  return checkedReply(reply);
}

const noAnswer = (error) => ({ ok: false, error: { name: ProtocolError.NoAnswer, message: String(error?.message ?? error) } });

/** A reply as it came, when it has the answer's shape; else NoAnswer. */
function checkedReply(reply) {
  if (reply?.ok === true) return reply;
  if (reply?.ok === false && typeof reply.error?.name === "string") return reply;
  return noAnswer("no answer from the background");
}

/**
 * A long-lived connection to the background (`name` from PortName) for a
 * content script that asks often: `ask(message)` answers as `ask` does
 * (never throws) over one runtime.Port instead of a channel per question.
 *
 * The port connects on the first question. The browser closes it when it
 * stops the background (Chromium stops an idle service worker after 30 s,
 * Firefox suspends an idle event page): the next question connects again,
 * which wakes the background. It does not reconnect by itself, so an idle
 * console tab never keeps the background running. Questions that were on the
 * way when the port closed are asked once more on a new port, then answered
 * NoAnswer.
 */
export function connectPort(name) {
  let port = null;
  let serial = 0;
  const waiting = new Map(); // id → {message, resolve, retried}
  const settle = (id, reply) => {
    const question = waiting.get(id);
    if (!question) return;
    waiting.delete(id);
    question.resolve(reply);
  };
  const connect = () => {
    const opened = api.runtime.connect({ name });
    opened.onMessage.addListener((answer) => settle(answer?.id, checkedReply(answer?.reply)));
    opened.onDisconnect.addListener(() => {
      // Read, so Chromium does not log it as unchecked: the worker stopped, or nobody listened.
      const why = api.runtime.lastError?.message ?? opened.error?.message ?? "the background closed the connection";
      if (port === opened) port = null;
      for (const [id, question] of [...waiting]) {
        if (question.retried) settle(id, noAnswer(why));
        else {
          question.retried = true;
          post(id);
        }
      }
    });
    return opened;
  };
  const post = (id) => {
    try {
      port ??= connect();
      port.postMessage({ id, message: waiting.get(id).message });
    } catch (error) {
      // The extension was reloaded or removed under this page: no background to reach.
      port = null;
      settle(id, noAnswer(error));
    }
  };
  return {
    ask(message) {
      return new Promise((resolve) => {
        const id = ++serial;
        waiting.set(id, { message, resolve, retried: false });
        post(id);
      });
    },
  };
}

/** Ask the background; the result, or throws an `Error` named after what went wrong. */
export async function askOrThrow(message) {
  const reply = await ask(message);
  if (!reply.ok) throw errorFrom(reply.error);
  return reply.result;
}

/** Whether a message reached a content script or page from RootGuard itself (its background or popup). */
export const fromRootGuard = (sender) => sender?.id === api.runtime.id;

// Who may ask the background what. A console page's scripts cannot send
// runtime messages at all; these tell RootGuard's own senders apart.
const EXTENSION_PAGES = api.runtime.getURL("pages/");

/** A content script (in any tab), not one of RootGuard's pages. */
export const fromContentScript = (sender) =>
  fromRootGuard(sender) && sender.tab !== undefined && !String(sender.url).startsWith(EXTENSION_PAGES);

/** One of RootGuard's own pages (popup, options, passphrase, decrypt). */
export const fromExtensionPage = (sender) => fromRootGuard(sender) && String(sender.url).startsWith(EXTENSION_PAGES);

/**
 * A content script in a console page, by the origin the browser reports for
 * the sender (the core's rule): not the leak guard's content script on other
 * sites, nor another site's renderer, compromised or not. Messages that hold
 * or save a file are taken only from here.
 */
export const fromConsolePage = (sender, core) =>
  fromContentScript(sender) && core.isConsoleSender(sender.origin, String(sender.url ?? ""), sender.tab?.url);

/**
 * The answer to `message` from `sender` by `handlers` (`{type: {allowed(sender,
 * core), run(core, message, sender)}}`) once `core` (a promise of the loaded
 * core) is there: `{ok, result}` or `{ok: false, error: {name, message}}`;
 * null for a type that is not in `handlers`.
 */
function answer(handlers, core, message, sender) {
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : null;
  if (!handler) return null;
  return core
    .catch((error) => {
      throw errorFrom({ name: ProtocolError.CoreUnavailable, message: String(error?.message ?? error) });
    })
    .then((c) => {
      if (!handler.allowed(sender, c)) {
        throw errorFrom({ name: ProtocolError.NotAllowed, message: `RootGuard does not take "${message.type}" from this sender` });
      }
      return handler.run(c, message, sender);
    })
    .then(
      (result) => ({ ok: true, result }),
      (error) => ({ ok: false, error: describeError(error) }),
    );
}

/** Answer runtime messages of the types in `handlers` (see `answer`). */
export function answerMessages(handlers, core) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const reply = answer(handlers, core, message, sender);
    if (!reply) return false;
    reply.then(sendResponse);
    return true; // the answer comes asynchronously
  });
}

/**
 * Answer the questions asked on ports named in `names` (connectPort) by the
 * same `handlers`, with the same sender checks: the sender is the port's,
 * as the browser reports it. Registered synchronously, like answerMessages:
 * a connection is what wakes a stopped background.
 */
export function answerPorts(names, handlers, core) {
  api.runtime.onConnect.addListener((port) => {
    if (!names.includes(port.name)) return;
    port.onMessage.addListener((question) => {
      const reply = answer(handlers, core, question?.message, port.sender) ?? Promise.resolve(noAnswer(`RootGuard does not answer "${question?.message?.type}"`));
      reply.then((r) => {
        try {
          port.postMessage({ id: question?.id, reply: r });
        } catch {
          /* the page went away meanwhile, or the port closed: a content script asks again on a new one */
        }
      });
    });
  });
}
