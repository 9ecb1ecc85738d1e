// Encrypted export: the background's side. A credentials file the page tried
// to download is held here (in storage.session: memory only, never written to
// disk, and it survives Chrome stopping an idle service worker while the user
// types), until the passphrase prompt asks to seal it or to cancel; in
// recipients mode it is sealed to the team's public keys at once. Sealing is
// the Rust core's (Argon2id + AES-256-GCM, in its crypto module, loaded on
// first use: background/crypto.js); saving uses the downloads API, so
// only ciphertext ever reaches the download manager.
//
// The prompt is a window of RootGuard's own, opened here: the console page
// has no handle on it (it is not the page's frame, child or popup, and the
// page cannot load RootGuard's pages at all), so the page can neither message
// it, navigate it, nor put its own document where RootGuard's was. The
// prompt's URL carries the export's id and a key the page never sees; the
// browser, not the prompt, reports that URL with each message.

import { fromBase64, toBase64 } from "../base64.js";
import { api, fromConsolePage, fromExtensionPage, ToBackground, ToContent } from "../protocol.js";
import { cryptoCore, warmCryptoCore } from "./crypto.js";
import { ownerSettings } from "./settings.js";

const HOLD_MINUTES = 15;
const key = (exportId) => `export:${exportId}`;

export function exportHandlers() {
  // Where the user sees what happened to a download caught in a frame that
  // armed itself (one of another console host): the tab's top frame. (Frames
  // of the same origin and empty popups are armed by their parent's or
  // opener's script and reach the background from there.)
  const uiFor = (sender) => ({ tab: sender.tab, frameId: 0 });

  const store = api.storage.session;
  // Holds are decided one at a time, so "one prompt per tab" holds even when
  // a page fires many downloads at once.
  let holding = Promise.resolve();
  const oneAtATime = (task) => {
    const result = holding.then(task);
    holding = result.catch(() => {});
    return result;
  };

  const PROMPT_PAGE = api.runtime.getURL("pages/passphrase.html");
  const promptUrl = (record) => `${PROMPT_PAGE}?export=${record.exportId}&key=${record.promptKey}`;

  // The held record for the prompt window that sent a message: read from the
  // sender's URL as the browser reports it (the page that opened it was this
  // script; nothing else knows the key), never from the message.
  async function held(sender) {
    let exportId;
    let promptKey;
    try {
      const url = new URL(String(sender.url));
      if (`${url.origin}${url.pathname}` !== PROMPT_PAGE) throw new Error("not the prompt");
      exportId = url.searchParams.get("export") ?? "";
      promptKey = url.searchParams.get("key") ?? "";
    } catch {
      throw new Error(api.i18n.getMessage("exportNotThisPrompt"));
    }
    const record = (await store.get(key(exportId)))[key(exportId)];
    if (!record) throw new Error(api.i18n.getMessage("exportExpired"));
    if (record.promptKey !== promptKey) throw new Error(api.i18n.getMessage("exportNotThisPrompt"));
    if (Date.now() - record.heldAt > HOLD_MINUTES * 60_000) {
      await store.remove(key(exportId));
      throw new Error(api.i18n.getMessage("exportExpired"));
    }
    return record;
  }

  // The tab's export that is still waiting for a passphrase, if any.
  async function pendingFor(tabId) {
    const all = await store.get(null);
    for (const [name, record] of Object.entries(all)) {
      if (!name.startsWith("export:") || record.tabId !== tabId) continue;
      if (Date.now() - record.heldAt <= HOLD_MINUTES * 60_000) return record;
      await store.remove(name);
    }
    return null;
  }

  // The export whose prompt is this window, if any.
  async function promptedIn(windowId) {
    const all = await store.get(null);
    return Object.entries(all).find(([name, record]) => name.startsWith("export:") && record.windowId === windowId)?.[1] ?? null;
  }

  const closePrompt = (record) => {
    if (record.windowId !== undefined) api.windows.remove(record.windowId).catch(() => {}); // already closed
  };

  // The console tab went away: its file is dropped and its prompt closed.
  api.tabs.onRemoved.addListener(async (tabId) => {
    lastSaveByTab.delete(tabId);
    const record = await pendingFor(tabId);
    if (!record) return;
    await store.remove(key(record.exportId));
    closePrompt(record);
  });
  // The user closed the prompt window: as Cancel.
  api.windows.onRemoved.addListener(async (windowId) => {
    const record = await promptedIn(windowId);
    if (record) await finish(record, "cancelled");
  });

  // `closeWindow`: false when the prompt itself asked (Encrypt and save,
  // Cancel): it closes itself once it has the answer, so that no answer is
  // in flight to a window being closed (Firefox reports that as an error).
  async function finish(record, outcome, detail = {}, { closeWindow = true } = {}) {
    await store.remove(key(record.exportId));
    if (closeWindow) closePrompt(record);
    await api.tabs
      .sendMessage(record.tabId, { type: ToContent.exportFinished, exportId: record.exportId, outcome, fileName: record.fileName, ...detail }, { frameId: record.frameId })
      .catch((error) => console.warn("RootGuard: the console tab did not take the result", error));
  }

  // Save bytes through the downloads API and wait until the file is complete.
  async function save(bytes, filename) {
    // A Chrome service worker has no URL.createObjectURL; a data: URL works there.
    const url =
      typeof URL.createObjectURL === "function"
        ? URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }))
        : `data:application/octet-stream;base64,${toBase64(bytes)}`;
    try {
      const id = await api.downloads.download({ url, filename, conflictAction: "uniquify", saveAs: false });
      const [item] = await waitForDownload(id);
      return item.filename;
    } finally {
      if (url.startsWith("blob:")) URL.revokeObjectURL(url);
    }
  }

  function waitForDownload(id) {
    return new Promise((resolve, reject) => {
      const check = async () => {
        const items = await api.downloads.search({ id });
        const state = items[0]?.state;
        if (state === "complete") {
          api.downloads.onChanged.removeListener(listener);
          resolve(items);
        } else if (state === "interrupted") {
          api.downloads.onChanged.removeListener(listener);
          reject(new Error(`the browser interrupted the download (${items[0].error})`));
        }
      };
      const listener = (delta) => {
        if (delta.id === id && delta.state) check();
      };
      api.downloads.onChanged.addListener(listener);
      check();
    });
  }

  // Recipients mode: no prompt. The core encrypts a fresh file key to every
  // listed public key and only that ciphertext is saved. Any failure (no
  // recipient, a damaged entry, the download refused) saves nothing and says
  // why on the page.
  async function sealToRecipients(core, fileName, bytes, recipients) {
    const list = recipients; // as the core read them: each one checked (none: the core refuses to seal)
    let savedAs;
    try {
      const sealed = (await cryptoCore()).sealExportToRecipients(bytes, fileName, list.map((r) => r.recipient), false);
      savedAs = await save(sealed, core.encryptedFileName(fileName));
    } catch (error) {
      return { credentials: true, fileName, failed: String(error?.message ?? error) };
    }
    return { credentials: true, fileName, savedAs: savedAs.split(/[\\/]/).pop(), sealedTo: list.map((r) => r.name) };
  }

  // Recipients mode saves without asking, so a page could make RootGuard
  // save file after file: at most one save per tab every SAVE_INTERVAL_MS
  // (the browser's own limit on downloads without a click no longer applies
  // to a save RootGuard makes). The prompt mode needs no such limit: one
  // prompt per tab, and the user types each passphrase.
  const SAVE_INTERVAL_MS = 10_000;
  const lastSaveByTab = new Map();
  async function sealToRecipientsAtMostEvery(core, fileName, bytes, recipients, tabId) {
    const last = lastSaveByTab.get(tabId);
    if (last !== undefined && Date.now() - last < SAVE_INTERVAL_MS) {
      return { credentials: true, fileName, failed: api.i18n.getMessage("exportTooSoon", [String(Math.ceil(SAVE_INTERVAL_MS / 1000))]) };
    }
    lastSaveByTab.set(tabId, Date.now());
    return sealToRecipients(core, fileName, bytes, recipients);
  }

  // Credentials to export, by the owner's choice of mode; one decision at a time.
  // `data`: the file as base64 when it came so (kept as it came, not encoded again).
  async function sealOrHold(core, fileName, bytes, message, sender, data = undefined) {
    const settings = await ownerSettings(core);
    if (settings.exportMode === "recipients") {
      return oneAtATime(() => sealToRecipientsAtMostEvery(core, fileName, bytes, settings.recipients, sender.tab.id));
    }
    return oneAtATime(() => hold(fileName, data ?? toBase64(bytes), message, sender));
  }

  // One prompt per tab: a second click, or a page flooding downloads, gets a
  // notice instead of a pile of prompts (and the prompt comes to the front),
  // and nothing is saved.
  async function hold(fileName, data, message, sender) {
    const pending = await pendingFor(sender.tab.id);
    if (pending) {
      if (pending.windowId !== undefined) api.windows.update(pending.windowId, { focused: true }).catch(() => {});
      return { credentials: true, busy: true, busyWith: pending.fileName, busyExportId: pending.exportId };
    }
    const exportId = crypto.randomUUID();
    const promptKey = crypto.randomUUID();
    const record = { exportId, tabId: sender.tab.id, frameId: sender.frameId ?? 0, pageToken: String(message.pageToken), promptKey, fileName, data, heldAt: Date.now() };
    await store.set({ [key(exportId)]: record });
    // The passphrase is being typed meanwhile: the encryption loads now, not when it is submitted.
    warmCryptoCore();
    let prompt;
    try {
      prompt = await api.windows.create({ url: promptUrl(record), type: "popup", width: 500, height: 660, focused: true });
    } catch (error) {
      await store.remove(key(exportId));
      return { credentials: true, fileName, failed: api.i18n.getMessage("exportPromptFailed", [String(error?.message ?? error)]) };
    }
    // The window is this export's from now on: closing it cancels.
    await store.set({ [key(exportId)]: { ...record, windowId: prompt.id } });
    return { credentials: true, exportId, prompted: true };
  }

  return {
    // A console page (re)loaded in a tab. A prompt still pending there
    // belonged to the page before (a reload or navigation took it away): its
    // file is dropped, nothing is saved, and the new page says why, since the
    // console shows a secret only once.
    [ToBackground.pageStarted]: {
      allowed: fromConsolePage,
      async run(_core, message, sender) {
        if ((sender.frameId ?? 0) !== 0) return { discarded: null };
        const pending = await pendingFor(sender.tab.id);
        if (!pending || pending.pageToken === String(message.pageToken)) return { discarded: null };
        await store.remove(key(pending.exportId));
        closePrompt(pending);
        return { discarded: pending.fileName };
      },
    },
    // A content script held back a download the page started: credentials
    // are held for sealing (or sealed at once to the recipients); anything
    // else is released, and the page-realm script starts it again itself, so
    // the browser names and saves it exactly as without RootGuard.
    [ToBackground.holdDownload]: {
      allowed: fromConsolePage,
      async run(core, message, sender) {
        // The page's bytes came as base64 (one change of form, in the page
        // realm), or as the data: URL the page downloads; decoded once here.
        const data = typeof message.dataUrl === "string" ? undefined : String(message.bytes ?? "");
        let bytes;
        try {
          bytes = data === undefined ? core.dataUrlBytes(message.dataUrl) : fromBase64(data);
        } catch (error) {
          return { unchecked: String(error?.message ?? error) }; // a data: URL the browser could not read either
        }
        const suggested = String(message.fileName ?? "");
        if (!core.classifyCapturedDownload(suggested, bytes).credentials) return { credentials: false };
        const ui = uiFor(sender);
        const held = await sealOrHold(core, core.capturedFileName(suggested), bytes, message, { ...sender, ...ui }, data);
        if (ui.tab.id === sender.tab.id && ui.frameId === (sender.frameId ?? 0)) return held;
        // Caught in a frame or popup: the prompt or notice goes where the user is.
        await api.tabs.sendMessage(ui.tab.id, { type: ToContent.exportHeld, fileName: core.capturedFileName(suggested), held }, { frameId: ui.frameId }).catch((error) => console.warn("RootGuard: the console tab did not take the export", error));
        return { ...held, shownElsewhere: true };
      },
    },
    // "Encrypt and save instead" on a shown secret: the key ID and secret
    // the content script read from the page become the console's own CSV
    // (built and checked by the core), then take the captured download's
    // path: hold, passphrase window, seal, downloads.
    [ToBackground.holdPageCredentials]: {
      allowed: fromConsolePage,
      async run(core, message, sender) {
        const bytes = core.pageCredentialsCsv(String(message.accessKeyId ?? ""), String(message.secretAccessKey ?? ""));
        const fileName = core.pageCredentialsFileName(message.observation);
        return sealOrHold(core, fileName, bytes, message, sender);
      },
    },
    [ToBackground.exportInfo]: {
      allowed: fromExtensionPage,
      async run(core, _message, sender) {
        const record = await held(sender);
        return { fileName: record.fileName, savedAs: core.encryptedFileName(record.fileName), minimumLength: core.passphraseMinimumLength() };
      },
    },
    [ToBackground.sealExport]: {
      allowed: fromExtensionPage,
      async run(core, message, sender) {
        const record = await held(sender);
        // The Argon2id strength the owner chose on the options page.
        const { kdfStrength } = await ownerSettings(core);
        const sealed = (await cryptoCore()).sealExport(fromBase64(record.data), record.fileName, String(message.passphrase ?? ""), message.armored === true, kdfStrength);
        let savedAs;
        try {
          savedAs = await save(sealed, core.encryptedFileName(record.fileName));
        } catch (error) {
          await finish(record, "failed", { error: String(error?.message ?? error) }, { closeWindow: false });
          throw error;
        }
        const shortName = savedAs.split(/[\\/]/).pop();
        await finish(record, "saved", { savedAs: shortName }, { closeWindow: false });
        return { savedAs: shortName };
      },
    },
    [ToBackground.cancelExport]: {
      allowed: fromExtensionPage,
      async run(_core, _message, sender) {
        const record = await held(sender);
        await finish(record, "cancelled", {}, { closeWindow: false });
        return {};
      },
    },
  };
}
