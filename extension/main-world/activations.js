// Clicks and form submissions that send a blob: or data: URL somewhere the
// `navigate` event (navigations.js) never sees:
//  - any link or form in a document whose navigation API is disabled (the
//    initial about:blank of a frame or window a page made and wrote into);
//  - a link without `download`, or a form, that targets another browsing
//    context (`target="_blank"`, a named frame or window, `_parent`, `_top`);
//  - a link opened with a modifier key or the middle button (a new tab or
//    window).
//
// The page's own listeners decide first, as without RootGuard: RootGuard
// decides only once every listener on the event's path has run. When a
// tracked event starts, a listener is added to every node of its path; each
// runs after the page's listeners on that node, so the one on the last node
// reached (the window when the event bubbles, the target when it does not,
// or the node where the page stopped propagation) sees whether the page
// cancelled the click. Only then, if the page let it go and the URL may hold
// credentials, RootGuard cancels it and holds the download (captures.js); a
// released one is started again the same way. `preventDefault`/`returnValue`
// called after that point still count as the page's cancel; only a handler's
// `return false` after `stopImmediatePropagation` in the same handler cannot
// be told apart (SECURITY.md).

import { hold, isBlobOrDataUrl, mayHoldCredentials } from "./captures.js";
import { replaceAccessor, replaceMethod, guard } from "./guard.js";
import { liveDocument, liveWindow } from "./home.js";
import {
  addEventListener,
  anchorHref,
  apply,
  areaHref,
  arrayIncludes,
  arrayPush,
  buttonFormAction,
  CAPTURING_PHASE,
  defaultView,
  documentCreateElement,
  documentQuerySelector,
  eventBubbles,
  eventComposedPath,
  eventCurrentTarget,
  eventDefaultPrevented,
  eventPhase,
  eventTarget,
  eventType,
  FormData_,
  formAction,
  formMethod,
  getAttribute,
  getRootNode,
  hasAttribute,
  htmlClick,
  inputFormAction,
  isConnected,
  mouseButton,
  mouseModifiers,
  navigationCurrentEntry,
  nodeName,
  nodeOwnerDocument,
  preventDefault,
  removeEventListener,
  setAttribute,
  setTimeout_,
  setUrlSearch,
  shadowRootHost,
  String_,
  submitEventSubmitter,
  toLowerCase,
  trim,
  TypeError_,
  URL_,
  URLSearchParams_,
  searchParamsString,
  urlHref,
  weakMapGet,
  weakMapSet,
  WeakMap_,
  weakSetAdd,
  weakSetHas,
  WeakSet_,
} from "./primordials.js";

/** Per tracked event: { details, last, steps: [[node, fn]], done, stopped, held, cancelledLater }. */
const tracked = new WeakMap_();
/** The node whose `.click()` or `dispatchEvent` runs while it is detached. */
let detachedDispatch = null;

const ACTIVATION_TYPES = ["click", "auxclick", "submit"];

/**
 * Event targets known not to be Nodes (windows, XHRs, a page's own
 * EventTarget objects). No built-in says "is this a Node?" without throwing
 * when it is not, but a platform object's kind never changes: each is found
 * out once (the first getter that threw), so the hooks below, which run for
 * every click on the page and every dispatchEvent, do not throw for it
 * again. Each armed realm's window is known from the start.
 */
const notNodes = new WeakSet_();
const notANode = (target) => {
  if ((typeof target === "object" && target !== null) || typeof target === "function") weakSetAdd(notNodes, target);
};

/** Whether `target` is a Node outside any document (a brand check that throws at most once per object). */
function isDetachedNode(target) {
  if (weakSetHas(notNodes, target)) return false;
  try {
    return !isConnected(target);
  } catch {
    notANode(target); // not a Node (window, an XHR…): nothing to track
    return false;
  }
}

/** A Node's name (NODE_NAMES), or null for anything else (a window), without a throw once known. */
function nameOf(target) {
  if (weakSetHas(notNodes, target)) return null;
  try {
    return nodeName(target);
  } catch {
    notANode(target);
    return null;
  }
}

