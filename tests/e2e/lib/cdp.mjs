// A page of a Chromium tab or window the WebDriver session cannot switch to,
// driven through the browser's own DevTools protocol: ChromeDriver lists no
// window handle for a window an extension opened with its own page
// (RootGuard's passphrase prompt), though the browser shows it like any
// other. Input goes in as real input events (Input.dispatchMouseEvent,
// Input.insertText), as a user's would; scripts only read the page.

import WebSocket from "ws";

import { pollScript } from "./webdriver.mjs";

const KEYS = {
  Tab: { code: "Tab", keyCode: 9 },
  Enter: { code: "Enter", keyCode: 13, text: "\r" },
  Escape: { code: "Escape", keyCode: 27 },
  " ": { code: "Space", keyCode: 32, text: " " },
};

export class CdpPage {
  /** The page target whose URL matches `pattern`, once there is one; `debuggerAddress` is ChromeDriver's `goog:chromeOptions.debuggerAddress`. */
  static async find(debuggerAddress, pattern, { timeout = 15_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const targets = await (await fetch(`http://${debuggerAddress}/json/list`)).json();
      const target = targets.find((t) => t.type === "page" && pattern.test(t.url));
      if (target) return new CdpPage(target);
      if (Date.now() > deadline) throw new Error(`timed out waiting for a page matching ${pattern}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Every page target whose URL matches `pattern` now. */
  static async all(debuggerAddress, pattern) {
    const targets = await (await fetch(`http://${debuggerAddress}/json/list`)).json();
    return targets.filter((t) => t.type === "page" && pattern.test(t.url));
  }

  constructor(target) {
    this.url = target.url;
    this.id = target.id;
    this.socketUrl = target.webSocketDebuggerUrl;
    this.socket = null;
    this.nextId = 1;
    this.waiting = new Map();
  }

  async connect() {
    if (this.socket) return;
    this.socket = new WebSocket(this.socketUrl, { perMessageDeflate: false });
    this.socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(`${message.error.message} (${message.error.code})`));
      else waiter.resolve(message.result);
    });
    this.socket.on("close", () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error("no such window: the page closed"));
      this.waiting.clear();
    });
    await new Promise((resolve, reject) => {
      this.socket.once("open", resolve);
      this.socket.once("error", reject);
    });
    // The user looks at this window: in front, and focused as a window in
    // front is (headless, a click in a window the browser thinks is in the
    // background does not always move the focus).
    await this.send("Page.bringToFront");
    await this.send("Emulation.setFocusEmulationEnabled", { enabled: true });
  }

  send(method, params = {}) {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error("no such window: the page closed"));
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  /** Run a WebDriver-style script body (`return …`, `arguments[i]`) in the page; returns its JSON value. */
  async execute(script, ...args) {
    const expression = `(async function () { ${script} }).apply(null, ${JSON.stringify(args)})`;
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /** As WebDriver.waitFor; a closed page ends the wait at once. */
  waitFor(what, script, options = {}) {
    return pollScript(this, what, script, { ...options, fatal: (error) => /no such window/.test(error.message) });
  }

  /** A real mouse click at the centre of the first element matching `css`. */
  async clickCss(css, { timeout = 5_000 } = {}) {
    const at = await this.waitFor(
      `a clickable ${css}`,
      `const e = document.querySelector(arguments[0]);
       if (!e || e.disabled) return null;
       e.scrollIntoView({ block: "center" });
       const r = e.getBoundingClientRect();
       return r.width > 0 && { x: r.x + r.width / 2, y: r.y + r.height / 2 };`,
      { args: [css], timeout },
    );
    const base = { x: at.x, y: at.y, button: "left", clickCount: 1 };
    await this.send("Input.dispatchMouseEvent", { type: "mousePressed", ...base });
    await this.send("Input.dispatchMouseEvent", { type: "mouseReleased", ...base });
  }

  /** Click into the field matching `css`, then type `text` into it. */
  async type(css, text) {
    // A click can miss when the layout moves under it (the strength line
    // appearing after the previous field's input): click again until the
    // field has the focus, as a user would.
    const focused = () => this.execute("return document.activeElement === document.querySelector(arguments[0])", css);
    const deadline = Date.now() + 5_000;
    await this.clickCss(css);
    while (!(await focused())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${css} to have the focus`);
      await new Promise((r) => setTimeout(r, 50));
      await this.clickCss(css);
    }
    await this.send("Input.insertText", { text });
    const typed = await this.execute("return document.querySelector(arguments[0]).value", css);
    if (!typed.endsWith(text)) throw new Error(`typing into ${css} gave ${JSON.stringify(typed.length)} characters, not the text`);
  }

  /**
   * Press named keys one after another ("Tab", "Enter", "Escape", " "), as
   * real key events: the browser moves the focus, submits the form or
   * toggles the checkbox itself, as for a user's keyboard.
   */
  async press(...keys) {
    for (const key of keys) {
      const { code, keyCode, text } = KEYS[key] ?? {};
      if (!code) throw new Error(`no key ${JSON.stringify(key)} in cdp.mjs KEYS`);
      const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
      // Chromium (as Puppeteer does): a key that types text is a keyDown
      // with that text, any other a rawKeyDown.
      await this.send("Input.dispatchKeyEvent", text ? { type: "keyDown", text, unmodifiedText: text, ...base } : { type: "rawKeyDown", ...base });
      await this.send("Input.dispatchKeyEvent", { type: "keyUp", ...base });
    }
  }

  /** Text typed into whatever has the focus. */
  typeText(text) {
    return this.send("Input.insertText", { text });
  }

  close() {
    this.socket?.close();
  }
}
