// Console flows the E2E suites share: creating a root key in the replica's
// wizard, and answering RootGuard's passphrase window as a user would.

import { CdpPage } from "./cdp.mjs";
import { retryUntil } from "./webdriver.mjs";

export const WIZARD_URL = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard";

/** Open the create-access-key wizard and get to the Retrieve access key step. */
export async function createRootKey(wd, url = WIZARD_URL, { interstitial = true } = {}) {
  await wd.navigate(url);
  await wd.waitFor("the wizard", `return document.querySelector('[data-testid="root-ack"]')`);
  if (interstitial) await proceedThroughInterstitial(wd);
  await wd.clickCss('[data-testid="root-ack"]');
  await wd.clickCss('[data-testid="wizard-create-access-key"]');
  await wd.waitFor("the Retrieve access key step", `return document.querySelector('[data-testid="download-csv"]')`);
}

const PROMPT_PAGE = /^(chrome|moz)-extension:\/\/[^/]+\/pages\/passphrase\.html\?/;

/** ChromeDriver's address of the browser's DevTools endpoint; none in Firefox. */
const devtools = (wd) => wd.capabilities?.["goog:chromeOptions"]?.debuggerAddress ?? null;

/**
 * RootGuard's passphrase window, once the background has opened it. In
 * Firefox a WebDriver window handle (`{handle, url}`; the session stays on
 * the console's window); in Chromium, whose driver lists no handle for a
 * window an extension opened, its DevTools page (`{page, url}`, cdp.mjs).
 */
export async function promptWindow(wd, { timeout = 15_000 } = {}) {
  // The prompt for this tab's export (several tabs may export at once): the
  // tab's notice (export-pending, or export-busy after a second click) names
  // the export whose id the prompt's URL carries.
  const exportId = await wd.waitFor(
    "RootGuard's notice naming the export it asks a passphrase for",
    `return document.querySelector('[data-rootguard="export-pending"], [data-rootguard="export-busy"]')?.getAttribute("data-export-id")`,
    { timeout },
  );
  const pattern = new RegExp(`${PROMPT_PAGE.source}export=${exportId}&`);
  const address = devtools(wd);
  if (address) {
    const page = await CdpPage.find(address, pattern, { timeout });
    return { page, url: page.url };
  }
  const home = await wd.cmd("GET", "/window");
  const others = new Map();
  try {
    return await retryUntil(
      () => `RootGuard's passphrase window (others: ${JSON.stringify([...others.values()])})`,
      async () => {
        for (const handle of await wd.cmd("GET", "/window/handles")) {
          if (handle === home) continue;
          try {
            await wd.cmd("POST", "/window", { handle });
            const url = await wd.execute("return location.href");
            if (pattern.test(url)) return { handle, url };
            others.set(handle, url);
          } catch {
            /* closed or still loading: look again */
          }
        }
        return null;
      },
      { timeout },
    );
  } finally {
    await wd.cmd("POST", "/window", { handle: home });
  }
}

/** How many of RootGuard's passphrase windows are open now. */
export async function promptCount(wd) {
  const address = devtools(wd);
  if (address) return (await CdpPage.all(address, PROMPT_PAGE)).length;
  const home = await wd.cmd("GET", "/window");
  let count = 0;
  try {
    for (const handle of await wd.cmd("GET", "/window/handles")) {
      if (handle === home) continue;
      await wd.cmd("POST", "/window", { handle });
      if (PROMPT_PAGE.test(await wd.execute("return location.href"))) count += 1;
    }
  } finally {
    await wd.cmd("POST", "/window", { handle: home });
  }
  return count;
}

