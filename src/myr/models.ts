/**
 * The `/myr` gateway's answers (issue 15 item 4): which features each car of an account has, its
 * remote security protocol and its privacy state. Parsed leniently like the Kamereon models: every
 * field is optional, unknown fields are kept, codes are open.
 */
import * as v from "valibot";
import type { RemoteSecurityProtocolCode, UnknownTextCode } from "../kamereon/models/codes.js";
import { model, obj, parse, str } from "../kamereon/models/common.js";
import { VehicleDetailsSchema, type VehicleDetails } from "../kamereon/models/details.js";

/**
 * Feature ids of `applicableFeatures`, by name (the ids the MyRenault app uses, as collected by
 * owners; see the `/myr` section of docs/doctor.md).
 */
export const FeatureIds = {
  HORN_AND_LIGHTS: "97",
  MILEAGE: "202",
  MAINTENANCE_ALERTS: "204",
  HYBRID_BATTERY_HEALTH: "345",
  INSTANT_CHARGE: "299",
  INSTANT_HVAC: "366",
  HVAC_WITH_TEMPERATURE: "806",
  CONNECTED_MAINTENANCE: "820",
  TYRE_PRESSURE: "831",
  CHARGE_PAUSE_RESUME: "833",
  EV_PROGRAMMES: "952",
  EV_PROGRAMMES_2: "953",
  PRECONDITIONING: "954",
  SCHEDULED_CHARGE: "955",
  V2G: "701",
  V2L: "740",
  PLUG_AND_CHARGE: "743",
  REMOTE_LOCK_UNLOCK: "2021",
} as const;
/** The name of a known feature, e.g. `HORN_AND_LIGHTS`. */
export type FeatureName = keyof typeof FeatureIds;
/** A known feature id. */
export type KnownFeatureId = (typeof FeatureIds)[FeatureName];
/** A feature id: a known one, or an unknown one kept as sent (numbers become strings). */
export type FeatureId = KnownFeatureId | UnknownTextCode;

/** Features that are remote commands: the ones an `SRP` car refuses (errorCode 6). */
export const REMOTE_FEATURES: ReadonlySet<string> = new Set<string>([
  FeatureIds.HORN_AND_LIGHTS,
  FeatureIds.INSTANT_CHARGE,
  FeatureIds.INSTANT_HVAC,
  FeatureIds.HVAC_WITH_TEMPERATURE,
  FeatureIds.CHARGE_PAUSE_RESUME,
  FeatureIds.PRECONDITIONING,
  FeatureIds.SCHEDULED_CHARGE,
  FeatureIds.REMOTE_LOCK_UNLOCK,
]);

/** One entry of `applicableFeatures`. */
export interface ApplicableFeature {
  readonly featureId: FeatureId;
  /** e.g. `ACTIVATED`; kept as sent. */
  readonly status: string | undefined;
  /** The feature's name when the id is known, e.g. `TYRE_PRESSURE`. */
  readonly name: FeatureName | undefined;
}

/** A car of the account as the `/myr` gateway sees it. */
export interface ConnectedVehicle {
  readonly vin: string;
  readonly vehicleDetails: VehicleDetails | undefined;
  /** The features the car has; `undefined` when the gateway lists none (a ZOE phase 1). */
  readonly applicableFeatures: readonly ApplicableFeature[] | undefined;
  /** `JWT`: remote commands work directly; `SRP`: they are refused with errorCode 6. */
  readonly remoteSecurityProtocol: RemoteSecurityProtocolCode | undefined;
  /** The privacy (data sharing) state as sent, e.g. `ON` or `OFF`. */
  readonly privacyModeStatus: string | undefined;
  /** When the privacy state last changed (ISO 8601, as sent). */
  readonly privacyModeLastUpdate: string | undefined;
  /** Whether privacy mode is on (data sharing off): `undefined` when the state is absent or unknown. */
  readonly privacyModeOn: boolean | undefined;
}

const IdSchema = v.union([v.string(), v.pipe(v.number(), v.transform(String))]);

interface RawFeature {
  readonly featureId?: string | null | undefined;
  readonly status?: string | null | undefined;
}
const FeatureSchema = model<RawFeature>()({ featureId: v.nullish(IdSchema), status: str() });

interface RawStatus {
  readonly applicableFeatures?: RawFeature[] | null | undefined;
  readonly remoteSecurityProtocol?: string | null | undefined;
  readonly privacyModeStatus?: string | null | undefined;
  readonly privacyModeLastUpdate?: string | null | undefined;
}
const StatusSchema = model<RawStatus>()({
  applicableFeatures: v.nullish(v.array(FeatureSchema)),
  remoteSecurityProtocol: str(),
  privacyModeStatus: v.nullish(v.union([v.string(), v.pipe(v.boolean(), v.transform(String))])),
  privacyModeLastUpdate: str(),
});

const LinkSchema = obj({
  vin: str(),
  vehicleDetails: v.nullish(VehicleDetailsSchema),
  connectedStatus: v.nullish(StatusSchema),
});
const ConnectedVehiclesSchema = obj({ vehicleLinks: v.nullish(v.array(LinkSchema)) });

const FEATURE_NAMES: ReadonlyMap<string, FeatureName> = new Map(
  Object.entries(FeatureIds).map(([name, id]) => [id, name as FeatureName]),
);

/** The name of a known feature id; `undefined` for an unknown one. */
export function featureName(featureId: string): FeatureName | undefined {
  return FEATURE_NAMES.get(featureId);
}

/**
 * Parses a `connected-vehicles` answer; links without a VIN are skipped.
 * @throws {InvalidResponseError} the answer does not have the expected shape
 */
export function parseConnectedVehicles(body: unknown): ConnectedVehicle[] {
  const links = parse(ConnectedVehiclesSchema, body, "myr/connected-vehicles").vehicleLinks ?? [];
  return links.flatMap((link): ConnectedVehicle[] => {
    if (!link.vin) return [];
    const status = link.connectedStatus ?? undefined;
    const features = status?.applicableFeatures ?? undefined;
    const privacy = status?.privacyModeStatus ?? undefined;
    return [
      {
        vin: link.vin,
        vehicleDetails: link.vehicleDetails ?? undefined,
        applicableFeatures: features?.flatMap((feature) =>
          feature.featureId
            ? [
                {
                  featureId: feature.featureId,
                  status: feature.status ?? undefined,
                  name: featureName(feature.featureId),
                },
              ]
            : [],
        ),
        remoteSecurityProtocol: status?.remoteSecurityProtocol ?? undefined,
        privacyModeStatus: privacy,
        privacyModeLastUpdate: status?.privacyModeLastUpdate ?? undefined,
        privacyModeOn: privacyOn(privacy),
      },
    ];
  });
}

/** The gateway does not document its privacy values; these are the ones seen or mirrored. */
function privacyOn(status: string | undefined): boolean | undefined {
  if (status === undefined) return undefined;
  if (/^(on|true|enabled|activated)$/i.test(status)) return true;
  if (/^(off|false|disabled|deactivated)$/i.test(status)) return false;
  return undefined;
}
