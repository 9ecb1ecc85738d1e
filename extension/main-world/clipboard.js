// Copies through the async Clipboard API (the console's copy icons), handed
// to the content script, which asks the core whether a secret was copied (a
// notice, and the clipboard cleared later). The page's write goes ahead
// unchanged; nothing here decides.

import { guard } from "./guard.js";
import { apply, arrayIncludes, getter, promiseThen, resolved, slice, String_, uncurry } from "./primordials.js";

let channel = null;
/** Connect to this document's private channel (channel.js). */
export function useClipboardChannel(openedChannel) {
  channel = openedChannel;
}

const copied = (text) => channel?.send("rootguard-clipboard", { text: slice(String_(text), 0, 100_000) });

/** Hook `win`'s Clipboard.prototype.writeText and write (pinned). */
export function watchClipboard(win) {
  if (typeof win.Clipboard !== "function") return;
  const proto = win.Clipboard.prototype;
  const writeText = proto.writeText;
  const write = proto.write;
  const Item = win.ClipboardItem;
  const itemTypes = typeof Item === "function" ? getter(Item.prototype, "types") : null;
  const itemGetType = typeof Item === "function" ? uncurry(Item.prototype.getType) : null;
  const blobText = uncurry(win.Blob.prototype.text);
  if (typeof writeText === "function") {
    guard(proto, "writeText", function writeText_(data) {
      copied(data);
      return apply(writeText, this, [data]);
    });
  }
  if (typeof write === "function" && itemTypes) {
    guard(proto, "write", function write_(items) {
      try {
        for (let i = 0; i < items.length; i++) {
          if (!arrayIncludes(itemTypes(items[i]), "text/plain")) continue;
          promiseThen(promiseThen(resolved(itemGetType(items[i], "text/plain")), (blob) => blobText(blob)), copied, () => {});
        }
      } catch {
        /* not ClipboardItems: the original rejects below */
      }
      return apply(write, this, [items]);
    });
  }
}
