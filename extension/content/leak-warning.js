// The leak guard's warning, drawn next to the field that holds an access
// key: which key, which site it is about to go to, and two choices. A host
// marked data-rootguard="leak-warning" with an open shadow root, fixed above
// the field (below it when there is no room), so the site's CSS neither
// reaches it nor is disturbed by it. Texts come from _locales.

import { api } from "../protocol.js";

const t = (key, args) => api.i18n.getMessage(key, args) || key;

const STYLE = `
  :host { all: initial; position: fixed; z-index: 2147483647; }
  section { box-sizing: border-box; width: 100%; padding: 12px 16px; border-radius: 12px;
    border: 2px solid #d91515; background: #ffffff; color: #000716;
    font: 14px/20px "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif;
    box-shadow: 0 4px 20px rgba(0, 7, 22, 0.25); }
  .label { font-weight: 700; color: #d91515; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  h2 { font-size: 16px; line-height: 22px; margin: 2px 0 6px; }
  p { margin: 0 0 8px; }
  code { font-family: ui-monospace, Menlo, monospace; }
  .actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
  button { font: inherit; font-weight: 700; border-radius: 20px; padding: 4px 16px; cursor: pointer;
    border: 2px solid #d91515; background: transparent; color: #000716; }
  button.primary { background: #d91515; color: #ffffff; }
  button:focus-visible { outline: 2px solid #0972d3; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    section { background: #0f1b2a; color: #e9ebed; border-color: #ff5d64; }
    .label { color: #ff5d64; } button { color: #e9ebed; border-color: #ff5d64; }
    button.primary { background: #ff5d64; color: #0f1b2a; }
  }`;

const element = (tag, text, attributes = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  return e;
};

/** Keep the warning beside its field while the page scrolls or resizes. */
function place(host, field) {
  const rect = field.getBoundingClientRect();
  const width = Math.min(Math.max(rect.width, 360), window.innerWidth - 16);
  host.style.width = `${width}px`;
  host.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
  const height = host.getBoundingClientRect().height;
  const above = rect.top - height - 8;
  host.style.top = `${above >= 8 ? above : Math.min(rect.bottom + 8, window.innerHeight - height - 8)}px`;
}

/**
 * Show the warning for `field`; `onChoice(action)` gets "remove" or
 * "allow-site". Returns a handle with `close()`.
 */
/** Warn next to `field`; `onChoice("remove" | "allow-site")`. Returns `{host, close()}`. */
export function showLeakWarning(field, { keyIds, site }, onChoice) {
  const host = element("div", undefined, { "data-rootguard": "leak-warning", "data-key-id": keyIds[0], "data-site": site, role: "alertdialog" });
  const root = host.attachShadow({ mode: "open" });
  root.append(element("style", STYLE));
  const section = element("section");
  section.append(
    element("div", t("leakWarningLabel"), { class: "label" }),
    element("h2", t("leakWarningTitle", [site])),
  );
  const body = element("p", t("leakWarningBody", [site]));
  const ids = element("p");
  for (const id of keyIds) ids.append(element("code", id), " ");
  const actions = element("div", undefined, { class: "actions" });
  const allow = element("button", t("leakAllowSite", [site]), { type: "button", "data-rootguard-action": "allow-site" });
  const remove = element("button", t("leakRemove"), { type: "button", class: "primary", "data-rootguard-action": "remove" });
  allow.addEventListener("click", () => onChoice("allow-site"));
  remove.addEventListener("click", () => onChoice("remove"));
  actions.append(allow, remove);
  section.append(body, ids, actions);
  root.append(section);
  document.documentElement.append(host);
  const follow = () => place(host, field);
  follow();
  window.addEventListener("scroll", follow, { capture: true, passive: true });
  window.addEventListener("resize", follow, { passive: true });
  return {
    host,
    close() {
      window.removeEventListener("scroll", follow, { capture: true });
      window.removeEventListener("resize", follow);
      host.remove();
    },
  };
}
