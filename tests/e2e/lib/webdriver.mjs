// A minimal W3C WebDriver client: just what RootGuard's tests need, with no
// npm dependency (selenium-webdriver now requires a newer Node than Debian's
// machines carry). Speaks to chromedriver and geckodriver alike.

import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import net from "node:net";

/** The key under which WebDriver names an element (W3C WebDriver, "web element identifier"). */
export const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const SHADOW = "shadow-6066-11e4-a52e-4f735466cecf";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class WebDriverError extends Error {}

/**
 * Call `attempt()` until it returns something truthy, and return that: a
 * wait for a condition, never a fixed sleep. An attempt that throws is tried
 * again while `retryable(error)` says it may yet succeed. At the deadline,
 * throws with `what` (a string, or a function giving one then) and the last
 * answer or error.
 */
export async function retryUntil(what, attempt, { timeout = 15_000, interval = 50, retryable = () => true } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await attempt();
      if (last) return last;
    } catch (error) {
      if (!retryable(error)) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new WebDriverError(`timed out waiting for ${typeof what === "function" ? what() : what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Run `script` in `driver` (anything with `execute(script, ...args)`) until it
 * returns something truthy, and return that. A script that throws is tried
 * again (a navigation in progress makes scripts fail briefly), unless
 * `fatal(error)` says it cannot succeed.
 */
export function pollScript(driver, what, script, { args = [], fatal = () => false, ...options } = {}) {
  return retryUntil(what, () => driver.execute(script, ...args), { ...options, retryable: (error) => !fatal(error) });
}

export class WebDriver {
  /** Start a driver binary, wait until it answers, open a session. */
  static async start({ driver, args = [], capabilities, logPath }) {
    const port = await freePort();
    const child = spawn(driver, [`--port=${port}`, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    if (logPath) {
      const log = createWriteStream(logPath);
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    } else {
      child.stdout.resume();
      child.stderr.resume();
    }
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const status = await fetch(`${base}/status`);
        if (status.ok) break;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null) throw new WebDriverError(`${driver} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new WebDriverError(`${driver} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const wd = new WebDriver(base, child);
    const session = await wd.raw("POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    wd.sessionId = session.sessionId;
    wd.capabilities = session.capabilities;
    return wd;
  }

  constructor(base, child) {
    this.base = base;
    this.child = child;
    this.sessionId = null;
  }

  async raw(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const v = json.value ?? {};
      throw new WebDriverError(`${method} ${path}: ${v.error ?? response.status}: ${v.message ?? ""}`);
    }
    return json.value;
  }

  cmd(method, path, body) {
    return this.raw(method, `/session/${this.sessionId}${path}`, body);
  }

  /**
   * Load a new document and wait until scripts run in it, not in the old one
   * (Firefox's WebDriver can return from a cross-site navigation while the
   * old document still answers). For same-document (#hash) moves, set
   * location.hash with `execute` instead.
   */
  async navigate(url) {
    await this.execute(`window.__webdriverOldDocument = true`).catch(() => {});
    await this.cmd("POST", "/url", { url });
    await this.waitFor(`the new document at ${url}`, `return !window.__webdriverOldDocument && document.readyState !== "loading"`);
  }

  url() {
    return this.cmd("GET", "/url");
  }

  /** Run a function body in the page; `arguments` holds args. */
  execute(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /**
   * Poll a script until it returns something truthy: a wait for a condition,
   * never a fixed sleep. Throws with `what` when the time runs out.
   */
  waitFor(what, script, options = {}) {
    return pollScript(this, what, script, options);
  }

  async find(css, from) {
    const path = from ? `/${from.kind}/${from.id}/element` : "/element";
    const found = await this.cmd("POST", path, { using: "css selector", value: css });
    return { kind: "element", id: found[ELEMENT] };
  }

  async shadowRoot(element) {
    const root = await this.cmd("GET", `/element/${element.id}/shadow`);
    return { kind: "shadow", id: root[SHADOW] };
  }

  /** A real (trusted) click, as a user's. */
  click(element) {
    return this.cmd("POST", `/element/${element.id}/click`, {});
  }

  /** Find and click; an SPA may re-render between the two, so retry a stale find. */
  async clickCss(css, { timeout = 5_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        return await this.click(await this.find(css));
      } catch (error) {
        if (!/stale element/.test(error.message) || Date.now() > deadline) throw error;
      }
    }
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async quit() {
    try {
      if (this.sessionId) await this.cmd("DELETE", "");
    } catch {
      /* the browser may already be gone */
    }
    this.child.kill();
    await new Promise((resolve) => (this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once("exit", resolve)));
  }
}
