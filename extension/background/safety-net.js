// The safety net: a credentials CSV that reached the browser's download
// manager without passing through RootGuard (e.g. a server response with
// `Content-Disposition: attachment; filename=rootkey.csv`) is cancelled, its
// file removed and erased from the download list, and the console tab told.
// It cannot promise the bytes never touched disk: a small file may be
// complete before the browser reports it. The in-page capture is the real
// guarantee; this net limits the damage when something gets past it.

const CONSOLE_TABS = ["https://*.console.aws.amazon.com/*", "https://*.console.amazonaws.cn/*", "https://*.console.amazonaws-us-gov.com/*"];

export function installSafetyNet(api, core) {
  const handled = new Set();

  async function check(id, fileName) {
    if (handled.has(id) || !fileName) return;
    const [item] = await api.downloads.search({ id });
    if (!item || item.byExtensionId === api.runtime.id) return; // RootGuard's own (ciphertext)
    const base = fileName.split(/[\\/]/).pop();
    const c = await core;
    // By name, unless the browser already knows it is too large to be credentials.
    const size = item.totalBytes > 0 ? item.totalBytes : item.fileSize > 0 ? item.fileSize : -1;
    if (!c.classifyReportedDownload(base, size).credentials) return;
    handled.add(id);
    await api.downloads.cancel(id).catch(() => {});
    await api.downloads.removeFile(id).catch(() => {}); // only possible once complete
    await api.downloads.erase({ id }).catch(() => {});
    const tabs = await api.tabs.query({ url: CONSOLE_TABS, active: true }).catch(() => []);
    for (const tab of tabs) {
      api.tabs.sendMessage(tab.id, { type: "download-stopped", fileName: base }, { frameId: 0 }).catch(() => {});
    }
  }

  const nameFromUrl = (url) => {
    try {
      return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    } catch {
      return "";
    }
  };
  api.downloads.onCreated.addListener((item) => check(item.id, item.filename || nameFromUrl(item.finalUrl ?? item.url)));
  api.downloads.onChanged.addListener((delta) => {
    if (delta.filename?.current) check(delta.id, delta.filename.current);
  });
}
