// Where RootGuard's notices go in a console page: in the console's own
// flow, where it puts its own alerts (Cloudscape's Flashbar): at the top of
// the content area, above the page's header and first container, pushing
// the content down rather than covering any of it. Found by structure, not
// by class names (they are hashed per Cloudscape release): the page's
// `<main>` landmark, and in it the nearest block around the page's heading
// that sits in normal block flow. Until the console has drawn that (its app loads after the
// document), the notices wait in a corner, and move into the flow as soon
// as it is there.

/** `{parent, before}`: where the notices go in the flow, or null while the page has no content area yet. */
export function contentTop(document) {
  const main = document.querySelector("main, [role=main]");
  const heading = main?.querySelector("h1, [role=heading][aria-level='1']");
  if (!heading || heading.closest("[data-rootguard]")) return null;
  // Up from the heading to the first block that sits in normal block flow
  // (not a cell of Cloudscape's grid or flex layouts, where an added child
  // would take a column of its own): the notices go right above it.
  const view = document.defaultView;
  for (let block = heading; block.parentElement && block !== main; block = block.parentElement) {
    const { display } = view.getComputedStyle(block.parentElement);
    if (FLOW.has(display)) return { parent: block.parentElement, before: block };
  }
  return null;
}

const FLOW = new Set(["block", "flow-root", "list-item"]);

const IN_FLOW = "display:block;position:static;margin:0;";
const FLOATING = "display:block;position:fixed;left:16px;bottom:16px;width:min(400px,calc(100vw - 32px));z-index:2147483000;";

let waiting = null;

/** Put `stack` (the notices' container) in the console's flow, or in the corner until the flow is there. */
export function placeNotices(stack) {
  // Once in the flow it stays there until the console replaces that part of
  // the page (the stack is then disconnected): every verdict calls this, up
  // to once a frame, and finding the place again costs style computations.
  if (stack.isConnected && stack.getAttribute("data-placement") === "flow") return;
  const document = stack.ownerDocument;
  const top = contentTop(document);
  if (top) {
    top.parent.insertBefore(stack, top.before);
    stack.style.cssText = IN_FLOW;
    stack.setAttribute("data-placement", "flow");
    waiting?.disconnect();
    waiting = null;
    return;
  }
  if (!stack.isConnected) (document.body ?? document.documentElement).append(stack);
  stack.style.cssText = FLOATING;
  stack.setAttribute("data-placement", "floating");
  if (waiting) return;
  // Checked once per frame while the console draws, until the content area is there.
  let frame = 0;
  waiting = new MutationObserver(() => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      if (stack.isConnected && contentTop(document)) placeNotices(stack);
    });
  });
  waiting.observe(document.documentElement, { childList: true, subtree: true });
}

const BESIDE = "display:block;margin:8px 0;max-width:560px;";

/**
 * Put `notice` next to `subject`, the thing on the page it is about (a shown
 * secret, a copied one), in the console's flow: at the end of the table
 * cell that holds it (the row grows, the notice sits under the value), else
 * right after the nearest box around it that sits in normal block flow (not
 * beside it in a flex row, where it would squeeze the console's controls).
 * Returns false when there is no such place (the subject left the page, or
 * is RootGuard's own): the caller then uses the notices' container.
 */
export function placeBeside(notice, subject) {
  const element = subject?.nodeType === 1 ? subject : subject?.parentElement;
  if (!element?.isConnected || element.closest("[data-rootguard]")) return false;
  const cell = element.closest("td, th, [role=cell], [role=gridcell]");
  if (cell) {
    cell.append(notice);
  } else {
    const view = element.ownerDocument.defaultView;
    const body = element.ownerDocument.body;
    let block = element;
    while (block.parentElement && block.parentElement !== body && !(FLOW.has(view.getComputedStyle(block.parentElement).display) && !view.getComputedStyle(block).display.startsWith("inline"))) {
      block = block.parentElement;
    }
    if (!block.parentElement) return false;
    block.after(notice);
  }
  notice.style.cssText = BESIDE;
  notice.setAttribute("data-placement", "beside");
  return true;
}
