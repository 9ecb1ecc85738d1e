// Foundation: the built extension in real Chromium and Firefox, on the
// console replica reached under the real console host names.

import assert from "node:assert/strict";

import { inEachBrowser } from "./lib/suite.mjs";

const CREDENTIALS_URLS = [
  "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials",
  "https://console.aws.amazon.com/iam/home?region=us-east-1#/security_credentials",
];
const CORE = "rootguard-core 0.1.0 wasm32";

// What the content script rendered, read from the page.
const NOTICES = `
  const stack = document.querySelector('[data-rootguard="notices"]');
  if (!stack) return null;
  return {
    page: stack.getAttribute("data-page"),
    principal: stack.getAttribute("data-principal"),
    decidedBy: stack.getAttribute("data-decided-by"),
    notices: [...stack.querySelectorAll(":scope > [data-rootguard]")].map((host) => ({
      kind: host.getAttribute("data-rootguard"),
      severity: host.getAttribute("data-severity"),
      decidedBy: host.getAttribute("data-rootguard-decided-by"),
      text: host.shadowRoot?.querySelector("section")?.textContent ?? null,
      role: host.shadowRoot?.querySelector("[role]")?.getAttribute("role") ?? null,
    })),
  };`;

async function waitForVerdict(wd, page, extra = "true") {
  return wd.waitFor(
    `RootGuard's verdict for ${page}`,
    `const v = (() => { ${NOTICES} })(); return v && v.page === arguments[0] && (${extra}) ? v : null;`,
    { args: [page] },
  );
}