// Only an <a> or an <area> has a link's href: a click's path is mostly
// neither, so the name is asked first (the browser's own, as the node reports
// it: upper case in an HTML document, lower case in XML).
const LINK_NAMES = ["A", "a", "AREA", "area"];

function linkHref(node) {
  if (!arrayIncludes(LINK_NAMES, nameOf(node))) return null;
  try {
    return anchorHref(node);
  } catch {
    /* not an <a> (an SVG <a>) */
  }
  try {
    return areaHref(node);
  } catch {
    return null; // not an <area> either
  }
}

const formOf = (node) => {
  try {
    formMethod(node);
    return node;
  } catch {
    return null;
  }
};

/** A document's navigate events are disabled (initial about:blank, opaque origin): nothing there reaches navigations.js. */
function navigationDisabled(win) {
  const navigation = win.navigation;
  return navigationCurrentEntry === null || navigation === undefined || navigationCurrentEntry(navigation) === null;
}

/** A link's or form's target, or its document's <base target>. */
function targetName(element, explicit) {
  if (explicit !== null) return explicit;
  const own = getAttribute(element, "target");
  if (own !== null) return own;
  const base = documentQuerySelector(nodeOwnerDocument(element), "base[target]");
  return base === null ? "" : getAttribute(base, "target");
}

/** Whether a target name means the element's own frame. */
function isOwnFrame(name, win) {
  const target = toLowerCase(trim(String_(name)));
  if (target === "" || target === "_self") return true;
  if (target === "_parent" || target === "_top") return (target === "_parent" ? win.parent : win.top) === win;
  return false;
}

function modified(event) {
  try {
    return mouseModifiers.ctrlKey(event) || mouseModifiers.shiftKey(event) || mouseModifiers.metaKey(event) || mouseModifiers.altKey(event);
  } catch {
    return false;
  }
}

/** A form's submission URL for a blob:/data: action: a GET replaces the query with the form's fields, as the browser does. */
function submissionUrl(form, submitter, action) {
  const method = toLowerCase(String_(submitter !== null && hasAttribute(submitter, "formmethod") ? getAttribute(submitter, "formmethod") : formMethod(form)));
  if (method === "dialog") return null;
  if (method !== "get") return action;
  try {
    const url = new URL_(action);
    setUrlSearch(url, searchParamsString(new URLSearchParams_(new FormData_(form))));
    return urlHref(url);
  } catch {
    return action;
  }
}

/**
 * What an activation event would start, when it is ours to catch:
 * `{ url, fileName, replay }`, or null.
 */
function activationOf(event, path) {
  const type = eventType(event);
  if (type === "submit") return submissionOf(event);
  let middle;
  try {
    middle = mouseButton(event) === 1;
  } catch {
    return null; // not a MouseEvent: no link follows it
  }
  if (type === "auxclick" && !middle) return null;
  let link = null;
  let url = null;
  // A click that does not bubble activates only its target, not a link around it.
  const reach = eventBubbles(event) || path.length === 0 ? path.length : 1;
  for (let i = 0; i < reach; i++) {
    url = linkHref(path[i]);
    if (url !== null) {
      link = path[i];
      break;
    }
  }
  if (link === null || !hasAttribute(link, "href") || !isBlobOrDataUrl(url)) return null;
  const document = nodeOwnerDocument(link);
  const win = document === null ? null : defaultView(document);
  if (win === null) return null; // a document without a window loads nothing
  const fileName = hasAttribute(link, "download") ? getAttribute(link, "download") : null;
  const target = targetName(link, null);
  const newContext = type === "auxclick" || modified(event);
  if (!navigationDisabled(win) && !newContext && (fileName !== null || isOwnFrame(target, win))) return null;
  const rel = getAttribute(link, "rel");
  return {
    url,
    fileName: fileName ?? "",
    replay(loadable) {
      const again = documentCreateElement(liveDocument(document), "a");
      setAttribute(again, "href", loadable);
      if (fileName !== null) setAttribute(again, "download", fileName);
      setAttribute(again, "target", newContext ? "_blank" : target);
      if (rel !== null) setAttribute(again, "rel", rel);
      htmlClick(again);
    },
  };
}

