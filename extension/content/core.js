// The console content script's one way to the Rust core (in the background,
// through protocol.js). When the core did not load or the background did not
// answer, the page is told: warnings are unavailable and credential
// downloads are not saved (fail closed). When the core answered with a
// refusal (a named error: the text was not a key, a file could not be
// read), that refusal is said instead, in the core's words.

import { ask, ProtocolError } from "../protocol.js";
import { message as notice } from "./render.js";

const UNAVAILABLE = new Set([ProtocolError.NoAnswer, ProtocolError.CoreUnavailable]);

/** Whether an error (`{name, message}`) means the core could not be reached at all. */
export const coreUnreachable = (error) => UNAVAILABLE.has(error.name);

/** The core's answer to `message`, or null after telling the page why there is none. */
export async function askCore(message) {
  const reply = await ask(message);
  if (reply.ok) return reply.result;
  sayUnanswered(message.type, reply.error);
  return null;
}

/** Tell the page (and the console) why the core gave no answer to a `type` message. */
export function sayUnanswered(type, error) {
  console.error(`RootGuard: the core did not answer "${type}": ${error.name}: ${error.message}`);
  if (coreUnreachable(error)) notice("core-unavailable", "coreUnavailableTitle", [], "coreUnavailableBody", [error.message]);
  else notice("core-refused", "coreRefusedTitle", [], "coreRefusedBody", [error.message]);
}
