// Everything the page-realm script calls after it starts, taken before any
// page script runs ("primordials"). Page scripts share the realm and could
// redefine Map.prototype.get, String.prototype.startsWith, Event.prototype.*
// or window.Blob later; calls made through these copies do not change.
// Methods are uncurried (`f(self, ...args)`) so no `.call` is looked up at
// call time. They work on objects of any same-origin realm (a platform
// method's brand check accepts another realm's objects), so one copy serves
// every realm RootGuard arms.

const { apply, getPrototypeOf, setPrototypeOf } = Reflect;
export const { defineProperty, getOwnPropertyDescriptor } = Object;
export { apply, getPrototypeOf, setPrototypeOf };

export const uncurry =
  (fn) =>
  (self, ...args) =>
    apply(fn, self, args);
export const getter = (proto, name) => uncurry(getOwnPropertyDescriptor(proto, name).get);
export const setter = (proto, name) => uncurry(getOwnPropertyDescriptor(proto, name).set);

// Language built-ins.
export const mapGet = uncurry(Map.prototype.get);
export const mapSet = uncurry(Map.prototype.set);
export const mapDelete = uncurry(Map.prototype.delete);
export const setAdd = uncurry(Set.prototype.add);
export const setHas = uncurry(Set.prototype.has);
export const setDelete = uncurry(Set.prototype.delete);
export const weakMapGet = uncurry(WeakMap.prototype.get);
export const weakMapSet = uncurry(WeakMap.prototype.set);
export const weakSetAdd = uncurry(WeakSet.prototype.add);
export const weakSetHas = uncurry(WeakSet.prototype.has);
export const arrayPush = uncurry(Array.prototype.push);
export const arrayIncludes = uncurry(Array.prototype.includes);
export const startsWith = uncurry(String.prototype.startsWith);
export const toLowerCase = uncurry(String.prototype.toLowerCase);
export const trim = uncurry(String.prototype.trim);
export const slice = uncurry(String.prototype.slice);
export const fromCharCode = String.fromCharCode;
export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const promiseThen = uncurry(Promise.prototype.then);
export const resolved = (value) => Promise_.resolve(value);
export const Promise_ = Promise;
export const Map_ = Map;
export const Set_ = Set;
export const WeakMap_ = WeakMap;
export const WeakSet_ = WeakSet;
export const Uint8Array_ = Uint8Array;
export const String_ = String;
export const TypeError_ = TypeError;
export const typedArraySubarray = uncurry(Uint8Array.prototype.subarray);
export const typedArraySet = uncurry(Uint8Array.prototype.set);
export const typedArrayLength = getter(getPrototypeOf(Uint8Array.prototype), "length");
export const arrayBufferSlice = uncurry(ArrayBuffer.prototype.slice);
export const isView = ArrayBuffer.isView;
export const btoa_ = btoa;
export const setTimeout_ = setTimeout;

// The platform.
export const addEventListener = uncurry(EventTarget.prototype.addEventListener);
export const removeEventListener = uncurry(EventTarget.prototype.removeEventListener);
export const dispatchEvent = uncurry(EventTarget.prototype.dispatchEvent);
export const CustomEvent_ = CustomEvent;
export const eventType = getter(Event.prototype, "type");
export const eventTarget = getter(Event.prototype, "target");
export const eventCurrentTarget = getter(Event.prototype, "currentTarget");
export const eventPhase = getter(Event.prototype, "eventPhase");
export const eventBubbles = getter(Event.prototype, "bubbles");
export const eventComposedPath = uncurry(Event.prototype.composedPath);
export const eventDefaultPrevented = getter(Event.prototype, "defaultPrevented");
export const preventDefault = uncurry(Event.prototype.preventDefault);
export const stopImmediatePropagation = uncurry(Event.prototype.stopImmediatePropagation);
export const CAPTURING_PHASE = Event.CAPTURING_PHASE;
export const mouseButton = getter(MouseEvent.prototype, "button");
export const mouseModifiers = {
  ctrlKey: getter(MouseEvent.prototype, "ctrlKey"),
  shiftKey: getter(MouseEvent.prototype, "shiftKey"),
  metaKey: getter(MouseEvent.prototype, "metaKey"),
  altKey: getter(MouseEvent.prototype, "altKey"),
};
export const submitEventSubmitter = typeof SubmitEvent === "function" ? getter(SubmitEvent.prototype, "submitter") : () => null;

