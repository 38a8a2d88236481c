import * as v from "valibot";
import { GATEWAY_SPECIFICATIONS, type ReportingSpecification, VEHICLE_SPECIFICATIONS } from "../endpoints.js";
import { bool, GroupSchema, obj, str, strOrNum } from "./common.js";

const RenditionSchema = obj({ resolutionType: str(), url: str() });

/** One entry of `vehicleDetails.assets` (pictures, guides, videos). */
export const AssetSchema = obj({
  /** `PICTURE`, `PDF`, `URL`, `VIDEO`… */
  assetType: str(),
  renditions: v.nullish(v.array(RenditionSchema)),
});

/** The vehicle details (commerce API: `vehicleLinks[].vehicleDetails` and `/details`). */
export const VehicleDetailsSchema = obj({
  vin: str(),
  registrationNumber: str(),
  radioCode: str(),
  /** Often only `label` (e.g. `RENAULT`, `DACIA`). */
  brand: v.nullish(GroupSchema),
  /** `code` is the model code that routes endpoints, e.g. `X101VE`. */
  model: v.nullish(GroupSchema),
  /** `code`: `ELEC`, `ELECX`, `ESS`… */
  energy: v.nullish(GroupSchema),
  /** `ELEC`, `PHEV`, `HEV`, `OTHER`…; absent on some vehicles. */
  engineEnergyType: str(),
  assets: v.nullish(v.array(AssetSchema)),
});
/** Brand, model, energy and pictures of a vehicle. */
export type VehicleDetails = v.InferOutput<typeof VehicleDetailsSchema>;

/** Car-adapter root attributes (`kca/car-adapter/v2/cars/{vin}`). */
export const CarAdapterSchema = obj({
  vin: str(),
  vehicleId: strOrNum(),
  batteryCode: str(),
  brand: str(),
  /** e.g. `C1A`. */
  canGeneration: str(),
  /** `GDC` (ZOE phase 1, reports in watts), `AVN`… */
  carGateway: str(),
  deliveryCountry: str(),
  deliveryDate: str(),
  /** `electric`, `gasoline`… */
  energy: str(),
  engineType: str(),
  familyCode: str(),
  firstRegistrationDate: str(),
  gearbox: str(),
  modelCode: str(),
  /** The model code of the details, e.g. `X101VE`. */
  modelCodeDetail: str(),
  modelName: str(),
  radioType: str(),
  region: str(),
  registrationCountry: str(),
  registrationNumber: str(),
  tcuCode: str(),
  versionCode: str(),
  /** `on` / `off`. */
  privacyMode: str(),
  privacyModeUpdateDate: str(),
  svtFlag: bool(),
  svtBlockFlag: bool(),
});
/** The car adapter's view of a vehicle (gateway, CAN generation, privacy mode…). */
export type CarAdapter = v.InferOutput<typeof CarAdapterSchema>;

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
