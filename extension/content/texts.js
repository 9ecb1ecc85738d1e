// The texts RootGuard writes into a console page, in the page's language:
// the core says which translation the page gets (the verdict's `locale`,
// from `<html lang>`), the background hands over that translation from
// `_locales/` (a content script cannot choose the language of
// `i18n.getMessage`, which is the browser's). Until a page's translation is
// here, or if it cannot be had, the browser's language is used.

import { api, ask, ToBackground } from "../protocol.js";

let locale = null;
let messages = null; // {key: message} of `locale`
let loading = null;

/** The text of message `key`, with `$1`…`$9` filled from `args`, in the page's language. */
export function t(key, args = []) {
  const message = messages?.[key];
  if (message === undefined) return api.i18n.getMessage(key, args) || key;
  const fill = [].concat(args).map(String);
  return message.replace(/\$(\$|[1-9])/g, (_, which) => (which === "$" ? "$" : (fill[Number(which) - 1] ?? "")));
}

/** The translation `t` writes in now (null: the browser's language): what a drawn text was written in. */
export const writingIn = () => (messages ? locale : null);

/** Write in translation `wanted` (a `_locales` directory, from the core) from now on; resolves when its texts are here. */
export function useLocale(wanted) {
  if (wanted === locale) return loading ?? Promise.resolve();
  locale = wanted;
  const loaded = ask({ type: ToBackground.pageTexts, locale: wanted }).then((reply) => {
    if (locale !== wanted) return; // another language was asked for meanwhile
    if (reply.ok) messages = reply.result;
    else {
      messages = null;
      console.warn(`RootGuard: the ${wanted} texts could not be had (${reply.error.message}); writing in the browser's language`);
    }
  });
  loading = loaded;
  return loaded;
}
