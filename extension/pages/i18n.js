// Fill every [data-i18n] element of an extension page from _locales.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = api.i18n.getMessage(element.dataset.i18n) || element.dataset.i18n;
  }
  document.documentElement.lang = api.i18n.getUILanguage();
})();