function submissionOf(event) {
  const form = formOf(eventTarget(event));
  return form === null ? null : submissionBy(form, submitEventSubmitter(event));
}

/** What submitting `form` (by `submitter`, or by form.submit() when null) would start, when it is ours to catch. */
function submissionBy(form, submitter) {
  if (!isConnected(form)) return null; // a form outside the document submits nothing
  let action = formAction(form);
  let explicitTarget = null;
  if (submitter !== null) {
    if (hasAttribute(submitter, "formaction")) {
      try {
        action = buttonFormAction(submitter);
      } catch {
        action = inputFormAction(submitter);
      }
    }
    if (hasAttribute(submitter, "formtarget")) explicitTarget = getAttribute(submitter, "formtarget");
  }
  if (!isBlobOrDataUrl(action)) return null;
  const win = defaultView(nodeOwnerDocument(form));
  if (win === null) return null;
  const target = targetName(form, explicitTarget);
  if (!navigationDisabled(win) && isOwnFrame(target, win)) return null;
  const url = submissionUrl(form, submitter, action);
  return url === null ? null : submissionDetails(win, url, target);
}

/** Released: the same URL in the same target, through the browser's own window.open of the form's window. */
function submissionDetails(win, url, target) {
  return {
    url,
    fileName: "",
    replay(loadable) {
      const live = liveWindow(win);
      apply(nativeOpenOf(live), live, [loadable, target === "" ? "_self" : target]);
    },
  };
}

/** Filled by realms.js: a realm's own window.open, taken before the page ran. */
let nativeOpenOf = () => {
  throw new TypeError_("RootGuard: window.open of this realm is unknown");
};
export function useNativeOpen(lookup) {
  nativeOpenOf = lookup;
}

/** An activation event reached RootGuard (the window's capture listener, a shadow root's, or a detached dispatch). */
function onActivation(event) {
  if (weakMapGet(tracked, event) !== undefined) return;
  const path = eventComposedPath(event);
  const details = activationOf(event, path);
  if (details === null) return;
  const state = { details, last: eventBubbles(event) ? path[path.length - 1] : path[0], steps: [], done: false, stopped: false, held: false, cancelledLater: false };
  weakMapSet(tracked, event, state);
  const type = eventType(event);
  for (let i = 0; i < path.length; i++) {
    const node = path[i];
    const step = () => {
      if (state.done) return;
      if (state.stopped || eventCurrentTarget(event) === state.last) decide(event, state);
    };
    addEventListener(node, type, step);
    arrayPush(state.steps, [node, step]);
  }
}

/** Every listener on the path has run (or propagation stopped): the page's choice is known. */
function decide(event, state) {
  state.done = true;
  const type = eventType(event);
  for (let i = 0; i < state.steps.length; i++) removeEventListener(state.steps[i][0], type, state.steps[i][1]);
  if (eventDefaultPrevented(event)) return; // the page cancelled it: nothing happens, as without RootGuard
  if (!mayHoldCredentials(state.details.url)) return; // let the browser go ahead
  preventDefault(event);
  state.held = true;
  // Wait for the rest of this dispatch: a later preventDefault still cancels.
  setTimeout_(() => {
    if (!state.cancelledLater) hold(state.details);
  }, 0);
}

/** The node a detached tree's events start their path at. */
function topOf(node) {
  let top = node;
  for (;;) {
    const root = getRootNode(top);
    try {
      top = shadowRootHost(root);
    } catch {
      return root;
    }
  }
}

/** Run a click or dispatch on a detached node with RootGuard listening at the top of its tree. */
function withDetachedTracking(node, run) {
  const top = topOf(node);
  for (let i = 0; i < ACTIVATION_TYPES.length; i++) addEventListener(top, ACTIVATION_TYPES[i], onActivation, true);
  const previous = detachedDispatch;
  detachedDispatch = node;
  try {
    return run();
  } finally {
    detachedDispatch = previous;
    for (let i = 0; i < ACTIVATION_TYPES.length; i++) removeEventListener(top, ACTIVATION_TYPES[i], onActivation, true);
  }
}

