/**
 * Serving a probe bundle (`renault-api probe`): the probed car joins the simulator's world, with
 * the answers recorded in the bundle. `startSimulator({ fixtures: "<bundle>" })` and
 * `renault-api simulator --fixtures <bundle>`.
 *
 * The car is a simulated car like the demo ones (actions work and change what it reports, faults
 * and quota apply), built from the bundle's files where it has them and from the default fixtures
 * elsewhere. For the reads the probe recorded, the bundle wins over the routing table: a read it
 * recorded as refused answers that error, a read it recorded with data answers the data (even if
 * the table says the model lacks it). Reads the probe did not get to follow the model's routing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError } from "../errors.js";
import type { ProbeManifest, ProbeManifestEntry } from "../probe/bundle.js";
import { DEFAULT_PROFILE, DEFAULT_READS, type VehicleProfile } from "./catalog.js";
import { checkSupport } from "./capabilities.js";
import { loadFixture } from "./fixtures.js";
import { isRecord, OPERATIONS, type Classification, type ReadName } from "./operations.js";
import type { RecordedRequest, SimulatorResponse } from "./server.js";
import { errorAnswer } from "./car.js";
import { attributesIn, DEMO_ACCOUNT, newVehicleState, type SimVehicle, type World } from "./world.js";

/** The cars of a bundle in a running simulator, and how their recorded answers override. */
export interface SimulatorBundle {
  /** The bundle's cars (their fake VINs), empty without a bundle. */
  readonly vins: readonly string[];
  /**
   * The answer to send: the simulator's own, unless the request is a read of a bundle car that
   * the bundle recorded otherwise. Only reads that passed the key, JWT and quota checks change.
   */
  answer(
    request: RecordedRequest,
    classification: Classification,
    response: SimulatorResponse,
  ): SimulatorResponse;
}

/** What a bundle recorded for one read of its car. */
type Recorded =
  | { readonly kind: "data"; readonly body: unknown }
  | { readonly kind: "error"; readonly response: SimulatorResponse };

interface BundleCar {
  readonly vehicle: SimVehicle;
  /** By operation template (relative path with `{vin}`). */
  readonly recorded: ReadonlyMap<string, Recorded>;
}

const NO_BUNDLE: SimulatorBundle = { vins: [], answer: (_request, _classification, response) => response };

/**
 * Adds the car of a probe bundle to the world; `undefined` adds nothing.
 * @throws {ConfigurationError} the folder is not a probe bundle, or its car clashes with one in the world
 */
export function loadBundle(world: World, directory: string | undefined): SimulatorBundle {
  if (directory === undefined) return NO_BUNDLE;
  const manifest = readManifest(directory);
  const car = buildCar(world, directory, manifest);
  const cars = new Map([[car.vehicle.vin, car]]);
  return {
    vins: [car.vehicle.vin],
    answer(request, classification, response) {
      const found = cars.get(classification.vin ?? "");
      const operation = classification.operation;
      if (!found || !operation || operation.method !== "GET" || operation.read === undefined) return response;
      const recorded = found.recorded.get(operation.template);
      if (recorded === undefined) return response;
      const status = response.status ?? 200;
      if (recorded.kind === "error") return status < 300 ? structuredClone(recorded.response) : response;
      // Recorded data: a refusal from the routing table (and only that) gives way to it.
      const verdict = checkSupport(found.vehicle.modelCode, operation, undefined);
      const refused =
        !verdict.supported && JSON.stringify(errorAnswer(verdict.answer)) === JSON.stringify(response);
      if (refused) return { body: structuredClone(found.vehicle.state.documents.get(operation.read)) };
      // The charge history is not a live document of the car: the recorded one is served.
      if (status < 300 && operation.read === "charge-history")
        return { body: structuredClone(recorded.body) };
      return response;
    },
  };
}

function readManifest(directory: string): ProbeManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(directory, "probe.json"), "utf8"));
  } catch (error) {
    throw new ConfigurationError(
      `${directory} is not a probe bundle: no readable probe.json (write one with \`renault-api probe\`).`,
      { cause: error },
    );
  }
  if (!isRecord(manifest) || manifest.format !== "renault-api-probe/1" || !Array.isArray(manifest.results))
    throw new ConfigurationError(`${directory}/probe.json is not a renault-api probe manifest.`);
  return manifest as unknown as ProbeManifest;
}

