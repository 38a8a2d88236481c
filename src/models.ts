/**
 * `renault-api/models`: helpers over the models the vehicle reads return: labels of the state
 * codes, readings in a fixed unit, what a car's details say about it, and the known codes of every
 * code family. The model types themselves are exported from the package root too.
 * @packageDocumentation
 */
export {
  ChargeState,
  PlugState,
  chargeStateLabel,
  chargingPowerKw,
  plugStateLabel,
  type BatterySoc,
  type BatteryStatus,
  type ChargeStateLabel,
  type PlugStateLabel,
  type SocLevelsAction,
} from "./kamereon/models/battery.js";
export { chargeDurationMinutes, isKcaChargeSchedule } from "./kamereon/models/charge.js";
export { positionOf, type Location, type Position } from "./kamereon/models/location.js";
export {
  brandLabel,
  energyCode,
  gatewayReportsChargingPowerInWatts,
  modelCode,
  modelLabel,
  pictureUrl,
  reportsChargeSessionDurationsInMinutes,
  reportsChargingPowerInWatts,
  usesElectricity,
  usesFuel,
  type PictureSize,
  type VehicleDetails,
} from "./kamereon/models/details.js";
export {
  CODE_FAMILIES,
  codeLabel,
  codeName,
  isKnownCode,
  type CodeFamily,
  type KnownCode,
  type KnownCodeName,
} from "./kamereon/models/codes.js";
export { rawPayload } from "./kamereon/models/common.js";
export {
  FeatureIds,
  featureName,
  REMOTE_FEATURES,
  type ApplicableFeature,
  type ConnectedVehicle,
  type FeatureId,
  type FeatureName,
  type KnownFeatureId,
} from "./myr/models.js";