/** Hook one realm: its listeners (returns a function that adds them again), Event methods, click(), dispatchEvent, form.submit(). */
export function watchActivations(win) {
  weakSetAdd(notNodes, win);
  const listen = () => {
    for (let i = 0; i < ACTIVATION_TYPES.length; i++) addEventListener(win, ACTIVATION_TYPES[i], onActivation, true);
  };
  listen();

  const EventProto = win.Event.prototype;
  const stateOf = (event) => {
    let state = weakMapGet(tracked, event);
    if (state === undefined && detachedDispatch !== null) {
      onActivation(event); // a page listener high on a detached tree stopped it before RootGuard's
      state = weakMapGet(tracked, event);
    }
    return state;
  };
  const stopped = (event, immediately) => {
    const state = stateOf(event);
    if (state === undefined || state.done) return;
    state.stopped = true;
    // Nothing of RootGuard's runs after an immediate stop, nor after a stop
    // while capturing (the bubble phase never comes): decide now.
    if (immediately || eventPhase(event) === CAPTURING_PHASE) decide(event, state);
  };
  const cancelledLater = (event) => {
    const state = weakMapGet(tracked, event);
    if (state !== undefined && state.held) state.cancelledLater = true;
  };
  // The originals get names of their own: inside a named function
  // expression its own name is the hook, so calling it would recurse.
  const nativeStopPropagation = replaceMethod(EventProto, "stopPropagation", function stopPropagation() {
    apply(nativeStopPropagation, this, []);
    stopped(this, false);
  });
  const stopImmediate = replaceMethod(EventProto, "stopImmediatePropagation", function stopImmediatePropagation() {
    apply(stopImmediate, this, []);
    stopped(this, true);
  });
  const cancelBubble = replaceAccessor(EventProto, "cancelBubble", {
    set(value) {
      apply(cancelBubble.set, this, [value]);
      if (value) stopped(this, false);
    },
  });
  const nativePreventDefault = replaceMethod(EventProto, "preventDefault", function preventDefault() {
    apply(nativePreventDefault, this, []);
    cancelledLater(this);
  });
  // After RootGuard held an event, the page still sees its own choice.
  const pageView = (event) => {
    const state = weakMapGet(tracked, event);
    return state !== undefined && state.held ? state.cancelledLater : null;
  };
  const defaultPrevented = replaceAccessor(EventProto, "defaultPrevented", {
    get() {
      const view = pageView(this);
      return view === null ? apply(defaultPrevented.get, this, []) : view;
    },
  });
  const returnValue = replaceAccessor(EventProto, "returnValue", {
    get() {
      const view = pageView(this);
      return view === null ? apply(returnValue.get, this, []) : !view;
    },
    set(value) {
      apply(returnValue.set, this, [value]);
      if (!value) cancelledLater(this);
    },
  });

  // `.click()` and `dispatchEvent` on nodes outside the document: their
  // events never reach the window's listener. Pinned, as before: a page
  // cannot put the browser's original back.
  const click = function click() {
    if (!isConnected(this) && linkHref(this) !== null) return withDetachedTracking(this, () => htmlClick(this));
    return htmlClick(this);
  };
  guard(win.HTMLElement.prototype, "click", click);
  guard(win.HTMLAnchorElement.prototype, "click", click);
  const nativeDispatch = win.EventTarget.prototype.dispatchEvent;
  guard(win.EventTarget.prototype, "dispatchEvent", function dispatchEvent(event) {
    if (isDetachedNode(this)) return withDetachedTracking(this, () => apply(nativeDispatch, this, [event]));
    return apply(nativeDispatch, this, [event]);
  });

  // form.submit() fires no event.
  const nativeSubmit = replaceMethod(win.HTMLFormElement.prototype, "submit", function submit() {
    const details = formOf(this) === null ? null : submissionBy(this, null);
    if (details !== null && mayHoldCredentials(details.url)) return void hold(details);
    return apply(nativeSubmit, this, []);
  });

  return listen;
}

/** A new shadow root (open or closed) gets the capture listeners the window has. */
export function watchShadowRoot(root) {
  for (let i = 0; i < ACTIVATION_TYPES.length; i++) addEventListener(root, ACTIVATION_TYPES[i], onActivation, true);
}

