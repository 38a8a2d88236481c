/**
 * `--debug` and `--log`: the session's trace events (already redacted by the library) written to
 * stderr and/or `logs/YYYY-MM-DD.log`, after a second redaction pass of our own and, with
 * `--pseudonymise`, with personal data replaced by stable fakes so a trace can be posted publicly.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TraceEvent } from "../index.js";
import { formatWallClock, wallClock } from "./dates.js";
import { type Io, stripControl } from "./io.js";
import { redact } from "./redact.js";

export { redact };

const VIN = /\b[A-HJ-NPR-Z0-9]{17}\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const ID_FIELDS =
  /"(accountId|personId|registrationNumber|registration|idpId|login|email|mdmId|uid|UID|firstName|lastName|phoneNumber|mobile|radioCode)"\s*:\s*"([^"]+)"/g;
const ID_PATHS = /\/(accounts|persons)\/([^/?#\s"]+)/g;
const GPS = /"(gpsLatitude|gpsLongitude|latitude|longitude)"\s*:\s*(-?\d+(?:\.\d+)?)/g;

/**
 * Replaces personal data with fakes that stay the same for the whole run, so a trace still shows
 * which requests concern the same car or account.
 */
export class Pseudonymiser {
  readonly #fakes = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  #fake(kind: string, value: string, make: (index: number) => string): string {
    const key = `${kind}\0${value}`;
    let fake = this.#fakes.get(key);
    if (fake === undefined) {
      const index = (this.#counters.get(kind) ?? 0) + 1;
      this.#counters.set(kind, index);
      fake = make(index);
      this.#fakes.set(key, fake);
    }
    return fake;
  }

  /** Pseudonymises one text (URL or body). */
  apply(text: string): string {
    const known = new Map<string, string>();
    for (const match of text.matchAll(ID_FIELDS)) {
      const [, field = "", value = ""] = match;
      if (value === "" || /@/.test(value)) continue;
      known.set(value, this.#fakeField(field, value));
    }
    for (const match of text.matchAll(ID_PATHS)) {
      const [, kind = "", value = ""] = match;
      known.set(value, this.#fakeField(kind === "persons" ? "personId" : "accountId", value));
    }
    let result = text;
    for (const [value, fake] of [...known].sort((a, b) => b[0].length - a[0].length)) {
      result = result.split(value).join(fake);
    }
    result = result.replace(VIN, (vin) =>
      this.#fake("vin", vin, (index) => `VF1PSEUDO${String(index).padStart(8, "0")}`),
    );
    result = result.replace(EMAIL, (email) =>
      this.#fake("email", email, (index) => `user${index}@example.com`),
    );
    result = result.replace(GPS, (_match, field: string, value: string) => {
      const fake = this.#fake(field.toLowerCase().includes("lat") ? "lat" : "lon", value, (index) =>
        field.toLowerCase().includes("lat")
          ? (48.8 + index / 1000).toFixed(6)
          : (2.3 + index / 1000).toFixed(6),
      );
      return `"${field}": ${fake}`;
    });
    return result;
  }

  #fakeField(field: string, value: string): string {
    switch (field) {
      case "accountId":
        return this.#fake("account", value, (index) => `account-${index}`);
      case "personId":
        return this.#fake("person", value, (index) => `person-${index}`);
      case "registrationNumber":
      case "registration":
        return this.#fake("registration", value, (index) => `AA-${String(index).padStart(3, "0")}-AA`);
      default:
        return this.#fake(field, value, (index) => `${field}-${index}`);
    }
  }
}

/** Options of {@link createTracer}. */
export interface TracerOptions {
  readonly io: Io;
  readonly debug: boolean;
  readonly log: boolean;
  readonly pseudonymise: boolean;
}

/** A trace sink: feed it the session's events; `secrets` grows as the CLI learns them. */
export interface Tracer {
  readonly onTrace: (event: TraceEvent) => void;
  /** Values that must never be printed (password, tokens, keys), for the final redaction pass. */
  readonly secrets: Set<string>;
  /** Redacts `text` and, with `--pseudonymise`, replaces personal data with the trace's fakes. */
  clean(text: string): string;
  /** A free-form line (warnings) in the same outputs. */
  note(level: "WARNING" | "DEBUG" | "INFO", message: string): void;
  /**
   * The last action (a Kamereon POST) sent that got no answer, if any: interrupted then, the car
   * may have acted (issue 20, defect 5).
   */
  pendingAction(): { readonly method: string; readonly url: string } | undefined;
}

