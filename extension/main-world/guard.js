// Two ways to put a hook in place of a platform property.

import { defineProperty, getOwnPropertyDescriptor } from "./primordials.js";

/**
 * Pin `hook` as `target[name]` for good: an accessor that ignores assignment
 * and cannot be redefined or deleted, so a page script cannot put back the
 * browser's original. For the hooks that keep a credentials download from
 * escaping (SECURITY.md, "Page-realm hooks").
 */
export function guard(target, name, hook) {
  defineProperty(target, name, { configurable: false, enumerable: true, get: () => hook, set: () => {} });
}

/**
 * Put `hook` where the platform's method was, with the same descriptor
 * (writable, configurable), as a polyfill would: a page that wraps the
 * method still works, and its wrapper calls the hook. Returns the original.
 */
export function replaceMethod(target, name, hook) {
  const descriptor = getOwnPropertyDescriptor(target, name);
  defineProperty(target, name, { ...descriptor, value: hook });
  return descriptor.value;
}

/**
 * Put `get` in place of an accessor's getter for good (not configurable):
 * for a hook another RootGuard script must be able to trust (realms.js).
 * Returns the original getter.
 */
export function pinAccessor(target, name, get) {
  const descriptor = getOwnPropertyDescriptor(target, name);
  defineProperty(target, name, { configurable: false, enumerable: descriptor.enumerable, get, set: descriptor.set });
  return descriptor.get;
}

/**
 * Wrap an accessor property's getter and/or setter, keeping its descriptor;
 * returns the original `{get, set}`.
 */
export function replaceAccessor(target, name, { get, set }) {
  const descriptor = getOwnPropertyDescriptor(target, name);
  defineProperty(target, name, { ...descriptor, get: get ?? descriptor.get, set: set ?? descriptor.set });
  return descriptor;
}
