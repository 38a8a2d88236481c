/**
 * Everything the CLI prints for humans: aligned tables, units and local times. Commands hand data
 * to these functions and never format on their own; `--json` bypasses all of it.
 */
import { codeName, type CodeFamily } from "../models.js";
import { formatWallClock, wallClock } from "./dates.js";
import type { TextSink } from "./io.js";

/** A table cell: `undefined`/`null` print as an empty cell. */
export type Cell = string | number | boolean | null | undefined;

function text(cell: Cell): string {
  if (cell === undefined || cell === null) return "";
  return String(cell);
}

function width(value: string): number {
  return Array.from(value).length;
}

function pad(value: string, size: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, size - width(value)));
  return right ? fill + value : value + fill;
}

/**
 * A table in the style of the Python CLI (tabulate "simple"): headers, a dashed rule, then rows.
 * Columns whose cells are all numbers are right-aligned.
 */
export function table(headers: readonly string[] | undefined, rows: readonly (readonly Cell[])[]): string {
  const count = Math.max(headers?.length ?? 0, ...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: count }, (_, index) => text(row[index])));
  const numeric = Array.from(
    { length: count },
    (_, index) =>
      rows.some((row) => row[index] !== undefined && row[index] !== null) &&
      rows.every((row) => row[index] === undefined || row[index] === null || typeof row[index] === "number"),
  );
  const widths = Array.from({ length: count }, (_, index) =>
    Math.max(width(headers?.[index] ?? ""), ...cells.map((row) => width(row[index] ?? ""))),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => pad(value, widths[index] ?? 0, numeric[index] ?? false))
      .join("  ")
      .trimEnd();
  const lines: string[] = [];
  if (headers) {
    lines.push(line(headers.map((header) => header)));
    lines.push(widths.map((size) => "-".repeat(size)).join("  "));
  }
  for (const row of cells) lines.push(line(row));
  return lines.join("\n") + "\n";
}

/** Rows of label/value pairs (no headers); rows whose value is missing are left out. */
export function keyValues(rows: readonly (readonly [string, Cell])[]): string {
  const present = rows.filter(([, value]) => value !== undefined && value !== null && value !== "");
  if (present.length === 0) return "";
  return table(
    undefined,
    present.map(([label, value]) => [label, text(value)]),
  );
}

/** Stable JSON for `--json`: two-space indentation, keys in the order the server sent them. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2) + "\n";
}

/** Writes text, adding the final newline when missing. */
export function writeText(sink: TextSink, value: string): void {
  sink.write(value.endsWith("\n") || value === "" ? value : `${value}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Units

/** `<value> <unit>` with the number as the server sent it, or undefined. */
export function withUnit(value: number | null | undefined, unit: string): string | undefined {
  if (value === undefined || value === null || Number.isNaN(value)) return undefined;
  return `${formatNumber(value)} ${unit}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

/** A power already converted to kW by the library (the car may report W or kW). */
export function kilowatts(value: number | null | undefined): string | undefined {
  if (value === undefined || value === null || Number.isNaN(value)) return undefined;
  return `${value.toFixed(2)} kW`;
}

/** A tyre pressure sent in millibar, shown in bar (2460 → `2.46 bar`). */
export function bar(millibar: number | null | undefined): string | undefined {
  if (millibar === undefined || millibar === null || Number.isNaN(millibar)) return undefined;
  return `${(millibar / 1000).toFixed(2)} bar`;
}

/** A duration as `H:MM:SS`, with a day prefix from 24 h on (`1 day, 2:03:04`). */
export function duration(seconds: number | null | undefined): string | undefined {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) return undefined;
  const sign = seconds < 0 ? "-" : "";
  let rest = Math.round(Math.abs(seconds));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const secs = rest % 60;
  const clock = `${hours}:${String(minutes).padStart(2, "0")}:${String(secs).padStart(2, "0")}`;
  return sign + (days > 0 ? `${days} day${days === 1 ? "" : "s"}, ${clock}` : clock);
}

/** Minutes after midnight as `HH:MM`. */
export function clockTime(minutes: number): string {
  const normalised = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(normalised / 60)).padStart(2, "0")}:${String(normalised % 60).padStart(2, "0")}`;
}

/**
 * A timestamp from the server (ISO, with or without zone; a bare one is UTC) in the local zone,
 * converted with the offset of that date: `YYYY-MM-DD HH:MM:SS`.
 */
export function localDateTime(
  value: string | Date | null | undefined,
  timeZone: string | undefined,
): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const instant = value instanceof Date ? value : parseServerTime(value);
  if (!instant) return typeof value === "string" ? value : undefined;
  return formatWallClock(wallClock(instant, timeZone));
}

/** Local `YYYY-MM-DD HH:MM` of an instant (for "retry after" messages and confirmations). */
export function localMinute(instant: Date, timeZone: string | undefined): string {
  return formatWallClock(wallClock(instant, timeZone), false);
}

function parseServerTime(value: string): Date | undefined {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const parsed = new Date(hasZone || !value.includes("T") ? value : `${value}Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** `always_charging` → `Always charging`; `SCHEDULED` → `Scheduled`. */
export function label(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const words = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A code from the server (issue 15.2): a known one by its name in words (`always_charging` →
 * `Always charging`), an unknown one exactly as it came (`delegated2`, `7`), nothing when absent.
 */
export function codeText(family: CodeFamily, code: string | number | null | undefined): string | undefined {
  if (code === null || code === undefined || code === "") return undefined;
  const name = codeName(family, code);
  return name === undefined ? String(code) : label(name);
}

/** `true` → `yes`. */
export function yesNo(value: boolean | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return value ? "yes" : "no";
}

/** Masks a secret for `settings`: the first five characters, then `…(redacted)`. */
export function mask(value: string): string {
  if (value.length <= 8) return "…(redacted)";
  return `${value.slice(0, 5)}…(redacted)`;
}
