// The private channel from the page-realm script (extension/main-world/channel.js)
// and this page's identity for the background. Whichever script runs first
// adds the element, the other takes it out, both before any page script
// runs, so only RootGuard's page-realm script can send on it.

const root = document.documentElement;
const found = root.querySelector(":scope > rootguard-channel");
if (found) found.remove();

/** The channel element: events from the page-realm script, decisions back to it. */
export const channel = found ?? root.appendChild(document.createElement("rootguard-channel"));

/**
 * This page's identity for the background: a prompt left pending under
 * another token belonged to a page this tab has since left.
 */
export const pageToken = crypto.randomUUID();

/** Listen for the page-realm script's `type` events; `listener(data)` gets the parsed detail. */
export function onChannel(type, listener) {
  channel.addEventListener(type, (event) => {
    let data;
    try {
      data = JSON.parse(String(event.detail));
    } catch {
      return;
    }
    listener(data);
  });
}

/** Send the page-realm script a `type` event with `data`. */
export function toPageRealm(type, data) {
  channel.dispatchEvent(new CustomEvent(type, { detail: JSON.stringify(data) }));
}
