// Text rules the core owns and the content scripts need synchronously (a
// content script cannot run the core: it is in the background). Asked once
// per page, the first time one is needed.

import { askOrThrow, ToBackground } from "../protocol.js";

let rules = null;

/** `{keyId}`: a RegExp finding an access key ID's shape, from the core's pattern. */
export function contentRules() {
  rules ??= askOrThrow({ type: ToBackground.contentRules }).then(
    ({ keyIdPattern }) => ({ keyId: new RegExp(keyIdPattern) }),
    (error) => {
      rules = null; // asked again next time
      throw error;
    },
  );
  return rules;
}

/** A RegExp matching a whole text that is an access key ID, from `keyId`. */
export const whole = (pattern) => new RegExp(`^(?:${pattern.source})$`);