/** Whether a traced request is a Kamereon action: every Kamereon path starts with `/commerce/`. */
function isAction(event: { readonly method: string; readonly url: string }): boolean {
  return event.method === "POST" && event.url.includes("/commerce/");
}

/** Builds the trace writer for `--debug` (stderr) and `--log` (file). */
export function createTracer(options: TracerOptions): Tracer {
  const { io } = options;
  const secrets = new Set<string>();
  const pseudonymiser = options.pseudonymise ? new Pseudonymiser() : undefined;
  const now = () => io.now?.() ?? new Date();
  const timeZone = io.env.TZ || undefined;
  let logFile: string | undefined;
  const clean = (text: string) => {
    const redacted = stripControl(redact(text, secrets));
    return pseudonymiser ? pseudonymiser.apply(redacted) : redacted;
  };
  const write = (level: string, logger: string, message: string) => {
    const line = clean(message);
    if (options.debug) io.stderr.write(`${level} ${logger}: ${line}\n`);
    if (options.log) {
      const at = now();
      if (logFile === undefined) {
        const directory = join(io.cwd ?? process.cwd(), "logs");
        mkdirSync(directory, { recursive: true });
        logFile = join(directory, `${formatWallClock(wallClock(at, timeZone)).slice(0, 10)}.log`);
      }
      const stamp = `${formatWallClock(wallClock(at, timeZone))},${String(at.getMilliseconds()).padStart(3, "0")}`;
      appendFileSync(logFile, `${stamp} - ${logger} - ${level} - ${line}\n`, { mode: 0o600 });
    }
  };
  const enabled = options.debug || options.log;
  // The last action sent that got no answer (still waiting, or it failed without a response).
  let unanswered: { readonly method: string; readonly url: string } | undefined;
  const track = (event: TraceEvent) => {
    if (event.type !== "request" && event.type !== "response") return;
    if (event.service !== "kamereon" || !isAction(event)) return;
    if (event.type === "request") unanswered = { method: event.method, url: event.url };
    else unanswered = undefined;
  };
  if (enabled) {
    write(
      "WARNING",
      "renault_api.cli",
      pseudonymiser
        ? "Trace enabled: secrets are redacted and personal data is replaced with stable fakes."
        : "Trace enabled: secrets are redacted, but VINs, account ids and GPS positions are not; " +
            "use --pseudonymise before sharing it.",
    );
  }
  return {
    secrets,
    pendingAction: () => unanswered,
    clean,
    onTrace: (event) => {
      track(event);
      if (!enabled) return;
      switch (event.type) {
        case "request":
          write(
            "DEBUG",
            `renault_api.${event.service}`,
            `${event.method} ${event.url}${event.body === undefined ? "" : ` ${event.body}`}`,
          );
          break;
        case "response":
          write(
            "DEBUG",
            `renault_api.${event.service}`,
            `${event.method} ${event.url} -> ${event.status} (${event.durationMs} ms) ${event.body}`,
          );
          break;
        case "error":
          write(
            "DEBUG",
            `renault_api.${event.service}`,
            `${event.method} ${event.url} failed: ${event.error}`,
          );
          break;
        case "retry":
          write(
            "DEBUG",
            `renault_api.${event.service}`,
            `${event.method} ${event.url} attempt ${event.attempt} failed (${event.error}), retrying in ${event.delayMs} ms`,
          );
          break;
        case "jwt-minted":
          write("DEBUG", "renault_api.gigya", `JWT minted (${event.reason})`);
          break;
        case "quota-lockout-start":
          write(
            "DEBUG",
            "renault_api.kamereon",
            `quota reached for account ${event.account}: silent until ${new Date(event.until).toISOString()}`,
          );
          break;
        case "quota-lockout-end":
          write("DEBUG", "renault_api.kamereon", `quota lockout of account ${event.account} ended`);
          break;
      }
    },
    note(level, message) {
      if (enabled) write(level, "renault_api", message);
    },
  };
}
