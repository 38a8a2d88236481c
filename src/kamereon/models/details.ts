import * as v from "valibot";
import {
  GATEWAY_SPECIFICATIONS,
  type ReportingSpecification,
  VEHICLE_SPECIFICATIONS,
} from "../../registry/models.js";
import type { EngineEnergyTypeCode, PrivacyModeCode } from "./codes.js";
import { bool, type Group, GroupSchema, model, str, strOrNum } from "./common.js";

/** One picture size of an asset. */
export interface Rendition {
  /** e.g. `ONE_MYRENAULT_LARGE`, `ONE_MYRENAULT_SMALL`. */
  readonly resolutionType?: string | null | undefined;
  readonly url?: string | null | undefined;
}
const RenditionSchema = model<Rendition>()({ resolutionType: str(), url: str() });

/** One entry of `vehicleDetails.assets` (pictures, guides, videos). */
export interface Asset {
  /** `PICTURE`, `PDF`, `URL`, `VIDEO`… */
  readonly assetType?: string | null | undefined;
  readonly renditions?: Rendition[] | null | undefined;
}
/** Reads {@link Asset}. */
export const AssetSchema = model<Asset>()({
  assetType: str(),
  renditions: v.nullish(v.array(RenditionSchema)),
});

/**
 * Brand, model, energy and pictures of a vehicle (commerce API: `vehicleLinks[].vehicleDetails`
 * and `/details`). Fields the library does not declare (there are many): {@link rawPayload}.
 */
export interface VehicleDetails {
  readonly vin?: string | null | undefined;
  readonly registrationNumber?: string | null | undefined;
  readonly radioCode?: string | null | undefined;
  /** Often only `label` (e.g. `RENAULT`, `DACIA`). */
  readonly brand?: Group | null | undefined;
  /** `code` is the model code that routes endpoints, e.g. `X101VE`. */
  readonly model?: Group | null | undefined;
  /** `code`: `ELEC`, `ELECX`, `ESS`… */
  readonly energy?: Group | null | undefined;
  /** `ELEC`, `PHEV`, `HEV`, `OTHER`…; absent on some vehicles. */
  readonly engineEnergyType?: EngineEnergyTypeCode | null | undefined;
  readonly assets?: Asset[] | null | undefined;
}
/** Reads {@link VehicleDetails}. */
export const VehicleDetailsSchema = model<VehicleDetails>()({
  vin: str(),
  registrationNumber: str(),
  radioCode: str(),
  brand: v.nullish(GroupSchema),
  model: v.nullish(GroupSchema),
  energy: v.nullish(GroupSchema),
  engineEnergyType: str(),
  assets: v.nullish(v.array(AssetSchema)),
});

/** The car adapter's view of a vehicle (`kca/car-adapter/v2/cars/{vin}`): gateway, CAN generation, privacy mode… */
export interface CarAdapter {
  readonly vin?: string | null | undefined;
  readonly vehicleId?: string | number | null | undefined;
  readonly batteryCode?: string | null | undefined;
  readonly brand?: string | null | undefined;
  /** e.g. `C1A`. */
  readonly canGeneration?: string | null | undefined;
  /** `GDC` (ZOE phase 1, reports in watts), `AVN`… */
  readonly carGateway?: string | null | undefined;
  readonly deliveryCountry?: string | null | undefined;
  /** ISO 8601 date. */
  readonly deliveryDate?: string | null | undefined;
  /** `electric`, `gasoline`… */
  readonly energy?: string | null | undefined;
  readonly engineType?: string | null | undefined;
  readonly familyCode?: string | null | undefined;
  /** ISO 8601 date. */
  readonly firstRegistrationDate?: string | null | undefined;
  readonly gearbox?: string | null | undefined;
  readonly modelCode?: string | null | undefined;
  /** The model code of the details, e.g. `X101VE`. */
  readonly modelCodeDetail?: string | null | undefined;
  readonly modelName?: string | null | undefined;
  readonly radioType?: string | null | undefined;
  readonly region?: string | null | undefined;
  readonly registrationCountry?: string | null | undefined;
  readonly registrationNumber?: string | null | undefined;
  readonly tcuCode?: string | null | undefined;
  readonly versionCode?: string | null | undefined;
  /** `on` / `off`. */
  readonly privacyMode?: PrivacyModeCode | null | undefined;
  /** When the privacy mode last changed, ISO 8601. */
  readonly privacyModeUpdateDate?: string | null | undefined;
  readonly svtFlag?: boolean | null | undefined;
  readonly svtBlockFlag?: boolean | null | undefined;
}
/** Reads {@link CarAdapter}. */
export const CarAdapterSchema = model<CarAdapter>()({
  vin: str(),
  vehicleId: strOrNum(),
  batteryCode: str(),
  brand: str(),
  canGeneration: str(),
  carGateway: str(),
  deliveryCountry: str(),
  deliveryDate: str(),
  energy: str(),
  engineType: str(),
  familyCode: str(),
  firstRegistrationDate: str(),
  gearbox: str(),
  modelCode: str(),
  modelCodeDetail: str(),
  modelName: str(),
  radioType: str(),
  region: str(),
  registrationCountry: str(),
  registrationNumber: str(),
  tcuCode: str(),
  versionCode: str(),
  privacyMode: str(),
  privacyModeUpdateDate: str(),
  svtFlag: bool(),
  svtBlockFlag: bool(),
});

