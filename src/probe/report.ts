/** The human capability report: one line per request of the probe, then the verdict per model entry. */
import { errorSummary, NOT_PROBED_REASONS, routeOf, type CapabilityReport } from "./capabilities.js";
import type { ProbeVerdict } from "./classify.js";
import type { ProbeReport, ProbeResult } from "./probe.js";

const VERDICTS: Readonly<Record<ProbeVerdict, string>> = {
  works: "works",
  "not-supported": "not supported",
  "no-data": "no data yet",
  failed: "failed",
  "not-probed": "not probed",
};

/** Widest evidence cell before it is cut with `…`. */
const EVIDENCE_WIDTH = 72;

/**
 * The report as text: a header, a table of every step (endpoint, route, result, evidence) and a
 * summary of the capability entry. Pass the anonymised report: it prints the VIN it holds.
 */
export function renderProbeReport(report: ProbeReport, capabilities: CapabilityReport): string {
  const model = report.modelCode ?? "an unknown model";
  const name = report.modelName ? ` (${report.modelName})` : "";
  const stop =
    report.stopped === "complete"
      ? "complete"
      : report.stopped === "quota"
        ? "stopped by the quota; the rest was not probed"
        : "stopped: request budget used up; the rest was not probed";
  const rows = report.results.map((result) => [
    result.step.name,
    result.step.kind === "details" || result.step.kind === "person" ? "commerce" : routeOf(result),
    VERDICTS[result.verdict],
    cut(evidenceOf(result)),
  ]);
  const values = Object.values(capabilities.entry);
  const routes = values.filter((value) => value !== null).length;
  const nulls = values.filter((value) => value === null).length;
  const left = Object.keys(capabilities.evidence).length - values.length;
  return [
    `Probe of ${model}${name}, VIN ${report.vin}, ${report.probedAt.slice(0, 10)}`,
    `${report.used} of ${report.budget} requests; ${stop}.`,
    "",
    table(["Endpoint", "Route", "Result", "Evidence"], rows).trimEnd(),
    "",
    `Model entry ${capabilities.modelCode}: ${routes} route${routes === 1 ? "" : "s"}, ${nulls} null` +
      (left > 0 ? `, ${left} left out (failed, no data yet or not probed: probe again)` : "") +
      ".",
  ].join("\n");
}

function evidenceOf(result: ProbeResult): string {
  switch (result.verdict) {
    case "works": {
      if (result.step.kind === "person") return "read only to keep your data out of the bundle";
      if (result.step.kind === "details") return "vehicle details";
      const fields = result.fields ?? [];
      return `${fields.length} field${fields.length === 1 ? "" : "s"}: ${fields.join(", ")}`;
    }
    case "no-data":
      return result.status === 200 ? "200, nothing reported yet" : errorSummary(result);
    case "not-supported":
    case "failed":
      return errorSummary(result);
    case "not-probed":
      return NOT_PROBED_REASONS[result.reason ?? "budget"];
  }
}

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= EVIDENCE_WIDTH ? text : `${chars.slice(0, EVIDENCE_WIDTH - 1).join("")}…`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, index) =>
    Math.max(Array.from(header).length, ...rows.map((row) => Array.from(row[index] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell + " ".repeat(Math.max(0, (widths[index] ?? 0) - Array.from(cell).length)))
      .join("  ")
      .trimEnd();
  return (
    [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n") + "\n"
  );
}
