// Bytes ⇄ base64, the one form in which a captured file crosses between
// RootGuard's parts (runtime messages and storage.session carry text, not
// bytes). The page-realm script has its own encoder made of the built-ins it
// captured before any page script ran (extension/main-world/captures.js);
// everything else uses these.

/** Base64 of `bytes` (a Uint8Array). */
export function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 `text`; throws on text that is not base64. */
export function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