/** Size of a vehicle picture. */
export type PictureSize = "small" | "large";

const ELECTRIC_ENERGY_TYPES: ReadonlySet<string> = new Set(["ELEC", "ELECX", "PHEV"]);
const FUEL_ENERGY_TYPES: ReadonlySet<string> = new Set(["OTHER", "PHEV", "HEV"]);

/** The brand label, e.g. `RENAULT` or `DACIA`. */
export function brandLabel(details: VehicleDetails): string | undefined {
  return details.brand?.label ?? undefined;
}

/** The model code, e.g. `X101VE`: the key of per-model routing. */
export function modelCode(details: VehicleDetails): string | undefined {
  return details.model?.code ?? undefined;
}

/** The model label, e.g. `ZOE`. */
export function modelLabel(details: VehicleDetails): string | undefined {
  return details.model?.label ?? undefined;
}

/** The energy code, e.g. `ELEC`, `ELECX`, `ESS`. */
export function energyCode(details: VehicleDetails): string | undefined {
  return details.energy?.code ?? undefined;
}

/** `engineEnergyType` when present, else the energy code. */
function energyType(details: VehicleDetails): string | undefined {
  return details.engineEnergyType ? details.engineEnergyType : energyCode(details);
}

/** Whether the vehicle runs (also) on electricity: electric or plug-in hybrid. */
export function usesElectricity(details: VehicleDetails): boolean {
  const type = energyType(details);
  return type !== undefined && ELECTRIC_ENERGY_TYPES.has(type);
}

/** Whether the vehicle runs (also) on fuel: combustion, hybrid or plug-in hybrid. */
export function usesFuel(details: VehicleDetails): boolean {
  const type = energyType(details);
  return type !== undefined && FUEL_ENERGY_TYPES.has(type);
}

/** The URL of the vehicle's picture, or `undefined` when the details carry none of that size. */
export function pictureUrl(details: VehicleDetails, size: PictureSize = "large"): string | undefined {
  const resolution = `ONE_MYRENAULT_${size.toUpperCase()}`;
  for (const asset of details.assets ?? []) {
    if (asset.assetType !== "PICTURE") continue;
    const rendition = asset.renditions?.find((entry) => entry.resolutionType === resolution);
    if (rendition?.url) return rendition.url;
  }
  return undefined;
}

/** Whether `battery-status.chargingInstantaneousPower` is in watts (ZOE phase 1) rather than kW. */
export function reportsChargingPowerInWatts(details: VehicleDetails): boolean {
  return flag(VEHICLE_SPECIFICATIONS, modelCode(details), "reports-in-watts");
}

/** Whether `charges[].chargeDuration` is in minutes (ZOE phase 1) rather than seconds. */
export function reportsChargeSessionDurationsInMinutes(details: VehicleDetails): boolean {
  return flag(VEHICLE_SPECIFICATIONS, modelCode(details), "reports-charge-session-durations-in-minutes");
}

/** Like {@link reportsChargingPowerInWatts}, from the car adapter's gateway (`GDC` → watts). */
export function gatewayReportsChargingPowerInWatts(carAdapter: CarAdapter): boolean {
  return flag(GATEWAY_SPECIFICATIONS, carAdapter.carGateway ?? undefined, "reports-in-watts");
}

function flag(
  table: Readonly<Record<string, ReportingSpecification>>,
  key: string | undefined,
  name: keyof ReportingSpecification,
): boolean {
  return key !== undefined && Object.hasOwn(table, key) ? (table[key]?.[name] ?? false) : false;
}
