import { redactText } from "./redact.js";

/* eslint-disable no-control-regex -- matching control characters is the point of these patterns */
/**
 * ANSI escape sequences: CSI (`ESC [ … final`, or the one-byte C1 CSI `\x9b … final`), OSC
 * (`ESC ] … BEL|ST`) and two-byte escapes.
 */
const ESCAPE_SEQUENCES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
/** C0 and C1 control characters, DEL, and the Unicode bidirectional overrides. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/**
 * Makes text that came from a server safe to put in an error: escape sequences are removed,
 * other control characters (`\r`, `\n`, tabs…) become spaces, and secrets are replaced by `***`
 * (the known values given, and anything shaped like a JWT or a Gigya token).
 * @param secrets - values known to be secret (API keys, tokens, password); empty ones are ignored
 */
export function cleanText(text: string, secrets: Iterable<string | undefined> = []): string {
  return redactText(text.replace(ESCAPE_SEQUENCES, "").replace(CONTROL_CHARACTERS, " "), secrets);
}

/**
 * A stand-in for an error caused by parsing a server's body (JSON.parse quotes part of the body in
 * its message): same name, cleaned message, no stack of its own, so a secret in the body cannot
 * reach the `cause` of a library error.
 */
export function cleanCause(error: unknown, secrets: Iterable<string | undefined> = []): Error {
  // The quoted excerpt may hold the start of a secret too short to be recognised: drop it.
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /"[^"]*"(?:\.\.\.)?/g,
    '"…"',
  );
  const clean = new Error(cleanText(message, secrets));
  clean.name = error instanceof Error ? error.name : "Error";
  clean.stack = `${clean.name}: ${clean.message}`;
  return clean;
}
