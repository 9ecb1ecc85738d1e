// extension/content/texts.js: a console page's texts in the page's language.
import "./fake-browser.mjs";

import assert from "node:assert/strict";
import { test } from "node:test";

import { t, useLocale } from "../../extension/content/texts.js";
import { ToBackground } from "../../extension/protocol.js";
import { fake } from "./fake-browser.mjs";

test("before a translation is here, the browser's language", () => {
  assert.equal(t("dismiss"), "dismiss");
  assert.equal(t("exportSavedTitle", ["a.rootguard"]), "exportSavedTitle(a.rootguard)");
});

test("the page's translation, with $1…$9 filled and $$ kept as one $", async () => {
  fake.sendMessage = async (message) => {
    assert.equal(message.type, ToBackground.pageTexts);
    assert.equal(message.locale, "de");
    return { ok: true, result: { dismiss: "Schließen", exportSavedTitle: "Gespeichert als $1 ($2 $$)" } };
  };
  await useLocale("de");
  assert.equal(t("dismiss"), "Schließen");
  assert.equal(t("exportSavedTitle", ["a.rootguard", 3]), "Gespeichert als a.rootguard (3 $)");
  assert.equal(t("exportSavedTitle", "x"), "Gespeichert als x ( $)", "a single argument, and a missing one is empty");
  // A key the translation lacks falls back to the browser's text.
  assert.equal(t("noSuchKeyHere"), "noSuchKeyHere");
});

test("a translation that cannot be had leaves the browser's language", async () => {
  fake.sendMessage = async () => ({ ok: false, error: { name: "Failed", message: "_locales/ko/messages.json: 404" } });
  const warn = console.warn;
  console.warn = () => {};
  try {
    await useLocale("ko");
  } finally {
    console.warn = warn;
  }
  assert.equal(t("dismiss"), "dismiss");
});
