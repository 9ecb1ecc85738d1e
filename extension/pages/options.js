// RootGuard's options page: policy thresholds, which warnings to show, and
// how hard Argon2id works on an export's passphrase (with what each costs on
// this machine, measured here with the core's own KDF). Saved in
// storage.sync; console tabs follow changes live. The Rust core checks the
// thresholds, so this page, the background and the CLI share one rule.
import init, * as core from "../core/rootguard.js";

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, args) => api.i18n.getMessage(key, args) || key;
const { defaults: DEFAULTS, merge } = globalThis.RootGuard.settings; // content/settings.js
const form = document.querySelector('[data-rootguard="options-form"]');
const error = document.getElementById("error");
const status = document.getElementById("status");

function fill(settings) {
  for (const name of ["rotateDays", "criticalDays", "unusedDays"]) form.elements[name].value = String(settings[name]);
  for (const box of form.querySelectorAll('input[name="show"]')) box.checked = settings.show[box.value] !== false;
  for (const radio of form.querySelectorAll('input[name="kdfStrength"]')) radio.checked = radio.value === settings.kdfStrength;
  // leakGuard is not filled here: options-leak-guard.js shows it with the permission's state.
  // Shown secret and clipboard.
  form.elements.revealSeconds.value = String(settings.revealSeconds);
  form.elements.clipboardClear.checked = settings.clipboardClear !== false;
  form.elements.clipboardSeconds.value = String(settings.clipboardSeconds);
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
