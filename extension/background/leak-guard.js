// The leak guard's background half (opt-in, off by default). Its content
// script is never in the manifest's content_scripts, which would ask for
// every site at install: it is registered with scripting.registerContentScripts
// only while the owner has it on (settings.leakGuard, storage.sync) AND the
// browser holds the optional host permission the options page asked for at
// that moment. Either one going away unregisters it. The console hosts are
// excluded: they have RootGuard's own flow.
//
// Checks are the core's: the content script hands over a field's text, the
// core names the access key IDs it finds (never the secret), and the text is
// dropped. Nothing here logs or stores that text. The "fine for this site"
// origins live in storage.local: which sites someone pastes keys into is
// browsing history, and storage.sync would copy it to every signed-in device.

import { api, fromContentScript, StorageKey, ToBackground } from "../protocol.js";
import { onSettingsChanged, ownerSettings } from "./settings.js";

const SCRIPT_ID = "rootguard-leak-guard";
/** What the options page requests: every site, since a key can be pasted anywhere (manifest.json's optional host permissions). */
const LEAK_GUARD_ORIGINS = api.runtime.getManifest().optional_host_permissions;
// The console's hosts, as manifest.json grants them: the leak guard stays off there.
const CONSOLE_HOSTS = api.runtime.getManifest().host_permissions;
// How many checks the core has answered since the browser started: a
// diagnostic for RootGuard's own pages and tests (docs/TESTING.md, "Test hooks"),
// kept in storage.session, so nothing on the site can read it.
const ANSWERED_KEY = "leakChecksAnswered";

const originOf = (sender) => {
  try {
    return sender.origin ?? new URL(sender.url).origin;
  } catch {
    return "null";
  }
};

export function installLeakGuard(core) {
  // On only when the owner turned it on (as the core reads the settings) and the browser granted the permission.
  const wanted = async () => {
    if (!(await ownerSettings(await core)).leakGuard) return false;
    return api.permissions.contains({ origins: LEAK_GUARD_ORIGINS });
  };
  const allowedOrigins = async () => (await api.storage.local.get(StorageKey.leakGuardAllowed))[StorageKey.leakGuardAllowed] ?? [];

  // One sync at a time: two overlapping ones could both see "not registered"
  // and the second registration would fail on the duplicate id.
  let queue = Promise.resolve();
  const sync = () => {
    queue = queue.then(async () => {
      const want = await wanted();
      const have = (await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] })).length > 0;
      if (want && !have) {
        await api.scripting.registerContentScripts([
          {
            id: SCRIPT_ID,
            matches: LEAK_GUARD_ORIGINS,
            excludeMatches: CONSOLE_HOSTS,
            js: ["content/leak-guard.js"], // bundled by ./build.sh from extension/content/leak-guard.js
            runAt: "document_idle",
            allFrames: true,
            // Registered again at every background start anyway (below), so
            // a browser that drops registrations on restart loses nothing.
            persistAcrossSessions: true,
          },
        ]);
      } else if (!want && have) {
        await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      }
    }).catch((error) => console.error("RootGuard: the leak guard could not be (un)registered:", String(error?.message ?? error)));
    return queue;
  };

  api.permissions.onAdded.addListener(sync);
  api.permissions.onRemoved.addListener(sync);
  onSettingsChanged(sync);
  api.runtime.onStartup?.addListener(sync);
  sync();

  let counting = Promise.resolve();
  const countAnswer = () => {
    counting = counting.then(async () => {
      const answered = (await api.storage.session.get(ANSWERED_KEY))[ANSWERED_KEY] ?? 0;
      await api.storage.session.set({ [ANSWERED_KEY]: answered + 1 });
    }).catch(() => {});
    return counting;
  };

  /** Whether the guard is on here: on, and this origin not marked fine. */
  const activeFor = async (origin) => (await wanted()) && !(await allowedOrigins()).includes(origin);

  return {
    // The text of one field on another site, when it might hold a key. The
    // origin comes from the browser (sender), not from the page.
    [ToBackground.leakCheck]: {
      allowed: fromContentScript,
      run: async (c, message, sender) => {
        const origin = originOf(sender);
        const active = await activeFor(origin);
        const findings = active ? c.findAccessKeys(String(message.text ?? "")).map((f) => ({ accessKeyId: f.accessKeyId })) : [];
        await countAnswer();
        return { origin, active, findings };
      },
    },
    // "This is fine for this site": only ever the asking page's own origin.
    [ToBackground.leakAllowSite]: {
      allowed: fromContentScript,
      run: async (_c, _message, sender) => {
        const origin = originOf(sender);
        if (origin === "null") throw new Error("this frame has no origin to remember");
        const list = await allowedOrigins();
        if (!list.includes(origin)) await api.storage.local.set({ [StorageKey.leakGuardAllowed]: [...list, origin].sort() });
        return { origin };
      },
    },
  };
}
