// extension/_locales/: every language the console offers has every text,
// with every placeholder the English text has, and nothing else. (Which
// languages: src/language.rs; `cargo test` checks each has its directory.)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const LOCALES = new URL("../../extension/_locales/", import.meta.url);
const read = (locale) => JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES), "utf8"));
const english = read("en");
const locales = readdirSync(LOCALES).filter((name) => name !== "en");
const placeholders = (message) => [...message.matchAll(/\$(?:[1-9]|\$)/g)].map((m) => m[0]).sort();

test("the console's twelve languages are here", () => {
  assert.deepEqual([...locales, "en"].sort(), ["de", "en", "es", "fr", "id", "it", "ja", "ko", "pt_BR", "tr", "zh_CN", "zh_TW"]);
});

for (const locale of locales) {
  test(`${locale}: every text, each with the English one's placeholders, and no other`, () => {
    const translated = read(locale);
    assert.deepEqual(Object.keys(translated).filter((key) => !(key in english)), [], "keys English does not have");
    for (const [key, { message }] of Object.entries(english)) {
      assert.ok(key in translated, `${key} is missing`);
      const text = translated[key].message;
      assert.equal(typeof text, "string", key);
      assert.ok(text.trim().length > 0, `${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(message), `${key}: placeholders`);
    }
  });
}

test("every text the manifest and the code name exists in English", () => {
  const manifest = readFileSync(new URL("../../manifest.json", import.meta.url), "utf8");
  for (const [, key] of manifest.matchAll(/__MSG_(\w+)__/g)) assert.ok(key in english, key);
});
