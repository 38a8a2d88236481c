/** Wording shared by the checks: durations and failures in a few safe words. */
import { KamereonError, RenaultError } from "../errors.js";

/** A duration in words: `45 s`, `12 min`, `3 h 05 min`, `4 days`. */
export function minutes(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const total = Math.round(seconds / 60);
  if (total < 120) return `${total} min`;
  const hours = Math.floor(total / 60);
  if (hours < 48) return `${hours} h ${String(total % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * A failure in a few words for a finding: the error's name and vendor code. Never the message of
 * an unknown error, which may echo a URL or a secret.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof KamereonError) return `${error.name} ${error.code}`;
  if (error instanceof RenaultError) return error.name;
  return error instanceof Error ? error.name : "unknown error";
}
