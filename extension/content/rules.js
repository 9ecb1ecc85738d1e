// Text rules the core owns and the content scripts need synchronously (a
// content script cannot run the core: it is in the background). Asked once
// per page, the first time one is needed.

import { askOrThrow, ToBackground } from "../protocol.js";

let rules = null;

/** `{keyId, secret}`: RegExps finding an access key ID's and a secret access key's form, from the core's patterns. */
export function contentRules() {
  rules ??= askOrThrow({ type: ToBackground.contentRules }).then(
    ({ keyIdPattern, secretPattern }) => ({ keyId: new RegExp(keyIdPattern), secret: new RegExp(secretPattern) }),
    (error) => {
      rules = null; // asked again next time
      throw error;
    },
  );
  return rules;
}

/** A RegExp matching only a whole text of `pattern`'s form (`keyId`, `secret`). */
export const whole = (pattern) => new RegExp(`^(?:${pattern.source})$`);
