// A console language's texts for the content script (content/texts.js),
// read from the extension's own `_locales/` (the core names the twelve; no
// other path is read). Kept once read: they change only with the extension.

import { api } from "../protocol.js";

const read = new Map();

/** `{key: message}` of `_locales/<locale>/messages.json`, for one of the core's console locales. */
export function pageTexts(core, locale) {
  if (!core.consoleLocales().includes(locale)) throw new Error(`"${locale}" is not one of the console's languages`);
  if (!read.has(locale)) {
    const texts = fetch(api.runtime.getURL(`_locales/${locale}/messages.json`))
      .then((response) => {
        if (!response.ok) throw new Error(`_locales/${locale}/messages.json: ${response.status}`);
        return response.json();
      })
      .then((messages) => Object.fromEntries(Object.entries(messages).map(([key, { message }]) => [key, message])));
    texts.catch(() => read.delete(locale)); // asked again next time
    read.set(locale, texts);
  }
  return read.get(locale);
}
