// `./build.sh demo`: RootGuard on the console replica, without an AWS account.
// With a display: Chromium opens, extension loaded, on the root user's
// Security credentials page, for you to click around (Ctrl-C ends it).
// Without one (a server, CI): the same scenario runs headless in Chromium
// and Firefox, light and dark, and each step is saved as a screenshot under
// target/demo/.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startReplica } from "./fixtures/console/server.mjs";
import { CHROMIUM, ROOT, launchBrowser } from "./e2e/lib/browsers.mjs";
import { clickClosingPrompt, inPassphrasePrompt, proceedThroughInterstitial, type } from "./e2e/lib/flows.mjs";

const CREDENTIALS = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials";
const USER_TAB = "https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/users/details/alice?section=security_credentials";
const replica = await startReplica();
console.log(`console replica: https on 127.0.0.1:${replica.httpsPort}, proxy on 127.0.0.1:${replica.proxyPort}`);

if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const profile = mkdtempSync(path.join(tmpdir(), "rootguard-demo-"));
  const ext = path.join(ROOT, "dist", "chrome");
  const args = [
    `--user-data-dir=${profile}`,
    `--proxy-server=http://127.0.0.1:${replica.proxyPort}`,
    "--ignore-certificate-errors",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    `--load-extension=${ext}`,
    `--disable-extensions-except=${ext}`,
    CREDENTIALS,
  ];
  if (process.getuid?.() === 0) args.unshift("--no-sandbox");
  console.log("opening Chromium with RootGuard loaded; close it or press Ctrl-C to stop");
  const chromium = spawn(CHROMIUM, args, { stdio: "inherit" });
  const stop = () => {
    chromium.kill();
    replica.close();
  };
  process.on("SIGINT", stop);
  chromium.on("exit", () => {
    replica.close();
    process.exit(0);
  });
} else {
  const out = path.join(ROOT, "target", "demo");
  mkdirSync(out, { recursive: true });
  const shots = [];
  try {
    for (const browserName of ["chromium", "firefox"]) {
      for (const theme of ["light", "dark"]) await walkThrough(browserName, theme, out, shots);
    }
  } finally {
    replica.close();
  }
  console.log("no display: ran the demo headless; screenshots:");
  for (const file of shots) console.log(`  ${path.relative(process.cwd(), file)}`);
}

/**
 * One walk through RootGuard in one browser and theme, a screenshot per
 * step (target/demo/<browser>-<theme>-NN-<step>.png): the root user's page
 * with the warning and badges, the interstitial, the passphrase prompt, the
 * saved notice, an IAM user's Security credentials tab, and (light only) a
 * console in German.
 */
async function walkThrough(browserName, theme, out, shots) {
  replica.resetScenario();
  const dark = theme === "dark";
  replica.setScenario({ dark });
  const browser = await launchBrowser(browserName, { proxyPort: replica.proxyPort, windowSize: [1366, 900] });
  const { wd } = browser;
  const shot = async (name, png = null) => {
    const file = path.join(out, `${browserName}-${theme}-${String(shots.length + 1).padStart(2, "0")}-${name}.png`);
    writeFileSync(file, png ?? (await wd.screenshot()));
    shots.push(file);
  };
  try {
    await wd.navigate(CREDENTIALS);
    await wd.waitFor("the root warning", `return document.querySelector('[data-rootguard="root-warning"]')`);
    await wd.waitFor("the key badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length === 2`);
    await shot("root-warning-and-key-badges");

    await wd.execute(`location.hash = "#/security_credentials/access-key-wizard"`);
    await wd.waitFor("the wizard", `return document.querySelector('[data-testid="root-ack"]')`);
    await wd.waitFor("the interstitial", `return document.querySelector('[data-rootguard="create-key-interstitial"]')`);
    await shot("create-key-interstitial");
    await proceedThroughInterstitial(wd);

    await wd.clickCss('[data-testid="root-ack"]');
    await wd.clickCss('[data-testid="wizard-create-access-key"]');
    await wd.waitFor("the Retrieve access key step", `return document.querySelector('[data-testid="download-csv"]')`);
    await wd.clickCss('[data-testid="download-csv"]');
    await wd.waitFor("the export notice", `return document.querySelector('[data-rootguard="export-pending"]')`);
    await shot("export-held-prompt-opened");
    // The prompt is a window of RootGuard's own (Chromium: driven through DevTools, cdp.mjs).
    await inPassphrasePrompt(wd, async (prompt) => {
      await type(prompt, '[data-rootguard="passphrase-form"] input[name=passphrase]', "correct horse battery staple");
      await type(prompt, '[data-rootguard="passphrase-form"] input[name=confirm]', "correct horse battery staple");
      const png = prompt.send ? Buffer.from((await prompt.send("Page.captureScreenshot")).data, "base64") : await prompt.screenshot();
      await shot("passphrase-prompt", png);
      await clickClosingPrompt(prompt, '[data-rootguard="passphrase-form"] button[type=submit]');
    });
    await wd.waitFor("the saved notice", `return document.querySelector('[data-rootguard="export-saved"]')`);
    await shot("encrypted-file-saved");

    await wd.navigate(USER_TAB);
    await wd.waitFor("the IAM user's key badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length >= 2`);
    await shot("iam-user-credentials-tab");

    if (!dark) {
      replica.setScenario({ lang: "de" });
      await wd.navigate(CREDENTIALS.replace("#", "?lang=de#"));
      await wd.waitFor("the German root warning", `return document.documentElement.lang === "de" && document.querySelector('[data-rootguard="root-warning"]')`);
      await wd.waitFor("the key badges", `return document.querySelectorAll('[data-rootguard="key-badge"]').length >= 2`);
      await shot("german-console");
    }
  } finally {
    await browser.close();
  }
}
