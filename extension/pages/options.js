// RootGuard's options page: policy thresholds, which warnings to show, how
// hard Argon2id works on an export's passphrase (with what each costs on
// this machine, measured here with the core's own KDF), and whether exports
// are sealed with a passphrase or to the team's public keys. Saved in
// storage.sync; console tabs follow changes live. What the owner's
// organisation enforces (storage.managed, docs/MANAGED-SETTINGS.md) is shown
// as set by the organisation, and locked. The Rust core owns the settings
// (src/settings.rs, src/settings/managed.rs): their defaults, how a stored or
// managed value is read, and the check before saving, so this page, the
// background and the CLI share one rule.

import { managedSettings, readStoredSettings } from "../background/settings.js";
import { api, StorageKey } from "../protocol.js";
import { loadCryptoCore, loadPageCore } from "./core.js";
import { t } from "./i18n.js";

// The settings are the page module's; the KDF that measures what each
// strength costs is the crypto module's, loaded once the form is usable.
const core = await loadPageCore();
const form = document.querySelector('[data-rootguard="options-form"]');
const error = document.getElementById("error");
const status = document.getElementById("status");
const recipientList = document.querySelector('[data-rootguard="recipient-list"]');
const recipientError = document.querySelector('[data-rootguard="recipient-error"]');
// The recipients as edited here; saved with the rest of the form.
let recipients = [];
// The organisation's policy as storage.managed holds it ({} without one), read once.
const managed = await managedSettings();
// Whether the organisation set the recipients list (then it is shown, not edited).
let recipientsLocked = false;

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
  recipients = settings.recipients.map((r) => ({ ...r }));
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
      remove.disabled = recipientsLocked;
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

/**
 * "Set by your organisation" after `element`: what a locked field says; the
 * `controls` it is about are disabled and described by it (a screen reader
 * says why they cannot be changed).
 */
function noteSetByOrganisation(element, field, controls, text = t("optionsSetByOrganisation")) {
  const note = document.createElement("span");
  note.className = "hint";
  note.id = `set-by-organisation-${field}`;
  note.setAttribute("data-rootguard", "set-by-organisation");
  note.dataset.field = field;
  note.textContent = text;
  element.after(note);
  for (const control of controls) {
    control.disabled = true;
    control.setAttribute("aria-describedby", note.id);
  }
}

// What the organisation set (the core's `locked` and `minimumKdfStrength`):
// those inputs are disabled and say so; a strength below the minimum cannot
// be chosen. The core's check refuses them anyway, whatever this page sends.
function lock({ locked, minimumKdfStrength }) {
  for (const field of locked) {
    if (field.startsWith("show.")) {
      const box = form.querySelector(`input[name="show"][value="${field.slice("show.".length)}"]`);
      noteSetByOrganisation(box.parentElement, field, [box]);
    } else if (field === "exportMode") {
      const radios = form.querySelectorAll('input[name="exportMode"]');
      noteSetByOrganisation(form.querySelector('[data-rootguard="export-mode"] .hint'), field, radios);
    } else if (field === "recipients") {
      recipientsLocked = true;
      const add = document.querySelector('[data-rootguard-action="add-recipient"]');
      noteSetByOrganisation(recipientList, field, [form.elements.recipientName, form.elements.recipientKey, add]);
      drawRecipients();
    } else {
      noteSetByOrganisation(form.elements[field], field, [form.elements[field]]);
    }
  }
  if (minimumKdfStrength) {
    const strengths = core.kdfStrengths();
    const weaker = [...form.querySelectorAll('input[name="kdfStrength"]')].filter((radio) => strengths.indexOf(radio.value) < strengths.indexOf(minimumKdfStrength));
    const floor = form.querySelector(`input[name="kdfStrength"][value="${minimumKdfStrength}"]`).nextElementSibling.textContent;
    noteSetByOrganisation(form.querySelector('[data-rootguard="kdf-strength-hint"]'), "minimumKdfStrength", weaker, t("optionsKdfFloor", [floor]));
  }
}

// Add the typed recipient to the list (not yet saved). The core checks the
// list with it (a name, no key or name twice, the key itself: a typo fails
// its checksum here, not at the next export), alone with the defaults, so
// only the recipients can be refused here.
function addRecipient() {
  recipientError.textContent = "";
  const name = form.elements.recipientName.value.trim();
  const typed = form.elements.recipientKey.value.trim();
  try {
    const defaults = core.defaultSettings();
    const candidate = { ...defaults, recipients: [...recipients, { name, recipient: typed }] };
    recipients = core.checkSettings(candidate).recipients;
  } catch (e) {
    recipientError.textContent = e.message;
    recipientError.dataset.name = e.name;
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
    kdfStrength: form.querySelector('input[name="kdfStrength"]:checked')?.value ?? null,
    leakGuard: form.elements.leakGuard.checked, // saved at once by options-leak-guard.js; kept as shown
    revealSeconds: Number(form.elements.revealSeconds.value),
    clipboardClear: form.elements.clipboardClear.checked,
    clipboardSeconds: Number(form.elements.clipboardSeconds.value),
    exportMode: form.querySelector('input[name="exportMode"]:checked')?.value ?? null,
    recipients: recipients.map((r) => ({ ...r })),
  };
}

let attempts = 0;
// `own`: the owner's settings the locked fields keep (the core's rule: the
// organisation's values are not saved as the owner's); `null` for the defaults.
async function save(settings, own) {
  attempts += 1;
  error.textContent = "";
  delete error.dataset.name;
  status.textContent = "";
  let checked;
  try {
    checked = core.checkSettings(settings, managed, own);
  } catch (e) {
    error.textContent = e.message;
    error.dataset.name = e.name; // the core's name for what is wrong
    document.body.dataset.saved = "refused";
    document.body.dataset.attempts = String(attempts);
    return;
  }
  await api.storage.sync.set({ [StorageKey.settings]: checked });
  status.textContent = t("optionsSaved");
  document.body.dataset.saved = "saved";
  document.body.dataset.attempts = String(attempts);
}

// What each strength costs here: one derivation each, the cheapest first,
// after the page is usable (the strong one takes seconds).
async function measure() {
  const cryptoCore = await loadCryptoCore();
  for (const strength of core.kdfStrengths()) {
    const [m, tCost, p] = core.kdfStrengthParams(strength);
    const start = performance.now();
    cryptoCore.measureKdf(new TextEncoder().encode("a sample passphrase"), new Uint8Array(16), m, tCost, p);
    const ms = Math.round(performance.now() - start);
    const cell = document.querySelector(`[data-rootguard="kdf-time"][data-strength="${strength}"]`);
    cell.textContent = t("optionsKdfCost", [String(Math.round(m / 1024)), String(tCost), String(ms)]);
    cell.dataset.ms = String(ms);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe between runs
  }
}

const enforced = core.enforcedSettings((await readStoredSettings()) ?? null, managed);
fill(enforced.settings);
lock(enforced);
document.querySelector('[data-rootguard-action="add-recipient"]').addEventListener("click", addRecipient);
for (const field of [form.elements.recipientName, form.elements.recipientKey]) {
  // Enter in the recipient fields adds the recipient, not saves the form.
  field.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    addRecipient();
  });
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const settings = read();
  save(settings, (await readStoredSettings()) ?? null);
});
document.getElementById("reset").addEventListener("click", () => {
  // The defaults, under the organisation's policy as everything else.
  const defaults = core.enforcedSettings(null, managed).settings;
  fill(defaults);
  save(defaults, null);
});
document.body.dataset.state = "ready";
measure().catch((e) => console.error("RootGuard: could not measure the encryption strengths", e));
