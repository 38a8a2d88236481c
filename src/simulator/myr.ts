/**
 * The `/myr` gateway of the MyRenault app (docs/api-notes.md, 2026, "The /myr gateway"): which
 * features each car has, its remote protocol and privacy state. Served under `sim.myrUrl`
 * (`<url>/apis`, standing for `https://apis.renault.com`), paths `/myr/api/v1/…`.
 */
import { unauthorizedResponse } from "./faults.js";
import { loadFixture } from "./fixtures.js";
import { kamereonError } from "./envelopes.js";
import { refusalOf, type SimKey } from "./models.js";
import type { Classification } from "./operations.js";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";
import type { SimVehicle } from "./world.js";

/** Feature ids (docs/api-notes.md, 2026) and the keys a car must serve to have them. */
const FEATURES: readonly (readonly [id: number, keys: readonly SimKey[], remote: boolean])[] = [
  [97, ["actions/horn-start", "actions/lights-start"], true],
  [202, ["cockpit"], false],
  [299, ["actions/charge-start"], true],
  [366, ["actions/hvac-start"], true],
  [806, ["actions/hvac-start", "battery-status"], true],
  [820, ["alerts"], false],
  [204, ["alerts"], false],
  [831, ["pressure"], false],
  [833, ["actions/charge-stop"], true],
  [954, ["actions/hvac-set-schedule"], true],
  [955, ["actions/charge-set-schedule"], true],
];

/** Models whose connected status has no `applicableFeatures` (a ZOE phase 1). */
const WITHOUT_FEATURES = new Set(["X101VE"]);

/** The features a car has, from the simulator's own support table. */
export function featuresOf(vehicle: SimVehicle): { featureId: string; status: string }[] | undefined {
  if (WITHOUT_FEATURES.has(vehicle.modelCode)) return undefined;
  return FEATURES.filter(([, keys]) =>
    keys.every((key) => refusalOf(vehicle.modelCode, key) === undefined),
  ).map(([id]) => ({ featureId: String(id), status: "ACTIVATED" }));
}

/** Answers a `/myr` call: the API key and the JWT in `x-gigya-id_token`, then the account's cars. */
export function handleMyr(
  context: HandlerContext,
  request: RecordedRequest,
  classification: Classification,
): SimulatorResponse {
  const apikey = request.headers.apikey ?? "";
  if (apikey === "")
    return { status: 401, body: { errorCode: "10.01.02.01", errorMessage: "Missing apikey." } };
  if (apikey !== context.kamereonApiKey)
    return { status: 403, body: { error: "access_denied", error_description: "Unauthorized" } };
  // The gateway wants the JWT in x-gigya-id_token; as `Authorization: Bearer` it is refused.
  const token = request.headers["x-gigya-id_token"] ?? "";
  const verdict = context.jwt.verify(token, context.now());
  if (!verdict.ok) return unauthorizedResponse(`JWT ${token === "" ? "missing" : verdict.reason}`);
  if (context.revokedJwts.has(token)) return unauthorizedResponse("JWT revoked");
  if (!request.query.country)
    return kamereonError(
      400,
      "err.func.wired.missingRequestParam",
      "Required request parameter 'country' is not present",
    );
  if (request.method !== "GET")
    return kamereonError(
      405,
      "err.func.wired.methodNotAllowed",
      `Request method '${request.method}' not supported`,
    );
  const { world } = context;
  const account =
    classification.accountId === undefined ? undefined : world.accounts.get(classification.accountId);
  const owner = world.persons.get(verdict.personId) as { accounts?: { accountId: string }[] } | undefined;
  if (!account || !owner?.accounts?.some((entry) => entry.accountId === classification.accountId))
    return { status: 403, body: loadFixture("kamereon/error/access_denied.json") };
  if (classification.endpoint === "myr/connected-vehicles") {
    const wanted = request.query.vin;
    const vins = account.vins.filter((vin) => wanted === undefined || vin === wanted);
    return { body: { vehicleLinks: vins.map((vin) => connectedVehicle(world.vehicle(vin))) } };
  }
  const vin = classification.vin ?? "";
  if (!account.vins.includes(vin))
    return { status: 404, body: loadFixture("kamereon/error/resource_not_found.json") };
  return { body: remotesOf(world.vehicle(vin)) };
}

function connectedVehicle(vehicle: SimVehicle): Record<string, unknown> {
  const features = featuresOf(vehicle);
  const adapter = vehicle.attributes("car-adapter");
  return {
    vin: vehicle.vin,
    vehicleDetails: structuredClone(vehicle.link.vehicleDetails),
    connectedStatus: {
      services: [],
      ...(features === undefined ? {} : { applicableFeatures: features }),
      remoteSecurityProtocol: vehicle.state.remoteProtocol,
      // The value names are not documented; ON/OFF mirror the car adapter's privacyMode.
      privacyModeStatus: vehicle.state.privacy ? "ON" : "OFF",
      ...(typeof adapter.privacyModeUpdateDate === "string"
        ? { privacyModeLastUpdate: adapter.privacyModeUpdateDate }
        : {}),
    },
  };
}

function remotesOf(vehicle: SimVehicle): Record<string, unknown>[] {
  const features = new Set((featuresOf(vehicle) ?? []).map((feature) => feature.featureId));
  return FEATURES.filter(([id, , remote]) => remote && features.has(String(id))).map(([id]) => ({
    featureId: String(id),
    securityProtocol: [vehicle.state.remoteProtocol],
    status: "ACTIVATED",
  }));
}