/** Wait until RootGuard's passphrase window is closed. */
export async function promptIsClosed(wd, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const open = await promptCount(wd);
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for RootGuard's passphrase window to close (${open} open)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Run `body(prompt)` in RootGuard's passphrase window, where `prompt` drives
 * that window (execute, waitFor, clickCss; `type` below), then return to the
 * console's window.
 */
export async function inPassphrasePrompt(wd, body) {
  const ready = (driver) =>
    driver.waitFor("the passphrase form", `return document.querySelector('[data-rootguard="passphrase-form"]') && document.getElementById("file-line").textContent`);
  const prompt = await promptWindow(wd);
  if (prompt.page) {
    await prompt.page.connect();
    try {
      await ready(prompt.page);
      return await body(prompt.page);
    } finally {
      prompt.page.close();
    }
  }
  const home = await wd.cmd("GET", "/window");
  await wd.cmd("POST", "/window", { handle: prompt.handle });
  try {
    await ready(wd);
    return await body(wd);
  } finally {
    // The window may be gone already (saving or Cancel closes it).
    await wd.cmd("POST", "/window", { handle: home });
  }
}

/**
 * A real click on a control that makes RootGuard close its prompt window
 * (Cancel, or saving). The browser may close the window before the driver
 * finishes the click and report it gone: the click was delivered, its
 * effect is the window going away, and callers check the outcome on the page.
 */
export async function clickClosingPrompt(driver, css) {
  try {
    await driver.clickCss(css);
  } catch (error) {
    if (!PROMPT_GONE.test(error.message)) throw error;
  }
}
const PROMPT_GONE = /frame detached|no such frame|no such window|browsing context has been discarded/i;

/** Keys that make RootGuard close its prompt window (Enter on Encrypt, Escape), as clickClosingPrompt. */
export async function pressClosingPrompt(driver, ...keys) {
  try {
    await pressKeys(driver, ...keys);
  } catch (error) {
    if (!PROMPT_GONE.test(error.message)) throw error;
  }
}

/** Type `text` into the field matching `css` (a WebDriver session, or a CdpPage). */
export async function type(wd, css, text) {
  if (wd instanceof CdpPage) return wd.type(css, text);
  const element = await wd.find(css);
  await wd.cmd("POST", `/element/${element.id}/value`, { text });
}

/** Fill the form and submit (inside the frame). */
export async function submitPassphrase(wd, passphrase, confirmation = passphrase, { armor = false } = {}) {
  await type(wd, '[data-rootguard="passphrase-form"] input[name=passphrase]', passphrase);
  await type(wd, '[data-rootguard="passphrase-form"] input[name=confirm]', confirmation);
  if (armor) await wd.clickCss('[data-rootguard="passphrase-form"] input[name=armor]');
  // Saving closes the window, which may happen before the driver's click returns.
  await clickClosingPrompt(wd, '[data-rootguard="passphrase-form"] button[type=submit]');
}

/** The text of a RootGuard notice of this kind, once it is shown. */
export function noticeText(wd, kind, timeout = 30_000) {
  return wd.waitFor(
    `RootGuard's ${kind} notice`,
    `return document.querySelector('[data-rootguard="' + arguments[0] + '"]')?.shadowRoot?.querySelector("section")?.textContent`,
    { args: [kind], timeout },
  );
}

/** An IAM user's create-access-key wizard, through to Retrieve access keys. */
export async function createUserKey(wd, userName) {
  await wd.navigate(`https://us-east-1.console.aws.amazon.com/iam/home#/users/details/${userName}/create-access-key`);
  await wd.waitFor("the use cases", `return document.querySelector('input[name="use-case"][value="cli"]')`);
  await wd.clickCss('input[name="use-case"][value="cli"]');
  await wd.clickCss('[data-testid="user-ack"]');
  await wd.clickCss('[data-testid="wizard-next"]');
  await wd.waitFor("the description step", `return document.querySelector('[data-testid="wizard-create-access-key"]')`);
  await wd.clickCss('[data-testid="wizard-create-access-key"]');
  await wd.waitFor("the Retrieve access keys step", `return document.querySelector('[data-testid="download-csv"]')`);
}

/** RootGuard's create-key interstitial: read it, then proceed as the user. */
export async function proceedThroughInterstitial(wd) {
  await wd.waitFor("RootGuard's interstitial", `return document.querySelector('[data-rootguard="create-key-interstitial"]')`);
  const shadow = await wd.shadowRoot(await wd.find('[data-rootguard="create-key-interstitial"]'));
  await wd.click(await wd.find('[data-rootguard-action="proceed"]', shadow));
  await wd.waitFor("the interstitial to close", `return !document.querySelector('[data-rootguard="create-key-interstitial"]')`);
}

const CONTROL = "\uE009";
// WebDriver's codes for the named keys (W3C WebDriver, "Keyboard actions").
const WEBDRIVER_KEYS = { Tab: "\uE004", Enter: "\uE007", Escape: "\uE00C", " ": " " };

/**
 * Press named keys ("Tab", "Enter", "Escape", " ") one after another on
 * whatever has the focus, as a user's keyboard (a WebDriver session, or a CdpPage).
 */
export async function pressKeys(driver, ...keys) {
  if (driver instanceof CdpPage) return driver.press(...keys);
  await driver.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: keys.flatMap((k) => [{ type: "keyDown", value: WEBDRIVER_KEYS[k] }, { type: "keyUp", value: WEBDRIVER_KEYS[k] }]) }],
  });
  await driver.cmd("DELETE", "/actions");
}

/** Text typed into whatever has the focus (a WebDriver session, or a CdpPage). */
export async function typeIntoFocus(driver, text) {
  if (driver instanceof CdpPage) return driver.typeText(text);
  await driver.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: [...text].flatMap((c) => [{ type: "keyDown", value: c }, { type: "keyUp", value: c }]) }],
  });
  await driver.cmd("DELETE", "/actions");
}

/**
 * What the clipboard holds, read by pasting with Ctrl+V into a field the
 * test adds to the page; the paste event's data is what was pasted (it
 * fires, with "" when the clipboard is empty, so the wait is on the event).
 */
export async function pasted(wd) {
  await wd.execute(`
    let field = document.getElementById("test-paste");
    if (!field) {
      field = document.createElement("textarea");
      field.id = "test-paste";
      field.style.cssText = "position:fixed;top:0;right:0;width:200px;height:40px;z-index:2147483647";
      field.addEventListener("paste", (event) => {
        field.dataset.pastes = String(Number(field.dataset.pastes ?? 0) + 1);
        field.dataset.text = event.clipboardData.getData("text/plain");
      });
      document.body.append(field);
    }
    field.dataset.before = field.dataset.pastes ?? "0";
  `);
  await keys(wd, await wd.find("#test-paste"), "v");
  return wd.waitFor("the paste", `const f = document.getElementById("test-paste"); return (f.dataset.pastes ?? "0") !== f.dataset.before && { text: f.dataset.text }`).then((r) => r.text);
}

/** Click an element, then Ctrl+<letter> on it, as a user's keyboard. */
async function keys(wd, element, letter) {
  await wd.click(element);
  await pressControl(wd, letter);
}

/** Ctrl+<letter> on whatever has focus, as a user's keyboard. */
export async function pressControl(wd, letter) {
  await wd.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: CONTROL }, { type: "keyDown", value: letter }, { type: "keyUp", value: letter }, { type: "keyUp", value: CONTROL }] }],
  });
  await wd.cmd("DELETE", "/actions");
}
