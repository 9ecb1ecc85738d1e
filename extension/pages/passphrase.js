// The passphrase prompt for an encrypted export: a window of RootGuard's
// own, opened by the background (background/exports.js). The console page
// has no handle on it, so it can neither read what is typed here, nor
// message, navigate or imitate it from inside. The passphrase goes only to
// the background, which knows this window by the URL the browser reports for
// it (the export's id and a key only the background and this window hold),
// and "done" is announced by the background to the console tab, never by
// this window.

import { askOrThrow, ProtocolError, ToBackground } from "../protocol.js";
import { t } from "./i18n.js";

const form = document.querySelector('[data-rootguard="passphrase-form"]');
const passphrase = form.elements.passphrase;
const confirm = form.elements.confirm;
const error = document.getElementById("error");
const strength = document.getElementById("strength");
const meter = document.getElementById("meter");
const submit = document.getElementById("submit");
const cancel = document.getElementById("cancel");
let busy = false;
let ready = false;

// The browser may stop RootGuard's background while the user types (Chrome
// stops an idle service worker after 30 s): a question that found no
// background is asked once more, which starts it again. A refusal is not
// asked again. For the seal: no answer means the background stopped before
// it answered: the file was not saved (this asks again), or it was and the
// export has ended (the second is refused as expired), or, stopped between
// the two, a second encrypted copy is saved. Never plaintext.
// Here, not in protocol.js's `ask` for every sender: a content script's
// hold asked again after the background stored it and stopped before
// answering would be answered "busy" with a prompt that never opened; that
// question must fail closed with its own notice instead.
async function ask(message) {
  try {
    return await askOrThrow(message);
  } catch (error) {
    if (error.name !== ProtocolError.NoAnswer) throw error;
    return askOrThrow(message);
  }
}

document.body.dataset.state = "waiting";
for (const control of form.elements) control.disabled = true;
ask({ type: ToBackground.exportInfo }).then(
  (info) => {
    ready = true;
    document.getElementById("file-line").textContent = t("passphraseIntro", [info.fileName, info.savedAs]);
    document.getElementById("rule").textContent = t("passphraseRule", [String(info.minimumLength)]);
    for (const control of form.elements) control.disabled = false;
    document.body.dataset.state = "ready";
    passphrase.focus();
    // When the user can start typing, on the page's own clock: for the
    // browser's performance tools and `./build.sh bench` (click to file).
    performance.mark("rootguard-prompt-ready");
  },
  (e) => {
    // Expired, or not a prompt the background opened: nothing to do here.
    document.body.dataset.state = "refused";
    error.textContent = e.message;
  },
);

let lastVerdict = null;
async function rate() {
  lastVerdict = await ask({ type: ToBackground.ratePassphrase, passphrase: passphrase.value });
  meter.value = lastVerdict.score;
  strength.textContent = passphrase.value ? t(`strength_${lastVerdict.label.replaceAll("-", "_")}`) : "";
  strength.dataset.acceptable = String(lastVerdict.acceptable);
  return lastVerdict;
}
passphrase.addEventListener("input", () => rate().catch((e) => fail(e.message)));

// The export is over and its answer is here: nothing is in flight, so the
// window can go. (A window with one page in its history may close itself.)
function closeWindow() {
  window.close();
}

function fail(message) {
  error.textContent = message;
  busy = false;
  submit.disabled = false;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (busy || !ready) return;
  error.textContent = "";
  try {
    const verdict = await rate();
    if (!verdict.acceptable) return fail(t("passphraseTooWeak"));
    if (passphrase.value !== confirm.value) return fail(t("passphraseMismatch"));
    busy = true;
    submit.disabled = true;
    submit.textContent = t("encrypting");
    await ask({ type: ToBackground.sealExport, passphrase: passphrase.value, armored: form.elements.armor.checked });
    closeWindow();
  } catch (e) {
    submit.textContent = t("encryptAndSave");
    fail(e.message);
  }
});

cancel.addEventListener("click", () => {
  if (!ready) return;
  ask({ type: ToBackground.cancelExport }).then(closeWindow, (e) => fail(e.message));
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") cancel.click();
});
