// A storage read the background keeps until storage says it changed: the
// page verdicts need the owner's settings and the session's dismissals on
// every change of a console page, and asking the browser each time is a
// round trip per verdict. Kept only while the background runs (a stopped
// worker reads again), and never kept when the read failed.

import { api } from "../protocol.js";

/**
 * `get({fresh})`: the promise of `read(unkeep)`, made once and kept until a
 * storage.onChanged event for which `changed(changes, area)` is true, or
 * `get.forget()`; `fresh` reads again whatever was kept. `read` calls
 * `unkeep()` (after it started, from its own failure path) when what it
 * answers must not be kept: the answer stands for this time only.
 */
export function keptUntilChanged(changed, read) {
  let kept = null;
  api.storage.onChanged.addListener((changes, area) => {
    if (changed(changes, area)) kept = null;
  });
  const get = ({ fresh = false } = {}) => {
    if (fresh || !kept) {
      let reading = null;
      reading = read(() => {
        if (kept === reading) kept = null;
      });
      kept = reading;
    }
    return kept;
  };
  get.forget = () => {
    kept = null;
  };
  return get;
}
