// Texts of RootGuard's own pages, from _locales: `t` for code, and every
// [data-i18n] element filled on import.

import { api } from "../protocol.js";

/** The text of message `key`, with its placeholders filled. */
export const t = (key, args) => api.i18n.getMessage(key, args) || key;

for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
document.documentElement.lang = api.i18n.getUILanguage();
// For tests and tools: the page's texts are in (a module runs after the
// document is parsed, so the static form is there before its labels are).
document.documentElement.dataset.texts = "filled";