export const nodeParent = getter(Node.prototype, "parentNode");
export const elementFirstElementChild = getter(Element.prototype, "firstElementChild");
export const fragmentFirstElementChild = getter(DocumentFragment.prototype, "firstElementChild");
export const nodeOwnerDocument = getter(Node.prototype, "ownerDocument");
export const nodeBaseUri = getter(Node.prototype, "baseURI");
export const isConnected = getter(Node.prototype, "isConnected");
export const getRootNode = uncurry(Node.prototype.getRootNode);
export const appendChild = uncurry(Node.prototype.appendChild);
export const removeChild = uncurry(Node.prototype.removeChild);
export const nodeType = getter(Node.prototype, "nodeType");
export const nodeName = getter(Node.prototype, "nodeName");
export const ELEMENT_NODE = Node.ELEMENT_NODE;
export const DOCUMENT_FRAGMENT_NODE = Node.DOCUMENT_FRAGMENT_NODE;
export const localName = getter(Element.prototype, "localName");
export const getAttribute = uncurry(Element.prototype.getAttribute);
export const hasAttribute = uncurry(Element.prototype.hasAttribute);
export const setAttribute = uncurry(Element.prototype.setAttribute);
export const removeAttribute = uncurry(Element.prototype.removeAttribute);
export const elementQuerySelector = uncurry(Element.prototype.querySelector);
export const elementQuerySelectorAll = uncurry(Element.prototype.querySelectorAll);
export const fragmentQuerySelectorAll = uncurry(DocumentFragment.prototype.querySelectorAll);
export const documentQuerySelector = uncurry(Document.prototype.querySelector);
export const documentCreateElement = uncurry(Document.prototype.createElement);
export const documentElement = getter(Document.prototype, "documentElement");
export const defaultView = getter(Document.prototype, "defaultView");
export const shadowRootHost = getter(ShadowRoot.prototype, "host");
export const nodeListLength = getter(NodeList.prototype, "length");
export const nodeListItem = uncurry(NodeList.prototype.item);
export const htmlClick = uncurry(HTMLElement.prototype.click);
export const anchorHref = getter(HTMLAnchorElement.prototype, "href");
export const areaHref = getter(HTMLAreaElement.prototype, "href");
export const formAction = getter(HTMLFormElement.prototype, "action");
export const formMethod = getter(HTMLFormElement.prototype, "method");
export const buttonFormAction = getter(HTMLButtonElement.prototype, "formAction");
export const inputFormAction = getter(HTMLInputElement.prototype, "formAction");
export const FormData_ = FormData;
export const URLSearchParams_ = URLSearchParams;
export const searchParamsString = uncurry(URLSearchParams.prototype.toString);
export const URL_ = URL;
export const urlHref = getter(URL.prototype, "href");
export const setUrlSearch = setter(URL.prototype, "search");
export const Blob_ = Blob;
export const blobSize = getter(Blob.prototype, "size");
export const blobArrayBuffer = uncurry(Blob.prototype.arrayBuffer);
export const TextEncoder_ = TextEncoder;
export const textEncode = uncurry(TextEncoder.prototype.encode);
export const customEventDetail = getter(CustomEvent.prototype, "detail");
export const documentBaseUri = getter(Node.prototype, "baseURI");

// The Navigation API (Chromium; Firefox from 147): `navigate` events.
const hasNavigation = typeof NavigateEvent === "function" && typeof Navigation === "function";
export const navigateDestination = hasNavigation ? getter(NavigateEvent.prototype, "destination") : null;
export const destinationUrl = hasNavigation ? getter(NavigationDestination.prototype, "url") : null;
export const navigateDownloadRequest = hasNavigation ? getter(NavigateEvent.prototype, "downloadRequest") : null;
export const navigateType = hasNavigation ? getter(NavigateEvent.prototype, "navigationType") : null;
export const eventCancelable = getter(Event.prototype, "cancelable");
export const navigationCurrentEntry = hasNavigation ? getter(Navigation.prototype, "currentEntry") : null;
