/**
 * The capability report: a probe's results in the shape of one model entry of `MODEL_ENDPOINTS`
 * (`src/registry/models.ts`), ready to paste, with the evidence for each key beside it.
 *
 * Per logical key, from the steps that asked it (the default route first, then the variants):
 * - a route that works → its definition (the first that works, default first);
 * - a route that answered 2xx with nothing in it yet → its definition (the endpoint exists);
 * - every route refused with an "unsupported" answer → `null`; for an action some model drives
 *   another way (charge start through KCM…), only the default was tried, so the key is left out;
 * - otherwise (a failure, a 404 "no data yet", a step not sent) → left out: the model keeps the
 *   default route with a warning until someone probes again.
 */
import type { EndpointDefinition, EndpointKey } from "../registry/index.js";
import { variantsOf } from "./plan.js";
import type { ProbeReport, ProbeResult } from "./probe.js";

/** One model entry of the routing table. */
export type CapabilityEntry = Partial<Record<EndpointKey, EndpointDefinition | null>>;

/** The capability report of one probe. */
export interface CapabilityReport {
  /** The model code the entry is for (`UNKNOWN` when the details could not be read). */
  readonly modelCode: string;
  /** The model entry, keys sorted. */
  readonly entry: CapabilityEntry;
  /** Why each key got its value, or why it was left out, keys sorted. */
  readonly evidence: Readonly<Partial<Record<EndpointKey, string>>>;
}

/** The capability report of a probe. */
export function capabilitiesOf(report: ProbeReport): CapabilityReport {
  const byKey = new Map<EndpointKey, ProbeResult[]>();
  for (const result of report.results) {
    const key = result.step.key;
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), result]);
  }
  const entry: CapabilityEntry = {};
  const evidence: Partial<Record<EndpointKey, string>> = {};
  for (const key of [...byKey.keys()].sort()) {
    const results = byKey.get(key) ?? [];
    const decided = decide(key, results);
    if (decided.value !== undefined) entry[key] = decided.value;
    evidence[key] = decided.evidence;
  }
  return { modelCode: report.modelCode ?? "UNKNOWN", entry, evidence };
}

/** The capability JSON: `{ "<MODEL>": entry, "evidence": {...} }`. */
export function capabilityJson(capabilities: CapabilityReport): Record<string, unknown> {
  return { [capabilities.modelCode]: capabilities.entry, evidence: capabilities.evidence };
}

function decide(
  key: EndpointKey,
  results: readonly ProbeResult[],
): { value: EndpointDefinition | null | undefined; evidence: string } {
  const text = results.map(describeResult).join("; ");
  // Keyed steps (reads and actions) always carry the route they test.
  const works = results.find((result) => result.verdict === "works")?.step.definition;
  if (works) return { value: { path: works.path, mode: works.mode }, evidence: text };
  const empty = results.find((result) => result.verdict === "no-data" && result.status === 200)?.step
    .definition;
  if (empty) return { value: { path: empty.path, mode: empty.mode }, evidence: `${text} (no data yet)` };
  if (results.every((result) => result.verdict === "not-supported")) {
    if (key.startsWith("actions/") && variantsOf(key).length > 0)
      return {
        value: undefined,
        evidence: `${text}; left out: other models drive it another way (${variantsOf(key)
          .map((variant) => `${variant.mode} ${variant.path}`)
          .join(", ")}), not tried`,
      };
    return { value: null, evidence: text };
  }
  return { value: undefined, evidence: `${text}; left out: probe again` };
}

/** A read or action result as a line of evidence, e.g. `KCA v1: 404 err.func.wired.notFound (…)`. */
export function describeResult(result: ProbeResult): string {
  return `${routeOf(result)}: ${outcomeOf(result)}`;
}

/** The outcome of a result without its route. */
export function outcomeOf(result: ProbeResult): string {
  switch (result.verdict) {
    case "works": {
      const fields = result.fields ?? [];
      return `${result.status ?? 200}, ${fields.length} field${fields.length === 1 ? "" : "s"}`;
    }
    case "no-data":
      return result.status === 200 ? "200, empty" : `${errorSummary(result)}, no data yet`;
    case "not-supported":
      return `${errorSummary(result)}, not supported`;
    case "failed":
      return `${errorSummary(result)}, failed (transient)`;
    case "not-probed":
      return `not probed (${NOT_PROBED_REASONS[result.reason ?? "budget"]})`;
  }
}

/** Why a step was not sent, in words. */
export const NOT_PROBED_REASONS = {
  budget: "request budget used up",
  quota: "quota reached",
  declined: "declined at the prompt",
} as const;

/** An error answer in one line: `404 err.func.wired.notFound (Resource not found)`. */
export function errorSummary(result: ProbeResult): string {
  const head = [result.status, result.code ?? result.error, result.innerCode].filter(
    (part) => part !== undefined && part !== "",
  );
  const details = result.details && result.details !== result.code ? ` (${result.details})` : "";
  return head.join(" ") + details;
}

/** A short name of a step's route: `KCA v1`, `KCA v2`, `KCM ev/settings`, `alerts`. */
export function routeOf(result: ProbeResult): string {
  const path = result.step.definition?.path ?? result.step.path;
  const kca = /^\/kca\/car-adapter\/(v\d+)\/cars\/\{vin\}(?:\/(.*))?$/.exec(path);
  if (kca) return `KCA ${kca[1] ?? ""}`;
  const kcm = /^\/kcm\/(v\d+)\/vehicles\/\{vin\}\/(.*)$/.exec(path);
  if (kcm) return `KCM ${kcm[2] ?? ""}`;
  return path.replace(/^\/vehicles\/\{vin\}\//, "");
}
