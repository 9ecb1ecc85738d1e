// RootGuard renderer: draws what the core decided. Each notice lives in its
// own host element marked `data-rootguard="<kind>"` with an open shadow root,
// so the console's CSS cannot reach it and RootGuard's cannot leak out.
// Texts come from _locales via i18n; the core only names the messages.
"use strict";

globalThis.RootGuard = globalThis.RootGuard ?? {};

RootGuard.render = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, args) => api.i18n.getMessage(key, args) || key;
  const dismissed = new Set();
  let stack = null;

  const STYLE = `
    :host { all: initial; }
    .notice { box-sizing: border-box; width: 100%; margin: 0 0 8px; padding: 12px 16px;
      border-radius: 12px; border: 2px solid var(--accent); background: var(--bg); color: var(--fg);
      font: 14px/20px "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif;
      box-shadow: 0 4px 20px rgba(0, 7, 22, 0.25); }
    .notice[data-severity="critical"] { --accent: #d91515; }
    .notice[data-severity="warning"] { --accent: #855900; }
    .notice[data-severity="notice"], .notice[data-severity="ok"] { --accent: #0972d3; }
    .notice { --bg: #ffffff; --fg: #000716; }
    @media (prefers-color-scheme: dark) { .notice { --bg: #0f1b2a; --fg: #e9ebed; } }
    :host-context(.awsui-dark-mode) .notice { --bg: #0f1b2a; --fg: #e9ebed; }
    .label { font-weight: 700; color: var(--accent); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
    h2 { font-size: 16px; line-height: 22px; margin: 2px 0 6px; }
    p { margin: 0 0 6px; }
    ul { margin: 4px 0 8px; padding-left: 20px; }
    summary { cursor: pointer; font-weight: 700; margin: 0 0 8px; }
    a { color: inherit; }
    button { font: inherit; font-weight: 700; border-radius: 20px; padding: 4px 16px; cursor: pointer;
      border: 2px solid var(--accent); background: transparent; color: var(--fg); }
    button:focus-visible { outline: 2px solid #0972d3; outline-offset: 2px; }
  `;

  // One fixed stack in the bottom-left corner holds every notice: Cloudscape
  // puts page actions at the top right and wizard buttons at the bottom
  // right, so this corner hides the least. Each notice can be dismissed.
  function ensureStack() {
    if (stack?.isConnected) return stack;
    stack = document.createElement("div");
    stack.setAttribute("data-rootguard", "notices");
    stack.style.cssText =
      "position:fixed;left:16px;bottom:16px;width:min(400px,calc(100vw - 32px));z-index:2147483000;";
    (document.body ?? document.documentElement).append(stack);
    return stack;
  }

  function card(kind, severity, title, paragraphs, alternatives, dismissKey) {
    const host = document.createElement("div");
    host.setAttribute("data-rootguard", kind);
    host.setAttribute("data-severity", severity);
    const shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const box = document.createElement("section");
    box.className = "notice";
    box.dataset.severity = severity;
    box.setAttribute("role", severity === "critical" ? "alert" : "status");
    box.setAttribute("aria-label", title);
    const label = document.createElement("div");
    label.className = "label";
    label.textContent = t("noticeLabel");
    const heading = document.createElement("h2");
    heading.textContent = title;
    box.append(label, heading);
    for (const text of paragraphs) {
      const p = document.createElement("p");
      p.textContent = text;
      box.append(p);
    }
    if (alternatives.length) {
      // Collapsed by default so the card stays small over the console.
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = t("alternativesSummary");
      details.append(summary);
      const list = document.createElement("ul");
      for (const alternative of alternatives) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = alternative.href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.textContent = t(alternative.message);
        item.append(link);
        list.append(item);
      }
      details.append(list);
      box.append(details);
    }
    if (dismissKey) {
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-rootguard-action", "dismiss");
      button.textContent = t("dismiss");
      button.addEventListener("click", () => {
        dismissed.add(dismissKey);
        host.remove();
      });
      box.append(button);
    }
    shadow.append(style, box);
    return host;
  }

  /** Replace the page's core notices with those of a new verdict. */
  function verdict(result) {
    const container = ensureStack();
    // What the core recognised, for tests and for anyone debugging a page.
    container.setAttribute("data-page", result.recognition.page.kind);
    container.setAttribute("data-principal", result.recognition.session.principal.kind);
    container.setAttribute("data-decided-by", result.decidedBy);
    for (const old of container.querySelectorAll("[data-rootguard-from=verdict]")) old.remove();
    for (const notice of result.notices) {
      const dismissKey = `${notice.kind}|${location.pathname}${location.hash}`;
      if (notice.dismissible && dismissed.has(dismissKey)) continue;
      const host = card(
        notice.kind,
        notice.severity,
        t(notice.title, notice.args),
        [t(notice.body, notice.args)],
        notice.alternatives,
        notice.dismissible ? dismissKey : null,
      );
      host.setAttribute("data-rootguard-from", "verdict");
      host.setAttribute("data-rootguard-decided-by", result.decidedBy);
      container.append(host);
    }
    for (const line of result.diagnostics) console.warn(line);
  }

  /** A notice of the content script's own (core failure, export outcome). */
  function message(kind, titleKey, titleArgs, bodyKey, bodyArgs, severity = "critical") {
    const container = ensureStack();
    for (const old of container.querySelectorAll("[data-rootguard-from=message]")) old.remove();
    const host = card(kind, severity, t(titleKey, titleArgs), [t(bodyKey, bodyArgs)], [], `${kind}|${Date.now()}`);
    host.setAttribute("data-rootguard-from", "message");
    container.append(host);
  }

  // The passphrase prompt: a modal overlay holding an iframe of RootGuard's
  // own page. The page's scripts see the frame element, not what is typed in
  // it (another origin).
  const dialogs = new Map();
  function exportDialog(exportId, frameUrl) {
    const overlay = document.createElement("div");
    overlay.setAttribute("data-rootguard", "export-dialog");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483600;display:flex;align-items:center;justify-content:center;background:rgba(0,7,22,.55);";
    const frame = document.createElement("iframe");
    frame.setAttribute("data-rootguard", "passphrase-frame");
    frame.setAttribute("title", t("passphraseTitle"));
    frame.src = frameUrl;
    frame.style.cssText = "width:min(460px,calc(100vw - 32px));height:min(560px,calc(100vh - 32px));border:0;border-radius:16px;background:#fff;box-shadow:0 8px 40px rgba(0,7,22,.4);";
    overlay.append(frame);
    (document.body ?? document.documentElement).append(overlay);
    frame.focus();
    dialogs.set(exportId, overlay);
  }
  function closeExportDialog(exportId) {
    dialogs.get(exportId)?.remove();
    dialogs.delete(exportId);
  }

  return { verdict, message, exportDialog, closeExportDialog };
})();
