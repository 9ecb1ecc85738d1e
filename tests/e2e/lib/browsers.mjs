// Launch Debian's Chromium or Firefox ESR, headless, with the built extension
// loaded, a fresh profile and download directory, and every console host name
// sent through the replica's CONNECT proxy: the manifest's real match
// patterns are what decide where RootGuard runs.

import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort, WebDriver } from "./webdriver.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const BROWSERS = ["chromium", "firefox"];
export const CHROMIUM = process.env.ROOTGUARD_CHROMIUM ?? "/usr/lib/chromium/chromium";
export const FIREFOX = process.env.ROOTGUARD_FIREFOX ?? "/usr/lib/firefox-esr/firefox-esr";

/**
 * @param {"chromium"|"firefox"} name
 * @param {{proxyPort: number, extension?: string|null, windowSize?: [number, number], prefs?: object, capabilities?: object, profileDir?: string}} options
 *   extension: a built extension directory (default $ROOTGUARD_DIST/<browser>, dist/ unless
 *   set: a way to run the suites against another build), or null for none.
 *   prefs: browser preferences to add (Chromium's "download.prompt_for_download", Firefox's
 *   "browser.download.useDownloadDir", …).
 *   capabilities: WebDriver capabilities to add (e.g. `webSocketUrl: true` for a WebDriver
 *   BiDi connection beside the classic session: the benchmark's document-start script).
 *   profileDir: the profile of an earlier browser, closed with `quit()`: the same browser
 *   started again (Firefox installs RootGuard again as a temporary add-on).
 */
