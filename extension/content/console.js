// RootGuard's content script for console pages (bundled by ./build.sh into
// one classic script, dist/*/content/console.js, as a content script must
// be). It runs at document_start in every frame and popup of a console
// page, beside the page-realm script (extension/main-world/).
//
// Every frame carries its held-back downloads to the background
// (content/downloads.js). The tab's top console document also reads the
// page (sensor), draws the core's verdict, watches a shown secret and the
// clipboard, and offers a page report when RootGuard cannot read the page.

import { carryDownloads } from "./downloads.js";
import { watchCopies } from "./clipboard.js";
import { offerPageReport } from "./page-report.js";
import { watchShownSecrets } from "./secret.js";
import { startSensor } from "./sensor.js";

carryDownloads();

// The top frame of a console page, not an empty or blob: popup the console
// opened (those get downloads only, as the manifest's match_about_blank and
// match_origin_as_fallback give them this script for).
if (window === top && location.protocol === "https:") {
  offerPageReport(); // before the first verdict
  watchShownSecrets();
  watchCopies();
  startSensor();
}
