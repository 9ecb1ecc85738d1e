// What a failed E2E test leaves behind for whoever reads the CI log: the
// page's URL, RootGuard's elements in it (kind, where they sit, what they
// say), and in Chromium the page's console (the content scripts log there
// when the core gives no answer). A failure that happens once in many runs
// can then be read rather than guessed at.

/** RootGuard's elements in the current document, as lines. */
const PAGE_SCRIPT = `
  const lines = ["url: " + location.href + " (readyState " + document.readyState + ")"];
  for (const element of document.querySelectorAll("[data-rootguard]")) {
    if (element.parentElement?.closest("[data-rootguard]")) continue; // inside one already listed
    const attributes = [...element.attributes]
      .filter((a) => a.name.startsWith("data-") && a.name !== "data-rootguard")
      .map((a) => a.name + "=" + a.value.slice(0, 60));
    const text = (element.shadowRoot ?? element).textContent.replace(/\\s+/g, " ").trim().slice(0, 160);
    lines.push("rootguard " + element.getAttribute("data-rootguard") + " in <" + element.parentElement?.localName + "> " + attributes.join(" ") + " | " + text);
  }
  return lines;`;

/** Lines describing the browser's state now; never throws (the browser may be gone). */
export async function failureReport(browser) {
  const lines = [];
  try {
    lines.push(...(await browser.wd.execute(PAGE_SCRIPT)));
  } catch (error) {
    lines.push(`page: unreadable (${error.message})`);
  }
  if (browser.name === "chromium") {
    try {
      const entries = await browser.wd.cmd("POST", "/se/log", { type: "browser" });
      // The replica's CSP refuses Cloudscape's inline fonts, as the console's does: noise here.
      const said = entries.filter((entry) => !String(entry.message).includes("Loading the font"));
      for (const entry of said.slice(-40)) lines.push(`console ${entry.level}: ${String(entry.message).slice(0, 400)}`);
    } catch (error) {
      lines.push(`console: unreadable (${error.message})`);
    }
  }
  return lines;
}