inEachBrowser("foundation", (test) => {
  test("the Rust core's root warning reaches the Security credentials page at both documented URLs", async ({ browser, replica }) => {
    for (const url of CREDENTIALS_URLS) {
      await browser.wd.navigate(url);
      const verdict = await waitForVerdict(browser.wd, "security-credentials", "v.notices.length > 0");
      assert.equal(verdict.decidedBy, CORE, "the decision is stamped by the Wasm build of the core");
      assert.equal(verdict.principal, "root");
      assert.equal(verdict.notices.length, 1);
      const [warning] = verdict.notices;
      assert.equal(warning.kind, "root-warning");
      assert.equal(warning.severity, "critical");
      assert.equal(warning.decidedBy, CORE);
      assert.equal(warning.role, "alert");
      assert.match(warning.text, /root user of account 1234-5678-9012/, "the account ID the core parsed");
      assert.match(warning.text, /IAM Identity Center/);
      const host = new URL(await browser.wd.url()).host;
      assert.ok(replica.requests.some((r) => r.host === host), `the page came from the replica under ${host}`);
    }
  });

  test("the page really forbids Wasm: its CSP has no 'wasm-unsafe-eval'", async ({ browser, replica }) => {
    await browser.wd.navigate(CREDENTIALS_URLS[0]);
    await waitForVerdict(browser.wd, "security-credentials");
    const wasm = await browser.wd.waitFor("the page's own Wasm check", `return document.documentElement.dataset.replicaWasm`);
    assert.equal(wasm, "blocked", "the page cannot compile Wasm, yet the core answered");
    replica.setScenario({ csp: "relaxed" });
    await browser.wd.navigate(CREDENTIALS_URLS[1]);
    const relaxed = await browser.wd.waitFor(
      "the relaxed page's own Wasm check",
      `return document.documentElement.dataset.replicaWasm`,
    );
    assert.equal(relaxed, "allowed", "control: the same check passes when the CSP allows Wasm");
  });

  test("an IAM user's own Security credentials page gets no root warning", async ({ browser, replica }) => {
    replica.setScenario({ session: "iam-user" });
    await browser.wd.navigate(CREDENTIALS_URLS[0]);
    const verdict = await waitForVerdict(browser.wd, "security-credentials");
    assert.equal(verdict.principal, "iam-user");
    assert.deepEqual(verdict.notices, []);
  });

  test("the root warning is dismissible and follows SPA navigation", async ({ browser }) => {
    await browser.wd.navigate(CREDENTIALS_URLS[0]);
    await waitForVerdict(browser.wd, "security-credentials", "v.notices.length === 1");
    const host = await browser.wd.find('[data-rootguard="root-warning"]');
    const shadow = await browser.wd.shadowRoot(host);
    await browser.wd.click(await browser.wd.find('[data-rootguard-action="dismiss"]', shadow));
    await waitForVerdict(browser.wd, "security-credentials", "v.notices.length === 0");

    await browser.wd.execute(`location.hash = "#/home"`);
    const home = await waitForVerdict(browser.wd, "other");
    // IAM's dashboard is another console page: root's slim reminder, not the root warning.
    assert.deepEqual(home.notices.map((n) => n.kind), ["root-session"]);

    await browser.wd.execute(`location.hash = "#/security_credentials/access-key-wizard"`);
    await waitForVerdict(browser.wd, "access-key-wizard");
    const interstitial = await browser.wd.waitFor(
      "the interstitial",
      `return document.querySelector('[data-rootguard="create-key-interstitial"]')?.shadowRoot.querySelector("[role=alertdialog]").textContent`,
    );
    assert.match(interstitial, /about to create an access key for the root user/);
  });

  // The page-realm hooks wrap these built-ins; each must still do what it
  // does without RootGuard. (Each once called itself, so a console page's
  // own stopPropagation or document.write threw a RangeError.)
  test("the built-ins RootGuard wraps still work for the page: stopPropagation, document.open/write, a file stream's write/seek/truncate", async ({ browser }) => {
    const { wd } = browser;
    await wd.navigate("https://us-east-1.console.aws.amazon.com/iam/home#/home");
    await wd.waitFor("the page's scripts", `return document.documentElement.dataset.replicaProbe === "main-world-before-page"`);
    await wd.execute(`
      window.__builtIns = null;
      (async () => {
        const out = {};
        const parent = document.createElement("div"), child = document.createElement("span");
        parent.append(child);
        let reachedParent = false;
        parent.addEventListener("x", () => { reachedParent = true; });
        child.addEventListener("x", (e) => e.stopPropagation());
        child.dispatchEvent(new Event("x", { bubbles: true }));
        out.stopPropagation = reachedParent ? "bubbled" : "stopped";
        const doc = document.implementation.createHTMLDocument("");
        doc.open(); doc.write("<p>a</p>"); doc.writeln("<p>b</p>"); doc.close();
        out.documentWrite = [...doc.querySelectorAll("p")].map((p) => p.textContent).join(",");
        const root = await navigator.storage.getDirectory();
        const handle = await root.getFileHandle("rootguard-builtins.txt", { create: true });
        const stream = await handle.createWritable();
        await stream.write("hello world");
        await stream.seek(6);
        await stream.write("there");
        await stream.truncate(8);
        await stream.close();
        out.fileStream = await (await handle.getFile()).text();
        window.__builtIns = out;
      })().catch((e) => { window.__builtIns = { error: String(e) }; });`);
    const result = await wd.waitFor("the page's results", `return window.__builtIns`);
    assert.deepEqual(result, { stopPropagation: "stopped", documentWrite: "a,b", fileStream: "hello th" });
  });

  test("the MAIN-world script runs before the page's own scripts", async ({ browser }) => {
    await browser.wd.navigate(CREDENTIALS_URLS[1]);
    const probe = await browser.wd.waitFor("the replica's probe", `return document.documentElement.dataset.replicaProbe`);
    assert.equal(probe, "main-world-before-page");
  });

  test("does nothing on a non-console host serving the same page", async ({ browser }) => {
    await browser.wd.navigate("https://www.example.com/iam/home#/security_credentials");
    // Wait until the page has fully rendered its (late) access-key table.
    await browser.wd.waitFor("the replica's table", `return document.querySelector('[data-testid="access-key-id"]')`);
    const state = await browser.wd.execute(`return {
      probe: document.documentElement.dataset.replicaProbe,
      main: Object.getOwnPropertyDescriptor(URL, "createObjectURL").get !== undefined,
      injected: document.querySelectorAll("[data-rootguard]").length,
    }`);
    assert.deepEqual(state, { probe: "page-first", main: false, injected: 0 });
  });
});

