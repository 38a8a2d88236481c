/**
 * The environment variables the CLI reads, and their parsing. Every value is checked: a bad one is a
 * usage error (exit 2) naming the valid range, never ignored (issue 20, defect 11).
 */
import { homedir } from "node:os";
import { join } from "node:path";
import type { Io } from "./io.js";
import { UsageError } from "./usage.js";

/** Environment variables the CLI reads (documented in docs/cli.md). */
export const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ["RENAULT_API_CREDENTIALS", "path of the credential file (default: ~/.credentials/renault-api.json)"],
  ["RENAULT_API_USERNAME", "e-mail for `login` (and for logging in on the fly)"],
  ["RENAULT_API_PASSWORD", "password for `login` (and for logging in on the fly)"],
  ["RENAULT_API_LOCALE", "locale for this run, like --locale (not saved; an unknown one is a usage error)"],
  ["RENAULT_API_GIGYA_URL", "Gigya base URL, overriding the locale's"],
  ["RENAULT_API_GIGYA_API_KEY", "Gigya API key, overriding the locale's (Renault rotates it)"],
  ["RENAULT_API_KAMEREON_URL", "Kamereon base URL, overriding the locale's"],
  ["RENAULT_API_KAMEREON_API_KEY", "Kamereon API key, overriding the locale's"],
  ["RENAULT_API_MYR_URL", "root of the /myr gateway (feature lists), default https://apis.renault.com"],
  ["RENAULT_API_DEMO", "`1` behaves like --demo"],
  [
    "RENAULT_API_DEMO_TFA",
    "`1` with --demo: the demo account asks for an e-mailed code (like `login --tfa`)",
  ],
  ["RENAULT_API_TFA_CODE", "the two-factor code for `login`, like --code"],
  ["RENAULT_API_TIMEOUT", "seconds to wait for each answer, 0.1–600 (default: 30)"],
  ["RENAULT_API_RETRIES", "how often a failed read is repeated, 0–5 (default: 2; actions never are)"],
  [
    "RENAULT_API_RETRY_DELAY",
    "seconds to wait before each repeat of a read, 0–600 (default: 0.5 s doubling up to 8 s; tests use 0)",
  ],
  [
    "RENAULT_API_CONCURRENCY",
    "how many reads `status` sends at once, 1–100 (default: all; 1 = one after the other)",
  ],
  ["TZ", "time zone for dates shown and read (default: the system's)"],
];

/** Bounds of `RENAULT_API_TIMEOUT`, in seconds: below 0.1 s no answer can arrive. */
export const TIMEOUT_SECONDS = { min: 0.1, max: 600 } as const;
/** Bounds of `RENAULT_API_RETRIES`. */
export const RETRIES = { min: 0, max: 5 } as const;
/** Bounds of `RENAULT_API_CONCURRENCY`. */
export const CONCURRENCY = { min: 1, max: 100 } as const;

/** `RENAULT_API_TIMEOUT` (seconds per attempt) in milliseconds; unset or empty → the default. */
export function timeoutOf(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= TIMEOUT_SECONDS.min && seconds <= TIMEOUT_SECONDS.max)) {
    throw new UsageError(
      `invalid RENAULT_API_TIMEOUT '${value}': give seconds from ${TIMEOUT_SECONDS.min} to ${TIMEOUT_SECONDS.max}, e.g. 30`,
    );
  }
  return Math.round(seconds * 1000);
}

/** Bounds of `RENAULT_API_RETRY_DELAY`, in seconds. */
export const RETRY_DELAY_SECONDS = { min: 0, max: 600 } as const;

/**
 * `RENAULT_API_RETRIES` (how often a failed read is repeated) and `RENAULT_API_RETRY_DELAY` (a fixed
 * wait before each repeat, in seconds; 0 lets tests skip the real backoff).
 */
export function retriesOf(
  value: string | undefined,
  delayValue?: string,
): { limit?: number; delay?: () => number } | undefined {
  const retry: { limit?: number; delay?: () => number } = {};
  if (value !== undefined && value !== "") retry.limit = wholeNumber(value, "RENAULT_API_RETRIES", RETRIES);
  if (delayValue !== undefined && delayValue !== "") {
    const seconds = /^\s*\d+(?:\.\d+)?\s*$/.test(delayValue) ? Number(delayValue) : Number.NaN;
    if (!(seconds >= RETRY_DELAY_SECONDS.min && seconds <= RETRY_DELAY_SECONDS.max)) {
      throw new UsageError(
        `invalid RENAULT_API_RETRY_DELAY '${delayValue}': give seconds from ${RETRY_DELAY_SECONDS.min} to ${RETRY_DELAY_SECONDS.max}, e.g. 0.5`,
      );
    }
    const ms = Math.round(seconds * 1000);
    retry.delay = () => ms;
  }
  return retry.limit === undefined && retry.delay === undefined ? undefined : retry;
}

/** `RENAULT_API_CONCURRENCY`: how many reads `status` sends at once; unset → all at once. */
export function concurrencyOf(value: string | undefined): number {
  if (value === undefined || value === "") return Infinity;
  return wholeNumber(value, "RENAULT_API_CONCURRENCY", CONCURRENCY);
}

function wholeNumber(value: string, name: string, range: { min: number; max: number }): number {
  const parsed = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= range.min && parsed <= range.max)) {
    throw new UsageError(`invalid ${name} '${value}': give a whole number from ${range.min} to ${range.max}`);
  }
  return parsed;
}

/** The credential file: `RENAULT_API_CREDENTIALS`, else the Python CLI's default (and ours). */
export function credentialPath(env: Io["env"]): string {
  const custom = env.RENAULT_API_CREDENTIALS;
  if (custom) return custom;
  return join(env.HOME || homedir(), ".credentials", "renault-api.json");
}

/** The OS locale as `xx_YY`, the default of the locale prompt. */
export function systemLocale(env: Io["env"]): string | undefined {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const match = /^([a-z]{2})[_-]([A-Z]{2})/.exec(env[name] ?? "");
    if (match) return `${match[1]}_${match[2]}`;
  }
  const match = /^([a-z]{2})-([A-Z]{2})/.exec(Intl.DateTimeFormat().resolvedOptions().locale);
  return match ? `${match[1]}_${match[2]}` : undefined;
}
