/**
 * The hostile faults of issue 20: a server that stalls or drips its body, sends one too big to
 * keep or a gzip bomb, redirects, asks for an absurd cooldown, puts terminal control characters in
 * its messages, or echoes the secrets it was sent. {@link hostileResponse} builds the answer;
 * {@link sendBody} writes the bodies that are not a plain JSON or text value.
 */
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { loadFixture } from "./fixtures.js";
import { kamereonError } from "./envelopes.js";
import type { RecordedRequest, SimulatorResponse } from "./server.js";

/** The hostile fault kinds. */
export const HOSTILE_KINDS = [
  "stall",
  "drip",
  "huge",
  "bomb",
  "redirect",
  "retry-after-absurd",
  "control-chars",
  "echo-secret",
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Hostile kinds that only Kamereon requests meet; the others hit Gigya calls too. */
export const HOSTILE_KAMEREON_KINDS: readonly HostileKind[] = ["retry-after-absurd", "control-chars"];

/** The size of the `huge` body and of the decoded `bomb`: above the client's default cap (8 MiB). */
export const HOSTILE_BODY_SIZE = 12 * 1024 * 1024;

/** The `Retry-After` of `retry-after-absurd`: more seconds than a Date can hold. */
export const ABSURD_RETRY_AFTER = "99999999999999999999";

/** Escape sequences (clear screen, colour, bell) and a CR LF that would fake a second line. */
export const CONTROL_CHARS_MESSAGE = "\u001b[2J\u001b[31mAlert\u001b[0m\u0007\r\nError: you are logged out";

/** How often `drip` sends its next byte. @unit milliseconds */
const DRIP_INTERVAL = 50;

let bomb: Buffer | undefined;

/** The answer of a hostile fault to `request`. */
export function hostileResponse(kind: HostileKind, request: RecordedRequest): SimulatorResponse {
  switch (kind) {
    case "stall":
      return { status: 200, send: "stall" };
    case "drip":
      return { status: 200, send: "drip" };
    case "huge":
      return { status: 200, send: "huge" };
    case "bomb":
      return { status: 200, send: "bomb", headers: { "content-encoding": "gzip" } };
    case "redirect":
      return { status: 302, headers: { location: "https://login.example.invalid/moved" }, body: {} };
    case "retry-after-absurd":
      return {
        status: 429,
        body: loadFixture("kamereon/error/quota_limit.json"),
        headers: { "retry-after": ABSURD_RETRY_AFTER },
      };
    case "control-chars":
      return kamereonError(400, "err.func.400", CONTROL_CHARS_MESSAGE);
    case "echo-secret":
      return echoSecrets(request);
  }
}

/** An error whose text repeats every secret the request carried (a JWT, an API key, a password…). */
function echoSecrets(request: RecordedRequest): SimulatorResponse {
  const form = (request.json ?? {}) as Record<string, unknown>;
  const values = [
    request.headers["x-gigya-id_token"],
    request.headers.apikey,
    request.query.apiKey,
    request.query.login_token,
    ...["password", "login_token", "apiKey", "regToken"].map((name) => form[name]),
  ].filter((value): value is string => typeof value === "string" && value !== "");
  const echoed = `Invalid request: ${values.join(" ")}`;
  if (request.service === "gigya") {
    // Gigya answers errors with HTTP 200 and the outcome in the body.
    return {
      status: 200,
      body: {
        errorCode: 400006,
        statusCode: 400,
        errorMessage: "Invalid parameter value",
        errorDetails: echoed,
      },
    };
  }
  return kamereonError(400, "err.func.400", echoed);
}

/** Writes the body of a `send` answer; the caller has written the head. */
export function sendBody(outgoing: ServerResponse, send: NonNullable<SimulatorResponse["send"]>): void {
  switch (send) {
    case "stall":
      // The start of a body, then nothing until the client gives up (or the simulator closes).
      outgoing.write('{"data":{"attributes":');
      return;
    case "drip": {
      outgoing.write("{");
      const timer = setInterval(() => {
        outgoing.write(" ");
      }, DRIP_INTERVAL);
      outgoing.on("close", () => {
        clearInterval(timer);
      });
      return;
    }
    case "huge":
      writeChunked(outgoing, Buffer.alloc(HOSTILE_BODY_SIZE, 0x20));
      return;
    case "bomb":
      bomb ??= gzipSync(Buffer.alloc(HOSTILE_BODY_SIZE, 0x20));
      writeChunked(outgoing, bomb);
      return;
  }
}

/** Sends `bytes` in chunks without a length (chunked encoding), stopping when the client leaves. */
function writeChunked(outgoing: ServerResponse, bytes: Buffer): void {
  const chunk = 256 * 1024;
  let offset = 0;
  const next = (): void => {
    while (offset < bytes.length && !outgoing.destroyed) {
      const part = bytes.subarray(offset, offset + chunk);
      offset += part.length;
      if (!outgoing.write(part)) {
        outgoing.once("drain", next);
        return;
      }
    }
    if (!outgoing.destroyed) outgoing.end();
  };
  next();
}
