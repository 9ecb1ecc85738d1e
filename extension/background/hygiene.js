// The shown secret and the clipboard: the background's side. Content
// scripts ask here (never decide themselves) whether what is shown or copied
// is a secret (the Rust core's rule; which pages can show one is in the
// core's verdict),
// and how long to wait; the owner's times come from storage.sync and the core
// checks them. A copied text is classified and dropped: never stored, never
// logged.
//
// "Does the clipboard still hold the secret?" RootGuard has clipboardWrite
// only, so it cannot read the clipboard to find out. What it can know is
// whether a later copy or cut happened in any console tab: each copy there
// bumps a counter (in storage.session, which survives Chrome stopping an idle
// service worker), and a clear goes ahead only if no copy came after the one
// it is for. A copy made in another application is invisible to RootGuard;
// that is why the notice offers "Keep it" (SECURITY.md).


import { api, fromContentScript, ToBackground } from "../protocol.js";
import { ownerSettings } from "./settings.js";

const GENERATION = "clipboard:generation";

export function hygieneHandlers() {
  const store = api.storage.session;
  // Copies are counted one at a time, so two tabs copying at once never share a number.
  let counting = Promise.resolve();
  const nextGeneration = () => {
    const result = counting.then(async () => {
      const generation = ((await store.get(GENERATION))[GENERATION] ?? 0) + 1;
      await store.set({ [GENERATION]: generation });
      return generation;
    });
    counting = result.catch(() => {});
    return result;
  };

  // The owner's choices, as the core reads them (defaults for anything out of range).
  const choices = ownerSettings;

  return {
    // A 40-character token became visible on a wizard page: is it a secret?
    [ToBackground.secretShown]: {
      allowed: fromContentScript,
      async run(core, message) {
        const secret = core.classifyCopied(String(message.text ?? "")) === "secret";
        return { secret, revealSeconds: (await choices(core)).revealSeconds };
      },
    },
    // Something was copied or cut in a console tab.
    [ToBackground.clipboardCopied]: {
      allowed: fromContentScript,
      async run(core, message) {
        const kind = core.classifyCopied(String(message.text ?? ""));
        const generation = await nextGeneration();
        const { clipboardClear, clipboardSeconds } = await choices(core);
        return { kind, generation, clear: clipboardClear, seconds: clipboardSeconds };
      },
    },
    // A tab's timer ran out: clear only if that copy is still the last one seen.
    [ToBackground.clipboardMayClear]: {
      allowed: fromContentScript,
      async run(core, message) {
        const latest = (await store.get(GENERATION))[GENERATION] ?? 0;
        const { clipboardClear } = await choices(core);
        return { clear: clipboardClear && latest === message.generation };
      },
    },
  };
}
