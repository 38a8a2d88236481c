/**
 * Writes a probe as a folder a contributor can share: the capability report (human and JSON), the
 * anonymised answers laid out like the project's `fixtures/` (so they can be copied there and served
 * by the simulator), and `probe.json`, the manifest that ties each file to the request it answers.
 * The folder is scanned for secrets last; if anything is found, it is deleted and the write fails.
 */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConfigurationError } from "../errors.js";
import { CredentialKey } from "../credentials/store.js";
import type { EndpointDefinition, EndpointKey } from "../registry/index.js";
import type { RenaultSession } from "../session.js";
import { Anonymiser, isPersonalValue, type KnownPersonalData } from "./anonymise.js";
import { capabilitiesOf, capabilityJson, type CapabilityReport } from "./capabilities.js";
import { isRecord, type ProbeVerdict } from "./classify.js";
import type { ProbeStepKind } from "./plan.js";
import type { ProbeReport, ProbeResult } from "./probe.js";
import { renderProbeReport } from "./report.js";
import { scanFolder, SecretFoundError, type ScanSecrets } from "./scan.js";

/** The manifest format written in `probe.json`. */
export const PROBE_FORMAT = "renault-api-probe/1";

/** One request of the probe, as `probe.json` records it. */
export interface ProbeManifestEntry {
  readonly name: string;
  readonly kind: ProbeStepKind;
  readonly key?: EndpointKey;
  readonly method: "GET" | "POST";
  /** Absolute path template (`{account_id}`, `{vin}`, `{person_id}`). */
  readonly path: string;
  /** The route tested, relative to `/commerce/v1/accounts/{account_id}/kamereon`. */
  readonly definition?: EndpointDefinition;
  /** Names of the query parameters sent (their values are dates: left out). */
  readonly query?: readonly string[];
  readonly verdict: ProbeVerdict;
  readonly status?: number;
  readonly code?: string;
  readonly innerCode?: string;
  readonly details?: string;
  readonly error?: string;
  readonly fields?: readonly string[];
  readonly reason?: string;
  /** The answer's file, relative to the bundle (2xx bodies and error envelopes). */
  readonly file?: string;
}

/** `probe.json`: what the probe asked and where each answer is. */
export interface ProbeManifest {
  readonly format: typeof PROBE_FORMAT;
  readonly probedAt: string;
  readonly modelCode: string | null;
  readonly modelName: string | null;
  /** The fake VIN the bundle's car has. */
  readonly vin: string;
  /** The fake account id the bundle's car belongs to. */
  readonly accountId: string;
  readonly country: string | null;
  readonly budget: number;
  readonly used: number;
  readonly stopped: ProbeReport["stopped"];
  readonly results: readonly ProbeManifestEntry[];
}

/** Options of {@link writeProbeBundle}. */
export interface WriteProbeBundleOptions {
  /** The folder to create; it must not exist, or be empty. */
  readonly directory: string;
  /** The probe's session: its API keys, login token, JWT and person id are searched for. */
  readonly session?: RenaultSession | undefined;
  /** Other e-mail addresses to keep out (the login e-mail, when the caller knows it). */
  readonly emails?: Iterable<string | undefined> | undefined;
  /** Move every date and timestamp by this many days. @default 0 */
  readonly shiftDays?: number | undefined;
}

/** What {@link writeProbeBundle} wrote. */
export interface ProbeBundle {
  readonly directory: string;
  /** Files written, relative to the folder, sorted. */
  readonly files: readonly string[];
  /** The anonymised report (fake VIN, ids and answers). */
  readonly report: ProbeReport;
  readonly capabilities: CapabilityReport;
  /** The human report, as in `report.txt`. */
  readonly text: string;
  readonly manifest: ProbeManifest;
}

/**
 * Anonymises a probe report and writes it as a bundle, then scans every file written for secrets.
 *
 * @throws {ConfigurationError} the folder exists and is not empty (nothing is written)
 * @throws {SecretFoundError} the scan found a secret: the folder was deleted
 */
