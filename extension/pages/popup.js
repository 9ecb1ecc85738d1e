// The toolbar popup: what RootGuard sees on the current tab, as the content
// script last drew it from the core's verdict (page recognised? whose
// session? each key and its severity), and a link to the decrypt page. It
// asks the tab's content script, so it needs no "tabs" permission: where
// RootGuard does not run (any site but the console) nobody answers.

import { api, askOrThrow, ToBackground, ToContent } from "../protocol.js";
import { t } from "./i18n.js";

const status = document.getElementById("status");

// The tab the user is looking at. In the toolbar popup that is the active
// tab; opened as a tab itself, the most recently used active tab but this one.
async function currentTab() {
  const self = await api.tabs.getCurrent();
  const tabs = (await api.tabs.query({ active: true })).filter((tab) => tab.id !== self?.id);
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

// What of the organisation's policy RootGuard ignored, and what it uses
// instead (the core's words): whoever wrote the policy learns of a typo here
// rather than from a setting that silently does not hold.
askOrThrow({ type: ToBackground.enforcedSettings })
  .then(({ diagnostics }) => {
    if (!diagnostics.length) return;
    const list = document.querySelector('[data-rootguard="popup-policy-problems"]');
    for (const diagnostic of diagnostics) {
      const item = document.createElement("li");
      item.textContent = diagnostic;
      list.append(item);
    }
    document.getElementById("policy").hidden = false;
    document.body.dataset.policy = "problems";
  })
  .catch((error) => console.error("RootGuard: the organisation's settings could not be read", error));

let summary = null;
const tab = await currentTab();
if (tab) {
  summary = await api.tabs.sendMessage(tab.id, { type: ToContent.pageSummary }, { frameId: 0 }).catch(() => null);
}
if (summary?.verdict) showSummary(summary.verdict, tab);
else {
  status.textContent = t("popupNotConsole");
  document.body.dataset.state = "not-console";
}

/** What the core decided for the console tab `tab`. */
function showSummary(verdict, tab) {
  const { recognition, badges, notices } = verdict;
  const page = recognition.page;
  const principal = recognition.session.principal;
  document.querySelector('[data-rootguard="popup-page"]').textContent =
    page.userName === undefined ? t(`popupPage_${page.kind.replaceAll("-", "_")}`) : t(`popupPage_${page.kind.replaceAll("-", "_")}`, [page.userName]);
  document.querySelector('[data-rootguard="popup-page"]').dataset.kind = page.kind;
  const session = document.querySelector('[data-rootguard="popup-session"]');
  session.textContent = t(`popupPrincipal_${principal.kind.replaceAll("-", "_")}`);
  session.dataset.kind = principal.kind;
  document.getElementById("facts").hidden = false;
  offerPageReport(tab);
  status.textContent = notices.length ? t("popupNotices", [String(notices.length)]) : t("popupQuiet");
  document.body.dataset.state = "console";

  if (badges.length) {
    const list = document.querySelector('[data-rootguard="popup-keys"]');
    for (const badge of badges) {
      const item = document.createElement("li");
      item.dataset.keyId = badge.keyId;
      item.dataset.severity = badge.severity;
      const id = document.createElement("code");
      id.textContent = badge.keyId;
      const what = document.createElement("span");
      what.textContent = ` ${t(`severity_${badge.severity}`)}: ${badge.summary.map((m) => t(m.key, m.args)).join(" · ")}`;
      item.append(id, what);
      list.append(item);
    }
    document.getElementById("keys").hidden = false;
  }
}

// A drift report of this page, for a bug report: the content script
// collects the page, the core keeps only its structure
// (docs/DRIFT-REPORT.md), and the user sees exactly what is copied.
function offerPageReport(consoleTab) {
  const section = document.getElementById("report");
  const button = section.querySelector('[data-rootguard-action="copy-page-report"]');
  const said = section.querySelector('[data-rootguard="page-report-status"]');
  const shown = section.querySelector('[data-rootguard="page-report"]');
  section.hidden = false;
  button.addEventListener("click", async () => {
    said.textContent = "";
    try {
      const collected = await api.tabs.sendMessage(consoleTab.id, { type: ToContent.collectPage }, { frameId: 0 });
      const report = await askOrThrow({ type: ToBackground.pageReport, observation: collected.observation, page: collected.page });
      shown.value = JSON.stringify(report);
      shown.hidden = false;
      await navigator.clipboard.writeText(shown.value).then(
        () => (said.textContent = t("popupReportCopied", [String(report.nodes)])),
        () => (said.textContent = t("popupReportNotCopied")),
      );
      document.body.dataset.report = "ready";
    } catch (error) {
      said.textContent = t("popupReportFailed", [String(error?.message ?? error)]);
      document.body.dataset.report = "failed";
    }
  });
}
