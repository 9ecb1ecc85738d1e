// RootGuard's page-realm script (bundled into main-world.js by the build).
// It runs in the console page's own world at document_start, in every frame
// and popup of a console page, before any page script: only there can a
// download the page builds in memory be held back before the browser saves
// it. It only holds back and hands over; the core (in the background)
// decides, and a download that is not credentials is started again exactly
// as the page started it (captures.js). SECURITY.md, "Page-realm hooks",
// says what each hook covers and what an extension cannot.

import { useChannel } from "./captures.js";
import { openChannel } from "./channel.js";
import { useClipboardChannel } from "./clipboard.js";
import { setHome } from "./home.js";
import { askParentToArm, leaveToOpener } from "./parents.js";
import { arm } from "./realms.js";

setHome(window);
const channel = openChannel(document);
useChannel(channel);
useClipboardChannel(channel);
// A same-origin frame is armed by its parent's script, which outlives it (a
// hidden frame is often removed right after its download starts); an empty
// popup by its opener's, when window.open returns. Otherwise this script
// arms its own realm.
if (!askParentToArm(window) && !leaveToOpener(window)) arm(window);
