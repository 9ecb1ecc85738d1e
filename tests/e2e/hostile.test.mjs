// A hostile script on the console page (the replica's public/attacks.js)
// against RootGuard, in both browsers. Each test names what the attacker
// tries, asserts what it obtained (nothing), and watches the download
// directory for the whole flow: no file ever holds the console's secret, or
// the attacker's own, in plaintext. SECURITY.md lists what each proves.

import assert from "node:assert/strict";
import path from "node:path";

import { filesContaining, watchForSecret } from "./lib/disk.mjs";
import { PASSPHRASE, decryptWithCli, waitForFiles } from "./lib/files.mjs";
import { clickClosingFrame, createRootKey, inPassphraseFrame, noticeText, submitPassphrase } from "./lib/flows.mjs";
import { inEachBrowser } from "./lib/suite.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const FORGED_SECRET = "FORGEDSECRETFORGEDSECRETFORGEDSECRETFORG";
const attackLog = async (wd) => JSON.parse((await wd.execute(`return document.documentElement.getAttribute("data-attack-log")`)) ?? "{}");

/** The console's CSV: caught, sealed under the user's passphrase, and nothing else saved. */
async function exportAndCheck(browser, replica, { afterClick, savedAs = "rootkey.csv.rootguard" } = {}) {
  const { wd } = browser;
  const created = replica.createdKeys.at(-1);
  const watch = await watchForSecret(browser.watched, [created.secretAccessKey, FORGED_SECRET]);
  try {
    await wd.clickCss('[data-testid="download-csv"]');
    await afterClick?.();
    await inPassphraseFrame(wd, () => submitPassphrase(wd, PASSPHRASE));
    await noticeText(wd, "export-saved");
    await waitForFiles(browser.downloadDir, [savedAs]);
  } finally {
    const seen = await watch.stop();
    assert.deepEqual(seen.leaks, [], "no file written during the flow held a secret in plaintext");
  }
  const opened = decryptWithCli(path.join(browser.downloadDir, savedAs));
  assert.ok(opened.equals(Buffer.from(created.csv)), "the file holds the console's CSV, under the user's passphrase");
  return created;
}

async function inFrame(wd, css, body) {
  const frame = await wd.find(css);
  await wd.cmd("POST", "/frame", { id: { [ELEMENT]: frame.id } });
  try {
    return await body();
  } finally {
    await wd.cmd("POST", "/frame", { id: null });
  }
}

inEachBrowser("a hostile page", (test) => {
  for (const mechanism of ["anchor", "detached", "dispatch", "window-open"]) {
    test(`undoing RootGuard's hooks after document_start does not let the CSV escape (${mechanism})`, async ({ browser, wd, replica }) => {
      replica.setScenario({ attacks: ["undo-hooks"], downloadMechanism: mechanism });
      await createRootKey(wd);
      // window.open(blob:) carries no file name: RootGuard names it credentials.csv.
      await exportAndCheck(browser, replica, { savedAs: mechanism === "window-open" ? "credentials.csv.rootguard" : "rootkey.csv.rootguard" });
      const log = await attackLog(wd);
      for (const attempt of ["replaceAnchorClick", "replaceElementClick", "replaceDispatchEvent", "replaceCreateObjectURL", "replaceOpen", "replaceBlob",
        "neuterPreventDefault", "hideAnchors", "hideBlobs", "hideBlobUrls", "forgetBlobs"]) {
        assert.equal(log[attempt], "done", `the page could run ${attempt} (it just had no effect)`);
      }
      assert.match(log.deleteAnchorClick, /^(done|threw TypeError)$/);
      assert.equal(log.redefineAnchorClick, "threw TypeError", "RootGuard's hooks cannot be redefined");
      assert.equal(log.redefineCreateObjectURL, "threw TypeError");
      assert.deepEqual(log.afterwards, { anchorClickIsNative: false, elementClickIsNative: false, dispatchIsNative: false, createObjectURLIsNative: false });
    });
  }

  test("forged captures on every channel a page can reach are ignored", async ({ browser, wd, replica }) => {
    replica.setScenario({ attacks: ["forge"] });
    await createRootKey(wd);
    const log = await wd.waitFor("the forgeries", `const l = JSON.parse(document.documentElement.getAttribute("data-attack-log") || "{}"); return l.forged >= 10 && l`);
    assert.equal(log.channelVisible, false, "the page never sees RootGuard's private channel");
    // Had any forgery been taken, it would hold this tab's one prompt and the
    // user's own download below would be refused as busy.
    await exportAndCheck(browser, replica);
    assert.equal(await wd.execute(`return document.querySelector('[data-rootguard="export-busy"]')`), null, "no forged capture took the prompt");
  });

  test("a copy of the passphrase prompt in the page's own frame stays inert; the decrypt page will not load in it", async ({ browser, wd, replica }) => {
    replica.setScenario({ attacks: ["clickjack"] });
    await createRootKey(wd);
    await exportAndCheck(browser, replica, {
      afterClick: async () => {
        await wd.waitFor("the guesses", `const l = JSON.parse(document.documentElement.getAttribute("data-attack-log") || "{}"); return l.guessesToCopy && l.guessesToPrompt`);
        const copy = await inFrame(wd, '[data-attacker-frame="prompt-copy"]', () =>
          wd.waitFor("the copy to refuse every guess", `return document.body?.dataset.refusedKeys === "4" && { state: document.body.dataset.state, disabled: document.querySelector("#submit").disabled, fileLine: document.getElementById("file-line").textContent, error: document.getElementById("error").textContent }`),
        );
        assert.equal(copy.state, "waiting", "the copy never got a frame key");
        assert.equal(copy.disabled, true, "its form cannot be submitted");
        assert.equal(copy.fileLine, "", "it learned nothing about the held file");
        assert.match(copy.error, /not opened by RootGuard/);
        const decrypt = await inFrame(wd, '[data-attacker-frame="decrypt"]', () => wd.execute(`return document.querySelector('[data-rootguard="decrypt-form"]') !== null`));
        assert.equal(decrypt, false, "the decrypt page is not web-accessible");
      },
    });
    assert.equal((await attackLog(wd)).copyDocument, "null", "the copy's document is another origin's");
  });

  test("a flood of credential downloads gets one prompt; the rest are refused and nothing is saved", async ({ browser, wd, replica }) => {
    replica.setScenario({ attacks: ["flood"] });
    const watch = await watchForSecret(browser.watched, FORGED_SECRET);
    try {
      await createRootKey(wd);
      await wd.waitFor("24 refusals", `return document.querySelector('[data-rootguard="export-busy"]')?.getAttribute("data-count") === "24"`);
      assert.equal(await wd.execute(`return document.querySelectorAll('[data-rootguard="export-dialog"]').length`), 1, "one prompt");
      await inPassphraseFrame(wd, () => clickClosingFrame(wd, '[data-rootguard-action="cancel"]'));
      await noticeText(wd, "export-cancelled");
    } finally {
      const seen = await watch.stop();
      assert.deepEqual(seen.leaks, []);
    }
    assert.deepEqual(await waitForFiles(browser.downloadDir, []), [], "the flood saved nothing");
    await exportAndCheck(browser, replica);
    await browser.quit();
    assert.deepEqual(filesContaining(browser.profileDir, FORGED_SECRET), []);
  });
});