export async function launchBrowser(name, { proxyPort, extension, windowSize = [1366, 900], prefs = {}, capabilities = {}, profileDir: earlierProfile }) {
  const work = mkdtempSync(path.join(tmpdir(), `rootguard-${name}-`));
  const profileDir = earlierProfile ?? path.join(work, "profile");
  const downloadDir = path.join(work, "downloads");
  if (!earlierProfile) mkdirSync(profileDir);
  mkdirSync(downloadDir);
  const logPath = path.join(work, "driver.log");
  const dist = process.env.ROOTGUARD_DIST ?? path.join(ROOT, "dist");
  const ext = extension === undefined ? path.join(dist, name === "chromium" ? "chrome" : "firefox") : extension;

  let wd;
  if (name === "chromium") {
    const args = [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      `--user-data-dir=${profileDir}`,
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      "--ignore-certificate-errors",
      `--window-size=${windowSize.join(",")}`,
    ];
    if (ext) args.push(`--load-extension=${ext}`, `--disable-extensions-except=${ext}`);
    wd = await WebDriver.start({
      driver: "chromedriver",
      logPath,
      capabilities: {
        browserName: "chrome",
        acceptInsecureCerts: true,
        // The page's console, read back when a test fails (failure-report.mjs).
        "goog:loggingPrefs": { browser: "ALL" },
        ...capabilities,
        "goog:chromeOptions": {
          binary: CHROMIUM,
          args,
          excludeSwitches: ["disable-extensions", "enable-automation"],
          prefs: {
            // Developer mode makes Chromium keep an extension's manifest and
            // runtime errors, which the packaging test reads back.
            "extensions.ui.developer_mode": true,
            "download.default_directory": downloadDir,
            "download.prompt_for_download": false,
            "download.directory_upgrade": true,
            "safebrowsing.enabled": false,
            ...prefs,
          },
        },
      },
    });
  } else {
    wd = await WebDriver.start({
      driver: "geckodriver",
      // Chrome-context scripts, used only to open RootGuard's own pages: Firefox's
      // WebDriver refuses to navigate a tab to a moz-extension:// URL.
      // WebDriver BiDi (when asked for: capabilities.webSocketUrl) on a port of
      // its own: on geckodriver's default, 9222, a Firefox started right after
      // another one closed could find it still held, and the new session's
      // socket URL led to the old browser.
      args: ["--allow-system-access", `--websocket-port=${await freePort()}`],
      logPath,
      capabilities: {
        browserName: "firefox",
        acceptInsecureCerts: true,
        ...capabilities,
        "moz:firefoxOptions": {
          binary: FIREFOX,
          args: ["-headless", "-profile", profileDir, `--width=${windowSize[0]}`, `--height=${windowSize[1]}`],
          prefs: {
            "network.proxy.type": 1,
            "network.proxy.ssl": "127.0.0.1",
            "network.proxy.ssl_port": proxyPort,
            "network.proxy.http": "127.0.0.1",
            "network.proxy.http_port": proxyPort,
            "network.proxy.no_proxies_on": "",
            "network.proxy.allow_hijacking_localhost": false,
            "network.captive-portal-service.enabled": false,
            "network.connectivity-service.enabled": false,
            "browser.safebrowsing.malware.enabled": false,
            "browser.safebrowsing.phishing.enabled": false,
            "browser.safebrowsing.downloads.enabled": false,
            "browser.download.folderList": 2,
            "browser.download.dir": downloadDir,
            "browser.download.useDownloadDir": true,
            "browser.download.start_downloads_in_tmp_dir": false,
            "browser.download.always_ask_before_handling_new_types": false,
            "browser.download.manager.showWhenStarting": false,
            "browser.download.alwaysOpenPanel": false,
            "browser.helperApps.neverAsk.saveToDisk": "text/csv,application/octet-stream,text/plain",
            "extensions.getAddons.cache.enabled": false,
            // permissions.request() is answered "granted" without a prompt
            // (the leak guard's optional host permission): Firefox's own
            // switch for automation; the request itself is real.
            "extensions.webextOptionalPermissionPrompts": false,
            "app.update.disabledForTesting": true,
            "datareporting.policy.dataSubmissionEnabled": false,
            "toolkit.telemetry.enabled": false,
            ...prefs,
          },
        },
      },
    });
    if (ext) {
      // A temporary add-on, as about:debugging would load it.
      await wd.cmd("POST", "/moz/addon/install", { path: ext, temporary: true });
    }
  }

  return {
    name,
    wd,
    work,
    profileDir,
    downloadDir,
    /** What a "no plaintext on disk" watch covers: the download directory and the whole profile. */
    watched: [downloadDir, profileDir],
    logPath,
    /**
     * Open one of RootGuard's own pages (e.g. "pages/decrypt.html") in the tab.
     * Chromium: a plain navigation to chrome-extension://<id>/… (the id comes
     * from a RootGuard frame's URL). Firefox refuses WebDriver navigations to
     * moz-extension:// URLs, so it loads the page from the chrome context.
     */
    async openExtensionPage(page, chromiumExtensionUrl) {
      if (name === "chromium") return wd.navigate(new URL(`/${page}`, chromiumExtensionUrl).href);
      await wd.cmd("POST", "/moz/context", { context: "chrome" });
      try {
        await wd.execute(
          `const url = WebExtensionPolicy.getByID(arguments[0]).getURL(arguments[1]);
           gBrowser.selectedBrowser.loadURI(Services.io.newURI(url), { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
          "rootguard@rootguard.dev",
          page,
        );
      } finally {
        await wd.cmd("POST", "/moz/context", { context: "content" });
      }
      await wd.waitFor(`RootGuard's ${page}`, `return location.href.endsWith(arguments[0]) && document.readyState !== "loading"`, { args: [page] });
    },
    /**
     * Open one of RootGuard's pages in a new window (as a user opening the
     * popup or the options), leaving the current tab where it is; returns the
     * handles of the window it came from and the new one. Chromium's
     * extension id comes from its own record of extensions.
     */
    async openExtensionPageInNewWindow(page) {
      const from = await wd.cmd("GET", "/window");
      const window = await wd.cmd("POST", "/window/new", { type: "window" });
      await wd.cmd("POST", "/window", { handle: window.handle });
      if (name === "chromium") {
        await wd.navigate("chrome://extensions/");
        const id = await wd.execute(`return new Promise((resolve) => chrome.developerPrivate.getExtensionsInfo({}, (all) => resolve(all[0].id)))`);
        await wd.navigate(`chrome-extension://${id}/${page}`);
      } else {
        await this.openExtensionPage(page);
      }
      return { from, opened: window.handle };
    },
    /** Close the browser; keep the profile and downloads for inspection. */
    async quit() {
      await wd.quit();
    },
    /** Close and delete everything. */
    async close() {
      await wd.quit();
      if (!process.env.ROOTGUARD_KEEP_PROFILES) rmSync(work, { recursive: true, force: true });
    },
  };
}
