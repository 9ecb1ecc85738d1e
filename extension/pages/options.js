// RootGuard's options page: policy thresholds, which warnings to show, how
// hard Argon2id works on an export's passphrase (with what each costs on
// this machine, measured here with the core's own KDF), and whether exports
// are sealed with a passphrase or to the team's public keys. Saved in
// storage.sync; console tabs follow changes live. The Rust core checks the
// thresholds, so this page, the background and the CLI share one rule.
import init, * as core from "../core/rootguard.js";

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, args) => api.i18n.getMessage(key, args) || key;
const { defaults: DEFAULTS, merge } = globalThis.RootGuard.settings; // content/settings.js
const form = document.querySelector('[data-rootguard="options-form"]');
const error = document.getElementById("error");
const status = document.getElementById("status");
const recipientList = document.querySelector('[data-rootguard="recipient-list"]');
const recipientError = document.querySelector('[data-rootguard="recipient-error"]');
// The recipients as edited here; saved with the rest of the form.
let recipients = [];

function fill(settings) {
  for (const name of ["rotateDays", "criticalDays", "unusedDays"]) form.elements[name].value = String(settings[name]);
  for (const box of form.querySelectorAll('input[name="show"]')) box.checked = settings.show[box.value] !== false;
  for (const radio of form.querySelectorAll('input[name="kdfStrength"]')) radio.checked = radio.value === settings.kdfStrength;
  // leakGuard is not filled here: options-leak-guard.js shows it with the permission's state.
  // Shown secret and clipboard.
  form.elements.revealSeconds.value = String(settings.revealSeconds);
  form.elements.clipboardClear.checked = settings.clipboardClear !== false;
  form.elements.clipboardSeconds.value = String(settings.clipboardSeconds);
  for (const radio of form.querySelectorAll('input[name="exportMode"]')) radio.checked = radio.value === settings.exportMode;
  recipients = Array.isArray(settings.recipients) ? settings.recipients.map((r) => ({ name: String(r.name), recipient: String(r.recipient) })) : [];
  drawRecipients();
}

function drawRecipients() {
  recipientList.replaceChildren(
    ...recipients.map((entry, index) => {
      const item = document.createElement("li");
      item.setAttribute("data-rootguard", "recipient");
      item.dataset.name = entry.name;
      const label = document.createElement("span");
      const name = document.createElement("strong");
      name.textContent = entry.name;
      const key = document.createElement("code");
      key.textContent = entry.recipient;
      label.append(name, " ", key);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = t("optionsRecipientRemove");
      remove.setAttribute("data-rootguard-action", "remove-recipient");
      remove.addEventListener("click", () => {
        recipients.splice(index, 1);
        drawRecipients();
      });
      item.append(label, remove);
      return item;
    }),
  );
  document.querySelector('[data-rootguard="recipient-empty"]').hidden = recipients.length > 0;
}

// Add the typed recipient to the list (not yet saved). The core reads the
// key: a typo fails its checksum here, not at the next export.
function addRecipient() {
  recipientError.textContent = "";
  const name = form.elements.recipientName.value.trim();
  const typed = form.elements.recipientKey.value.trim();
  try {
    if (!name) throw new Error(t("optionsRecipientNoName"));
    const recipient = core.parseRecipient(typed);
    if (recipients.some((r) => r.recipient === recipient)) throw new Error(t("optionsRecipientDuplicate", [recipients.find((r) => r.recipient === recipient).name]));
    if (recipients.some((r) => r.name === name)) throw new Error(t("optionsRecipientNameTaken", [name]));
    recipients.push({ name, recipient });
  } catch (e) {
    recipientError.textContent = e.message;
    return;
  }
  form.elements.recipientName.value = "";
  form.elements.recipientKey.value = "";
  drawRecipients();
}

function read() {
  const show = {};
  for (const box of form.querySelectorAll('input[name="show"]')) show[box.value] = box.checked;
  return {
    rotateDays: Number(form.elements.rotateDays.value),
    criticalDays: Number(form.elements.criticalDays.value),
    unusedDays: Number(form.elements.unusedDays.value),
    show,
    kdfStrength: form.querySelector('input[name="kdfStrength"]:checked')?.value ?? "standard",
    leakGuard: form.elements.leakGuard.checked, // saved at once by options-leak-guard.js; kept as shown
    revealSeconds: Number(form.elements.revealSeconds.value),
    clipboardClear: form.elements.clipboardClear.checked,
    clipboardSeconds: Number(form.elements.clipboardSeconds.value),
    exportMode: form.querySelector('input[name="exportMode"]:checked')?.value ?? "passphrase",
    recipients: recipients.map((r) => ({ ...r })),
  };
}

let attempts = 0;
async function save(settings) {
  attempts += 1;
  error.textContent = "";
  status.textContent = "";
  try {
    core.checkThresholds(settings.rotateDays, settings.criticalDays, settings.unusedDays);
    core.checkHygieneTimes(settings.revealSeconds, settings.clipboardSeconds);
    // Recipients mode seals without asking anyone: it needs someone to seal to.
    if (settings.exportMode === "recipients" && settings.recipients.length === 0) throw new Error(t("optionsRecipientsNeeded"));
    for (const r of settings.recipients) r.recipient = core.parseRecipient(r.recipient);
  } catch (e) {
    error.textContent = e.message;
    document.body.dataset.saved = "refused";
    document.body.dataset.attempts = String(attempts);
    return;
  }
  await api.storage.sync.set({ settings });
  status.textContent = t("optionsSaved");
  document.body.dataset.saved = "saved";
  document.body.dataset.attempts = String(attempts);
}

// What each strength costs here: one derivation each, the cheapest first,
// after the page is usable (the strong one takes seconds).
async function measure() {
  for (const strength of ["minimum", "standard", "strong"]) {
    const [m, tCost, p] = core.kdfStrengthParams(strength);
    const start = performance.now();
    core.measureKdf(new TextEncoder().encode("a sample passphrase"), new Uint8Array(16), m, tCost, p);
    const ms = Math.round(performance.now() - start);
    const cell = document.querySelector(`[data-rootguard="kdf-time"][data-strength="${strength}"]`);
    cell.textContent = t("optionsKdfCost", [String(Math.round(m / 1024)), String(tCost), String(ms)]);
    cell.dataset.ms = String(ms);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe between runs
  }
}

await init({ module_or_path: new URL("../core/rootguard_bg.wasm", import.meta.url) });
const { settings: stored } = await api.storage.sync.get("settings");
fill(merge(stored));
document.querySelector('[data-rootguard-action="add-recipient"]').addEventListener("click", addRecipient);
for (const field of [form.elements.recipientName, form.elements.recipientKey]) {
  // Enter in the recipient fields adds the recipient, not saves the form.
  field.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    addRecipient();
  });
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  save(read());
});
document.getElementById("reset").addEventListener("click", () => {
  fill(DEFAULTS);
  save(DEFAULTS);
});
document.body.dataset.state = "ready";
measure();
