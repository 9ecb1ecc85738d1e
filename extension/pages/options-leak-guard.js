// The options page's leak guard fieldset. Turning it on asks the browser
// for the optional host permission right then, inside the click (a
// permission request needs the user's gesture); the stored setting turns on
// only if it was granted. Turning it off gives the permission back. The
// "fine for this site" origins (storage.local) are listed with a remove
// button. Saved at once rather than with the form's Save button, so the
// permission and the setting never disagree.

import { readStoredSettings } from "../background/settings.js";
import { api, StorageKey } from "../protocol.js";
import { loadPageCore } from "./core.js";
import { t } from "./i18n.js";

const core = await loadPageCore();
// Every site, since a key can be pasted anywhere: manifest.json's optional host permissions.
const ORIGINS = api.runtime.getManifest().optional_host_permissions;
// The stored settings as the core reads them (defaults for anything missing).
const readStored = async () => core.readSettings((await readStoredSettings()) ?? null);
const allowedOrigins = async () => (await api.storage.local.get(StorageKey.leakGuardAllowed))[StorageKey.leakGuardAllowed] ?? [];

const fieldset = document.querySelector('[data-rootguard="leak-guard-options"]');
const box = fieldset.querySelector('input[name="leakGuard"]');
const status = fieldset.querySelector('[data-rootguard="leak-guard-status"]');
const list = fieldset.querySelector('[data-rootguard="leak-allowed-sites"]');

async function store(on) {
  await api.storage.sync.set({ [StorageKey.settings]: { ...(await readStored()), leakGuard: on } });
}

function show(state) {
  fieldset.dataset.state = state;
  box.checked = state === "on";
  status.textContent = t({ on: "optionsLeakOn", off: "optionsLeakOff", refused: "optionsLeakRefused" }[state]);
}

async function showStored() {
  const granted = await api.permissions.contains({ origins: ORIGINS });
  show((await readStored()).leakGuard && granted ? "on" : "off");
}

async function showAllowed() {
  const origins = await allowedOrigins();
  list.replaceChildren(
    ...origins.map((origin) => {
      const item = document.createElement("li");
      item.dataset.origin = origin;
      const name = document.createElement("code");
      name.textContent = origin;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.dataset.rootguardAction = "leak-allow-remove";
      remove.textContent = t("optionsLeakAllowedRemove");
      remove.addEventListener("click", async () => {
        const now = await allowedOrigins();
        await api.storage.local.set({ [StorageKey.leakGuardAllowed]: now.filter((o) => o !== origin) });
      });
      item.append(name, " ", remove);
      return item;
    }),
  );
  list.dataset.count = String(origins.length);
  fieldset.querySelector('[data-rootguard="leak-allowed-none"]').hidden = origins.length > 0;
}

box.addEventListener("click", () => {
  fieldset.dataset.state = "asking";
  if (box.checked) {
    // First thing in the handler: the request must stay inside the gesture.
    api.permissions
      .request({ origins: ORIGINS })
      .catch(() => false)
      .then(async (granted) => {
        await store(granted);
        show(granted ? "on" : "refused");
      });
  } else {
    store(false)
      .then(() => api.permissions.remove({ origins: ORIGINS }))
      .then(() => show("off"));
  }
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes[StorageKey.leakGuardAllowed]) showAllowed();
  // The form's Reset (or another device) may turn it off.
  if (area === "sync" && changes[StorageKey.settings] && fieldset.dataset.state !== "asking") showStored();
});
api.permissions.onRemoved?.addListener(() => showStored());

await Promise.all([showStored(), showAllowed()]);
fieldset.dataset.ready = "true";