function readJson(directory: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(directory, file), "utf8"));
  } catch (error) {
    throw new ConfigurationError(`The probe bundle ${directory} has an unreadable ${file}.`, {
      cause: error,
    });
  }
}

function buildCar(world: World, directory: string, manifest: ProbeManifest): BundleCar {
  const entry = (kind: string) => manifest.results.find((result) => result.kind === kind && result.file);
  const vehicles = entry("details");
  if (vehicles?.file === undefined)
    throw new ConfigurationError(
      `The probe bundle ${directory} has no vehicle details: it cannot be served.`,
    );
  const read = readJson(directory, vehicles.file);
  const list = isRecord(read) ? read : {};
  const link = Array.isArray(list.vehicleLinks) ? (list.vehicleLinks[0] as unknown) : undefined;
  if (!isRecord(link) || typeof link.vin !== "string")
    throw new ConfigurationError(`The probe bundle ${directory} has no vehicle link in ${vehicles.file}.`);
  const vin = link.vin;
  if (world.vehicles.has(vin))
    throw new ConfigurationError(`The simulator already has a car with the bundle's VIN ${vin}.`);
  const details = isRecord(link.vehicleDetails) ? link.vehicleDetails : {};
  const model = isRecord(details.model) && typeof details.model.code === "string" ? details.model.code : "";
  const accountId =
    typeof list.accountId === "string" && list.accountId !== "" ? list.accountId : manifest.accountId;
  const country = typeof list.country === "string" ? list.country : (manifest.country ?? "FR");

  const documents = defaultDocuments(vin);
  const recorded = new Map<string, Recorded>();
  for (const result of manifest.results) {
    const template = result.definition?.path;
    if (template === undefined || result.file === undefined || result.method !== "GET") continue;
    const body = readJson(directory, result.file);
    const operation = OPERATIONS.find(
      (candidate) => candidate.method === "GET" && candidate.template === template,
    );
    if (operation?.read === undefined) continue;
    if (isAnswer(result)) {
      documents.set(operation.read, body);
      recorded.set(template, { kind: "data", body });
    } else {
      recorded.set(template, { kind: "error", response: { status: result.status ?? 404, body } });
    }
  }

  const profile: VehicleProfile = { ...DEFAULT_PROFILE, vehicle: vehicles.file, reads: {}, noData: [] };
  const vehicle: SimVehicle = {
    vin,
    accountId,
    link,
    modelCode: model,
    model: undefined,
    profile,
    state: newVehicleState(documents, world.now()),
    attributes(read) {
      return attributesIn(documents, read);
    },
  };
  if (vehicle.attributes("hvac-status").hvacStatus === "on")
    vehicle.state.hvacOffAt = world.now() + profile.hvacMinutes * 60_000;
  addAccount(world, accountId, country);
  world.vehicles.set(vin, vehicle);
  world.accounts.get(accountId)?.vins.push(vin);
  return { vehicle, recorded };
}

function isAnswer(result: ProbeManifestEntry): boolean {
  return result.status === undefined || result.status < 300;
}

/** The default answer of every read, for what the bundle does not have. */
function defaultDocuments(vin: string): Map<ReadName, unknown> {
  const documents = new Map<ReadName, unknown>();
  for (const [read, file] of Object.entries(DEFAULT_READS) as [Exclude<ReadName, "car-adapter">, string][]) {
    const document = loadFixture(`kamereon/${file}`);
    if (isRecord(document) && isRecord(document.data)) document.data.id = vin;
    documents.set(read, document);
  }
  const adapter = loadFixture("kamereon/vehicle_gateway/zoe_50.1.json") as { data: Record<string, unknown> };
  adapter.data.id = vin;
  adapter.data.attributes = { ...(adapter.data.attributes as Record<string, unknown>), vin };
  documents.set("car-adapter", adapter);
  return documents;
}

/** The account of the bundle's car: the demo person's, created when the world has no such account. */
/** Adds an account (MYRENAULT, owned by the demo person) to the world, unless it exists. */
export function addAccount(world: World, accountId: string, country: string): void {
  if (world.accounts.has(accountId)) return;
  world.accounts.set(accountId, { country, vins: [] });
  // The demo person always exists and lists its accounts (world.ts).
  const person = world.persons.get(DEMO_ACCOUNT.personId) as { accounts: unknown[] };
  person.accounts.push({
    accountId,
    accountType: "MYRENAULT",
    accountStatus: "ACTIVE",
    country,
    personId: DEMO_ACCOUNT.personId,
    relationType: "OWNER",
  });
}
