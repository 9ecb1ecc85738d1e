// The safety net: a credentials file that reached the browser's download
// manager without passing through RootGuard (e.g. a server response with
// `Content-Disposition: attachment`) is cancelled, its file removed and
// erased from the download list, and the console tab told. It is judged by
// name and, where the background can read what was downloaded, by content:
// a `data:` URL (the bytes are in the URL), or an `https:` URL on a console
// host, read again beside the download. The net never pauses or changes a
// download; the browser saves every file exactly as without RootGuard, and
// only a file the core judges to be credentials is taken away afterwards.
//
// What it cannot promise:
// - The bytes never touched disk. The download runs while the net looks, so
//   a small file may be complete before it is removed (and could be opened
//   in that moment). The in-page capture is the real guarantee; this net
//   limits the damage when something gets past it.
// - That the read sees what was saved. Reading an `https:` URL is a second
//   request the server sees, made with GET and the console session's
//   cookies; a server that answers it differently (a one-time link, a POST
//   form) is judged by that answer, or not at all.
// - `blob:` URLs. A page's Blob lives in the page's memory, which the
//   background cannot read; the page-realm hooks hold those before they
//   become downloads. Files from other sites are not read either: RootGuard
//   makes no requests to sites outside the console.


import { api, ToContent } from "../protocol.js";

// The console's hosts, as manifest.json grants them.
const CONSOLE_TABS = api.runtime.getManifest().host_permissions;

// A read that has not finished by then is given up (the download is left
// alone): a server that stalls must not hold a request open for ever.
const READ_TIMEOUT_MS = 30_000;

export function installSafetyNet(core) {
  const stopped = new Set(); // each download is stopped (and reported) once
  const read = new Set(); // and read at most once: every read is a request the server sees

  /** Cancel, remove and erase download `id`, and tell the console tab; `by` is "name" or "content". */
  async function stop(id, fileName, by) {
    if (stopped.has(id)) return;
    stopped.add(id);
    // Cancelling a download in progress deletes its partial file; a complete
    // one is only deleted by removeFile. One of the two applies, the other fails.
    const cancelled = await api.downloads.cancel(id).then(() => true, () => false);
    const removed = await api.downloads.removeFile(id).then(() => true, () => false);
    await api.downloads.erase({ id }).catch((error) => console.warn("RootGuard: could not erase a stopped download from the list", error));
    const tabs = await api.tabs.query({ url: CONSOLE_TABS, active: true }).catch(() => []);
    for (const tab of tabs) {
      api.tabs
        .sendMessage(tab.id, { type: ToContent.downloadStopped, fileName, by, removed: cancelled || removed }, { frameId: 0 })
        .catch(() => {}); // a tab without RootGuard's content script (still loading, or discarded)
    }
  }

  /**
   * The first bytes of `url` (enough for the core to tell a credentials file:
   * it reads until the core says the file is too large to be one), fetched
   * beside the browser's own download.
   */
  async function readAtMost(c, url) {
    const response = await fetch(url, { method: "GET", credentials: "include", signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.length;
        if (c.classifyReportedDownload("", length).tooLarge) break;
      }
    } finally {
      reader.cancel().catch(() => {}); // the rest is not wanted
    }
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  /** The download's content when the background can read it, else null. */
  function contentOf(c, item) {
    const url = item.finalUrl || item.url || "";
    if (/^data:/i.test(url)) return c.dataUrlBytes(url);
    // The core's rule for a console page's address (https, a console host, port 443).
    if (c.isConsoleUrl(url)) return readAtMost(c, url);
    return null;
  }

  /**
   * Judge download `id` under `fileName`: by name always; by content once,
   * and only when `byContent` (the browser has given the file its real name,
   * so a file the name already gives away is not read).
   */
  async function judge(id, fileName, { byContent }) {
    if (stopped.has(id) || !fileName) return;
    const [item] = await api.downloads.search({ id });
    if (!item || item.byExtensionId === api.runtime.id) return; // RootGuard's own (ciphertext, or a released file)
    const base = fileName.split(/[\\/]/).pop();
    const c = await core;
    // By name, unless the browser already knows it is too large to be credentials.
    const size = item.totalBytes > 0 ? item.totalBytes : item.fileSize > 0 ? item.fileSize : -1;
    const reported = c.classifyReportedDownload(base, size);
    if (reported.credentials) return stop(id, base, "name");
    if (!byContent || reported.tooLarge || read.has(id)) return;
    read.add(id);
    let bytes;
    try {
      bytes = await contentOf(c, item);
    } catch (error) {
      // Not readable (a network error, a malformed data: URL, a timeout): the
      // download was never RootGuard's to hold, so it is left as it is.
      console.warn(`RootGuard: could not read ${base} to check its content; left as it is`, error);
      return;
    }
    if (bytes && c.classifyCapturedDownload(base, bytes).credentials) return stop(id, base, "content");
  }

  // A listener's failure is reported, never left as an unhandled rejection.
  const run = (id, fileName, options) =>
    judge(id, fileName, options).catch((error) => console.error("RootGuard: the safety net failed on a download", error));

  const nameFromUrl = (url) => {
    try {
      return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    } catch {
      return "";
    }
  };
  api.downloads.onCreated.addListener((item) => {
    // Firefox names the file at once; Chromium names it a moment later
    // (onChanged), and until then only the URL's last segment can be judged.
    if (item.filename) run(item.id, item.filename, { byContent: true });
    else run(item.id, nameFromUrl(item.finalUrl ?? item.url), { byContent: false });
  });
  api.downloads.onChanged.addListener((delta) => {
    if (delta.filename?.current) run(delta.id, delta.filename.current, { byContent: true });
  });
}
