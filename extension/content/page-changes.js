// The one MutationObserver of the console page's content script: the sensor
// (content/sensor.js) and the shown-secret watch (content/secret.js) each
// subscribe while the core says their page needs them, and both get the same
// records in the same callback, right after the page's change (a microtask,
// not a frame later). Observing costs the page for every mutation it makes,
// so there is one observer or none.

const subscribers = new Map(); // name → listener(records)
const observer = new MutationObserver((records) => {
  for (const listener of subscribers.values()) listener(records);
});

/**
 * Call `listener(records)` with the page's mutations (child lists and texts,
 * the whole document) from now on, under `name`; `listener` null stops them.
 */
export function onPageChanges(name, listener) {
  const before = subscribers.size;
  if (listener) subscribers.set(name, listener);
  else subscribers.delete(name);
  if (before === 0 && subscribers.size > 0) {
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  } else if (before > 0 && subscribers.size === 0) {
    observer.disconnect();
  }
}
