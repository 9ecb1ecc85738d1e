// The passphrase prompt for an encrypted export. It runs at the extension's
// origin inside an iframe the content script places on the console page: the
// page's scripts cannot read what is typed here. The passphrase goes only to
// the background (which holds the captured file and runs the Rust core), and
// "done" is announced by the background to the content script, never by this
// frame, so a page cannot forge it.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, args) => api.i18n.getMessage(key, args) || key;
  const exportId = new URLSearchParams(location.search).get("export") ?? "";
  const form = document.querySelector('[data-rootguard="passphrase-form"]');
  const passphrase = form.elements.passphrase;
  const confirm = form.elements.confirm;
  const error = document.getElementById("error");
  const strength = document.getElementById("strength");
  const meter = document.getElementById("meter");
  const submit = document.getElementById("submit");
  const cancel = document.getElementById("cancel");
  let busy = false;

  async function ask(message) {
    const reply = await api.runtime.sendMessage(message);
    if (!reply?.ok) throw new Error(reply?.error ?? t("noAnswer"));
    return reply.result;
  }

  // The frame key: the content script that opened this frame posts it here
  // (only a document at the extension's origin can receive it), and the
  // background accepts nothing from this frame without it. A copy of this
  // frame made by the page (same URL, e.g. to clickjack it) never gets the
  // key, so it stays inert. The page can post guesses too (its messages come
  // from the same parent window); each is checked by the background.
  const MAX_KEY_TRIES = 50;
  let frameKey = null;
  let keyTries = 0;
  document.body.dataset.state = "waiting";
  for (const control of form.elements) control.disabled = true;
  addEventListener("message", async (event) => {
    const data = event.data;
    if (frameKey || event.source !== parent || data?.source !== "rootguard-content" || data.type !== "frame-key") return;
    if (++keyTries > MAX_KEY_TRIES) return;
    const candidate = String(data.frameKey);
    let info;
    try {
      info = await ask({ type: "export-info", exportId, frameKey: candidate });
    } catch (e) {
      document.body.dataset.refusedKeys = String(Number(document.body.dataset.refusedKeys ?? 0) + 1);
      error.textContent = e.message;
      return;
    }
    if (frameKey) return;
    frameKey = candidate;
    error.textContent = "";
    document.getElementById("file-line").textContent = t("passphraseIntro", [info.fileName, info.savedAs]);
    document.getElementById("rule").textContent = t("passphraseRule", [String(info.minimumLength)]);
    for (const control of form.elements) control.disabled = false;
    document.body.dataset.state = "ready";
    passphrase.focus();
  });

  let lastVerdict = null;
  async function rate() {
    lastVerdict = await ask({ type: "rate-passphrase", passphrase: passphrase.value });
    meter.value = lastVerdict.score;
    strength.textContent = passphrase.value ? t(`strength_${lastVerdict.label.replaceAll("-", "_")}`) : "";
    strength.dataset.acceptable = String(lastVerdict.acceptable);
    return lastVerdict;
  }
  passphrase.addEventListener("input", () => rate().catch((e) => fail(e.message)));

  // The background has told the content script how the export ended (only it
  // can say so); this only lets the content script remove the frame now that
  // no answer is in flight. Nothing secret is in the message.
  function closeMe() {
    parent.postMessage({ source: "rootguard-passphrase", type: "close" }, "*");
  }

  function fail(message) {
    error.textContent = message;
    busy = false;
    submit.disabled = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy || !frameKey) return;
    error.textContent = "";
    try {
      const verdict = await rate();
      if (!verdict.acceptable) return fail(t("passphraseTooWeak"));
      if (passphrase.value !== confirm.value) return fail(t("passphraseMismatch"));
      busy = true;
      submit.disabled = true;
      submit.textContent = t("encrypting");
      await ask({ type: "seal-export", exportId, frameKey, passphrase: passphrase.value, armored: form.elements.armor.checked });
      closeMe();
    } catch (e) {
      submit.textContent = t("encryptAndSave");
      fail(e.message);
    }
  });

  cancel.addEventListener("click", () => {
    if (!frameKey) return;
    ask({ type: "cancel-export", exportId, frameKey }).then(closeMe, (e) => fail(e.message));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancel.click();
  });
})();