export async function writeProbeBundle(
  report: ProbeReport,
  options: WriteProbeBundleOptions,
): Promise<ProbeBundle> {
  const directory = options.directory;
  const secrets = await sessionSecrets(options.session);
  const person = bodyOf(report, "person");
  const vehicles = bodyOf(report, "details");
  const link = linkOf(vehicles, report.vin);
  const adapter = attributesOf(bodyOf(report, "car-adapter"));
  const known = personalData(report, person, vehicles, link, adapter, secrets.personId, options.emails);
  const anonymiser = new Anonymiser(known, { shiftDays: options.shiftDays });
  for (const result of report.results) {
    anonymiser.learn(result.body);
    if (result.details !== undefined) anonymiser.learn(result.details);
  }

  const slug = (report.modelCode ?? "unknown").toLowerCase().replace(/[^a-z0-9_-]/g, "_");
  const files = new Map<string, unknown>();
  const entries: ProbeManifestEntry[] = [];
  const results: ProbeResult[] = [];
  for (const result of report.results) {
    // Only the probed car's link, never the other cars of the account.
    const raw =
      result.step.kind === "details" && isRecord(result.body)
        ? { ...result.body, vehicleLinks: link === undefined ? [] : [link] }
        : result.body;
    const body = result.step.kind === "person" || raw === undefined ? undefined : anonymiser.json(raw);
    const details = result.details === undefined ? undefined : anonymiser.text(result.details);
    const file = body === undefined ? undefined : fileOf(result, slug);
    if (file !== undefined) files.set(file, body);
    results.push({ ...result, details, body });
    entries.push(manifestEntry(result, details, file));
  }
  const anonymised: ProbeReport = {
    ...report,
    probedAt: anonymiser.text(report.probedAt),
    vin: anonymiser.vin(report.vin),
    accountId: anonymiser.accountId(report.accountId),
    quotaError: undefined,
    results,
  };
  const capabilities = capabilitiesOf(anonymised);
  const text = renderProbeReport(anonymised, capabilities);
  const manifest: ProbeManifest = {
    format: PROBE_FORMAT,
    probedAt: anonymised.probedAt,
    modelCode: report.modelCode ?? null,
    modelName: report.modelName ?? null,
    vin: anonymised.vin,
    accountId: anonymised.accountId,
    country: isRecord(vehicles) && typeof vehicles.country === "string" ? vehicles.country : null,
    budget: report.budget,
    used: report.used,
    stopped: report.stopped,
    results: entries,
  };
  files.set("capabilities.json", capabilityJson(capabilities));
  files.set("probe.json", manifest);
  files.set("report.txt", text + "\n");

  await prepareFolder(directory);
  try {
    for (const [file, content] of files) {
      const path = join(directory, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`, {
        mode: 0o644,
      });
    }
    const findings = await scanFolder(directory, scanSecrets(report, anonymiser, known, secrets));
    if (findings.length > 0) throw new SecretFoundError(directory, findings);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    directory,
    files: [...files.keys()].sort(),
    report: anonymised,
    capabilities,
    text,
    manifest,
  };
}

/** Where a result's body goes, laid out like `fixtures/kamereon/`. */
function fileOf(result: ProbeResult, slug: string): string | undefined {
  const { step } = result;
  if (result.verdict === "not-probed" || result.verdict === "failed") return undefined;
  if (result.status !== undefined && result.status >= 300) {
    const inner = result.innerCode === undefined ? "" : `.${safe(result.innerCode)}`;
    return `kamereon/error/${step.stem}.${result.status}${inner}.${slug}.json`;
  }
  switch (step.kind) {
    case "details":
      return `kamereon/vehicles/${slug}.1.json`;
    case "person":
      return undefined;
    case "car-adapter":
      return `kamereon/vehicle_gateway/${slug}.1.json`;
    case "action":
      return `kamereon/${step.path.includes("/kcm/") ? "vehicle_kcm_action" : "vehicle_action"}/${step.stem}.${slug}.json`;
    case "read": {
      const path = step.definition?.path ?? "";
      if (path.startsWith("/kcm/")) {
        const name = path.replace(/^.*\{vin\}\//, "").replaceAll("/", "-");
        return `kamereon/vehicle_kcm_data/${name}.${slug}.json`;
      }
      if (step.key === "alerts") return `kamereon/vehicle_info/alerts.${slug}.json`;
      return `kamereon/vehicle_data/${step.stem}.${slug}.json`;
    }
  }
}

function manifestEntry(
  result: ProbeResult,
  details: string | undefined,
  file: string | undefined,
): ProbeManifestEntry {
  const { step } = result;
  return withoutUndefined({
    name: step.name,
    kind: step.kind,
    key: step.key,
    method: step.method,
    path: step.path,
    definition: step.definition,
    query: step.query === undefined ? undefined : Object.keys(step.query),
    verdict: result.verdict,
    status: result.status,
    code: result.code,
    innerCode: result.innerCode,
    details,
    error: result.error,
    fields: result.fields,
    reason: result.reason,
    file,
  }) as unknown as ProbeManifestEntry;
}

async function prepareFolder(directory: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(directory, { recursive: true });
    return;
  }
  if (entries.length > 0)
    throw new ConfigurationError(
      `The folder ${directory} already exists and is not empty: choose another one.`,
    );
}

interface SessionSecrets {
  readonly apiKeys: string[];
  readonly tokens: string[];
  readonly personId: string | undefined;
}

async function sessionSecrets(session: RenaultSession | undefined): Promise<SessionSecrets> {
  if (session === undefined) return { apiKeys: [], tokens: [], personId: undefined };
  const settings = await session.getSettings();
  const stored = await session.credentialStore.read();
  const token = (key: string) => stored[key];
  return {
    apiKeys: [settings.gigyaApiKey, settings.kamereonApiKey],
    tokens: [CredentialKey.loginToken, CredentialKey.jwt, CredentialKey.gmid, CredentialKey.ucid]
      .map(token)
      .filter((value): value is string => value !== undefined && value !== ""),
    personId: stored[CredentialKey.personId],
  };
}

/** Personal values by kind, as the writer collects them (always lists). */
type Personal = { readonly [K in keyof KnownPersonalData]-?: string[] };

/** What the session and the answers say is personal: the anonymiser replaces it everywhere. */
function personalData(
  report: ProbeReport,
  personBody: unknown,
  vehicles: unknown,
  link: Record<string, unknown> | undefined,
  adapter: Record<string, unknown> | undefined,
  personId: string | undefined,
  emails: Iterable<string | undefined> | undefined,
): Personal {
  const person = isRecord(personBody) ? personBody : {};
  const details = isRecord(link?.vehicleDetails) ? link.vehicleDetails : {};
  const entries = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const accounts = entries(person.accounts);
  const idp = isRecord(person.idp) ? person.idp : {};
  const list = (values: readonly unknown[]) =>
    values.filter((value): value is string => typeof value === "string" && isPersonalValue(value));
  return {
    vins: list([
      report.vin,
      details.vin,
      adapter?.vin,
      ...entries(field(vehicles, "vehicleLinks")).map((entry) => field(entry, "vin")),
    ]),
    registrations: list([details.registrationNumber, adapter?.registrationNumber]),
    accountIds: list([
      report.accountId,
      field(vehicles, "accountId"),
      ...accounts.map((account) => field(account, "accountId")),
    ]),
    personIds: list([personId, person.personId]),
    emails: list([
      ...(emails ?? []),
      idp.login,
      ...entries(person.emails).map((entry) => field(entry, "emailValue")),
    ]),
    names: list([person.firstName, person.lastName]),
    phones: list(entries(person.phones).map((entry) => field(entry, "phoneValue"))),
    ids: list([
      idp.idpId,
      person.partyId,
      person.mdmId,
      ...accounts.map((account) => field(account, "externalId")),
    ]),
  };
}

function scanSecrets(
  report: ProbeReport,
  anonymiser: Anonymiser,
  known: Personal,
  secrets: SessionSecrets,
): ScanSecrets {
  return {
    emails: [...known.emails, ...(anonymiser.realValues().get("email") ?? [])],
    vins: [report.vin, ...known.vins],
    registrations: known.registrations,
    accountIds: known.accountIds,
    personIds: known.personIds,
    apiKeys: secrets.apiKeys,
    tokens: secrets.tokens,
  };
}

function bodyOf(report: ProbeReport, name: string): unknown {
  const result = report.results.find((entry) => entry.step.name === name);
  return result?.verdict === "works" ? result.body : undefined;
}

function linkOf(vehicles: unknown, vin: string): Record<string, unknown> | undefined {
  const links = isRecord(vehicles) && Array.isArray(vehicles.vehicleLinks) ? vehicles.vehicleLinks : [];
  const link: unknown = links.find((entry) => isRecord(entry) && entry.vin === vin);
  return isRecord(link) ? link : undefined;
}

function attributesOf(document: unknown): Record<string, unknown> | undefined {
  const attributes = field(field(document, "data"), "attributes");
  return isRecord(attributes) ? attributes : undefined;
}

function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}
