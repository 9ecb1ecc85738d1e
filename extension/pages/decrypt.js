// RootGuard's decrypt page: open a .rootguard file with its passphrase (or,
// for a file encrypted to recipients, with an identity file and the
// identity's passphrase) and show the keys, masked until asked. The Rust core runs here (an extension
// page, whose CSP allows Wasm); nothing is written anywhere, and the secret
// lives only in this page's memory until the tab is closed.

import { loadCryptoCore } from "./core.js";
import { t } from "./i18n.js";

const ready = loadCryptoCore();

const form = document.querySelector('[data-rootguard="decrypt-form"]');
const error = document.getElementById("error");
const drop = document.getElementById("drop");
const result = document.getElementById("result");
let dropped = null;

for (const type of ["dragenter", "dragover"]) {
  drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
}
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  dropped = event.dataTransfer.files[0] ?? null;
  if (dropped) drop.textContent = dropped.name;
});
form.elements.file.addEventListener("change", () => {
  dropped = null;
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.textContent = "";
  delete error.dataset.name;
  result.hidden = true;
  const file = dropped ?? form.elements.file.files[0];
  if (!file) {
    error.textContent = t("decryptNoFile");
    return;
  }
  try {
    const cryptoCore = await ready;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const passphrase = form.elements.passphrase.value;
    let opened;
    if (cryptoCore.envelopeKind(bytes) === "recipients") {
      const identity = form.elements.identity.files[0];
      if (!identity) throw new Error(t("decryptNeedsIdentity"));
      opened = cryptoCore.openExportWithIdentity(bytes, new Uint8Array(await identity.arrayBuffer()), passphrase);
    } else {
      opened = cryptoCore.openExport(bytes, passphrase);
    }
    show(opened);
  } catch (e) {
    error.textContent = e?.message ?? String(e);
    error.dataset.name = e?.name ?? ""; // the core's name for what went wrong (WrongPassphrase, Truncated, …)
  }
});

function button(label, action, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.setAttribute("data-rootguard-action", action);
  b.addEventListener("click", onClick);
  return b;
}

function show(opened) {
  document.getElementById("result-title").textContent = t("decryptResultTitle", [opened.fileName]);
  const body = document.getElementById("keys");
  body.replaceChildren();
  for (const key of opened.keys) {
    const row = document.createElement("tr");
    row.setAttribute("data-rootguard", "decrypted-key");
    const id = document.createElement("td");
    id.textContent = key.accessKeyId;
    id.setAttribute("data-rootguard", "decrypted-key-id");
    const secret = document.createElement("td");
    secret.setAttribute("data-rootguard", "decrypted-secret");
    const masked = "•".repeat(40);
    secret.textContent = masked;
    const actions = document.createElement("td");
    const box = document.createElement("div");
    box.className = "actions";
    const toggle = button(t("show"), "show", () => {
      const hidden = secret.textContent === masked;
      secret.textContent = hidden ? key.secretAccessKey : masked;
      toggle.textContent = hidden ? t("hide") : t("show");
    });
    const copy = button(t("copy"), "copy", () => navigator.clipboard.writeText(key.secretAccessKey).catch((e) => (error.textContent = String(e))));
    box.append(toggle, copy);
    actions.append(box);
    row.append(id, secret, actions);
    body.append(row);
  }
  result.hidden = false;
}
