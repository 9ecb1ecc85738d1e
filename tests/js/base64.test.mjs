// extension/base64.js: the one encoder the extension uses for captured bytes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fromBase64, toBase64 } from "../../extension/base64.js";

test("round trip of every byte value and of a file larger than one chunk", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64(toBase64(all)), all);
  const large = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) & 0xff);
  assert.equal(toBase64(large), Buffer.from(large).toString("base64"));
  assert.deepEqual(fromBase64(toBase64(large)), large);
});

test("the empty file, and text that is not base64 is refused", () => {
  assert.equal(toBase64(new Uint8Array()), "");
  assert.deepEqual(fromBase64(""), new Uint8Array());
  assert.throws(() => fromBase64("not base64!"));
});
