// RootGuard content script, "Copy page report" on the unrecognized-page
// notice: when RootGuard cannot read a console page, the notice offers the
// drift report the toolbar popup offers (docs/DRIFT-REPORT.md). The sensor
// collects the page, the core keeps only its structure (the background's
// "page-report", as for the popup), the notice shows the report and copies it.
//
// Where the copy works: the click on the notice is the user's activation of
// this page (the notice's shadow root is part of the page), and the report
// comes back from the background well within the activation's lifetime
// (Chrome: 5 s), with the page focused. The text goes through
// copyForUser (content/clipboard.js): the async Clipboard API,
// else execCommand("copy"), which `clipboardWrite` allows in both browsers.
// If the browser refuses both, the notice says so and the report stays shown
// to be copied by hand.
//
// Offered before the sensor starts (content/console.js), so the decoration
// is there before the first verdict.

import { ask, ToBackground } from "../protocol.js";
import { copyForUser } from "./clipboard.js";
import { decorate, el, t } from "./render.js";
import { collectPage } from "./sensor.js";

/** Add "Copy page report" to every unrecognized-page notice. */
export function offerPageReport() {
  decorate("unrecognized-page", (host) => {
    const status = el("p", { "data-rootguard": "page-report-status", role: "status" });
    // Focused, it selects itself, for copying by hand when the browser refused.
    const shown = el("textarea", { "data-rootguard": "page-report", readonly: "", rows: "6", hidden: "", "aria-label": t("pageReportLabel"), onfocus: () => shown.select() });
    const button = el("button", { type: "button", "data-rootguard-action": "copy-page-report", text: t("pageReportCopy"), onclick: () => copy() });
    // data-report on the notice: working, copied, not-copied (shown only), failed.
    const state = (value) => host.setAttribute("data-report", value);

    async function copy() {
      button.disabled = true;
      state("working");
      status.textContent = t("pageReportWorking");
      try {
        const reply = await ask({ type: ToBackground.pageReport, ...collectPage() });
        if (!reply.ok) throw new Error(reply.error.message);
        const report = reply.result;
        shown.value = JSON.stringify(report);
        shown.hidden = false;
        const how = await copyForUser(shown.value);
        host.setAttribute("data-copied-by", how ?? "");
        state(how ? "copied" : "not-copied");
        status.textContent = how ? t("pageReportCopied", [String(report.nodes)]) : t("pageReportNotCopied");
      } catch (error) {
        state("failed");
        status.textContent = t("pageReportFailed", [String(error?.message ?? error)]);
      } finally {
        button.disabled = false;
      }
    }

    // Above the notice's buttons: what was said and copied; the button next to Dismiss.
    return [status, shown, button];
  });
}
