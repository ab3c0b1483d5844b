// What a demo says when a request to Python did not give an answer: the runtime could
// not load (the shell shows Retry), it was restarted (Stop elsewhere on the page), a
// value was refused by Python's own checks, or something unexpected.
import { StoppedError, ReaderError } from "../runtime/client.js";

// `again` names what to press afterwards, e.g. "press Step or Run again"; a demo that asks
// again by itself as values change names instead what it was `doing` ("count"), for the
// message "Could not count: …".
export function explainError(shell, error, { again = null, doing = null } = {}) {
  if (error instanceof ReaderError) shell.setStatus(error.message, "error");
  else if (doing) shell.setStatus(`Could not ${doing}: ${error.message}`, "error");
  else if (shell.runtime.state === "failed")
    shell.setStatus("The Python runtime could not load, so this can't run yet: press Retry above.", "error");
  else if (error instanceof StoppedError)
    shell.setStatus(`The Python runtime was restarted; ${again}.`, "stopped");
  else shell.setStatus(`Something went wrong: ${error.message}`, "error");
}
