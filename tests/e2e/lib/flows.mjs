// Console flows the E2E suites share: creating a root key in the replica's
// wizard, and answering RootGuard's passphrase frame as a user would.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export const WIZARD_URL = "https://us-east-1.console.aws.amazon.com/iam/home#/security_credentials/access-key-wizard";

/** Open the create-access-key wizard and get to the Retrieve access key step. */
export async function createRootKey(wd, url = WIZARD_URL, { interstitial = true } = {}) {
  await wd.navigate(url);
  await wd.waitFor("the wizard", `return document.querySelector('[data-testid="root-ack"]')`);
  if (interstitial) await proceedThroughInterstitial(wd);
  await wd.clickCss('[data-testid="root-ack"]');
  await wd.clickCss('[data-testid="wizard-create-access-key"]');
  await wd.waitFor("the Retrieve access key step", `return document.querySelector('[data-testid="download-csv"]')`);
}

/** Run `body` inside RootGuard's passphrase frame, then return to the page. */
export async function inPassphraseFrame(wd, body) {
  await wd.waitFor("RootGuard's passphrase frame", `return document.querySelector('[data-rootguard="passphrase-frame"]')`);
  const frame = await wd.find('[data-rootguard="passphrase-frame"]');
  await wd.cmd("POST", "/frame", { id: { [ELEMENT]: frame.id } });
  try {
    await wd.waitFor("the passphrase form", `return document.querySelector('[data-rootguard="passphrase-form"]') && document.getElementById("file-line").textContent`);
    return await body();
  } finally {
    // The frame may be gone already (Cancel closes it): go back to the top.
    await wd.cmd("POST", "/frame", { id: null });
  }
}

/**
 * A real click on a control that makes RootGuard close the frame (Cancel).
 * The browser may tear the frame down before the driver finishes the click
 * and report "frame detached": the click was delivered, its effect is the
 * frame going away, and callers check the outcome on the page.
 */
export async function clickClosingFrame(wd, css) {
  try {
    await wd.clickCss(css);
  } catch (error) {
    if (!/frame detached|no such frame|no such window|browsing context has been discarded/i.test(error.message)) throw error;
  }
}

export async function type(wd, css, text) {
  const element = await wd.find(css);
  await wd.cmd("POST", `/element/${element.id}/value`, { text });
}

/** Fill the form and submit (inside the frame). */
export async function submitPassphrase(wd, passphrase, confirmation = passphrase, { armor = false } = {}) {
  await type(wd, '[data-rootguard="passphrase-form"] input[name=passphrase]', passphrase);
  await type(wd, '[data-rootguard="passphrase-form"] input[name=confirm]', confirmation);
  if (armor) await wd.clickCss('[data-rootguard="passphrase-form"] input[name=armor]');
  await wd.clickCss('[data-rootguard="passphrase-form"] button[type=submit]');
}

/** The text of a RootGuard notice of this kind, once it is shown. */
export function noticeText(wd, kind, timeout = 30_000) {
  return wd.waitFor(
    `RootGuard's ${kind} notice`,
    `return document.querySelector('[data-rootguard="' + arguments[0] + '"]')?.shadowRoot?.querySelector("section")?.textContent`,
    { args: [kind], timeout },
  );
}

/** An IAM user's create-access-key wizard, through to Retrieve access keys. */
export async function createUserKey(wd, userName) {
  await wd.navigate(`https://us-east-1.console.aws.amazon.com/iam/home#/users/details/${userName}/create-access-key`);
  await wd.waitFor("the use cases", `return document.querySelector('input[name="use-case"][value="cli"]')`);
  await wd.clickCss('input[name="use-case"][value="cli"]');
  await wd.clickCss('[data-testid="user-ack"]');
  await wd.clickCss('[data-testid="wizard-next"]');
  await wd.waitFor("the description step", `return document.querySelector('[data-testid="wizard-create-access-key"]')`);
  await wd.clickCss('[data-testid="wizard-create-access-key"]');
  await wd.waitFor("the Retrieve access keys step", `return document.querySelector('[data-testid="download-csv"]')`);
}

/** RootGuard's create-key interstitial: read it, then proceed as the user. */
export async function proceedThroughInterstitial(wd) {
  await wd.waitFor("RootGuard's interstitial", `return document.querySelector('[data-rootguard="create-key-interstitial"]')`);
  const shadow = await wd.shadowRoot(await wd.find('[data-rootguard="create-key-interstitial"]'));
  await wd.click(await wd.find('[data-rootguard-action="proceed"]', shadow));
  await wd.waitFor("the interstitial to close", `return !document.querySelector('[data-rootguard="create-key-interstitial"]')`);
}
