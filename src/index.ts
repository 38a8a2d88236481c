/**
 * renault-api: a TypeScript client for the MyRenault / MyDacia / Alpine cloud API.
 * @packageDocumentation
 */
export * from "./errors.js";
export { LOCALES, LOCALE_NAMES, MYR_URL, type LocaleDetails } from "./config/locales.js";
export { CredentialKey, type CredentialStore, MemoryCredentialStore } from "./credentials/store.js";
export { FileCredentialStore, type FileCredentialStoreOptions } from "./credentials/file-store.js";
export {
  RenaultSession,
  type CallOptions,
  type Logger,
  type PinoLike,
  pinoLogger,
  type RenaultSessionOptions,
  type RequestOptions,
  type SessionSettings,
  type TraceEvent,
  type TraceService,
} from "./session.js";
export type { RetryOptions } from "./http/retry.js";

// The vehicle API: client → account → vehicle, per-model routing, models and schedules.
export {
  type ClientState,
  RenaultClient,
  type RenaultClientMemoryOptions,
  type RenaultClientOptions,
  type RenaultClientSessionOptions,
} from "./client.js";
export {
  DEFAULT_UNSUPPORTED_TTL,
  type EndpointUse,
  type ReadCacheOptions,
  type UnsupportedEndpoint,
  type UnsupportedMemoryOptions,
  type VehicleMemoryOptions,
} from "./kamereon/memory.js";
export { RenaultAccount, type RenaultAccountOptions } from "./account.js";
export {
  RenaultVehicle,
  type ChargeScheduleResult,
  type ChargeStartResult,
  type ChargeStopResult,
  type HistoryQuery,
  type PeriodQuery,
  type RenaultVehicleOptions,
  type SocLevels,
  type StartOptions,
} from "./vehicle.js";
// The endpoint keys; the routing itself is internal (a vehicle tells what it supports: `supports(key)`).
export type { ActionKey, EndpointKey, HistoryKey, ReadKey, ReadResult } from "./registry/index.js";
export type * from "./watch/events.js";
export { activeWatcher } from "./watch/index.js";
// Still used by packages/mqtt (its protocol detection and number bounds); to move behind `supports`.
export { resolveEndpoint } from "./registry/index.js";
export { SOC_LIMITS } from "./vehicle/arguments.js";
export {
  WEEKDAYS,
  chargeEndTime,
  chargeSchedulesOf,
  evProgramsOf,
  evSettingsWithPrograms,
  hvacSchedulesOf,
  serializeChargeSchedules,
  serializeHvacSchedules,
  updateChargeSchedule,
  updateEvProgram,
  updateHvacSchedule,
  type ChargeDaySchedule,
  type ChargeSchedule,
  type EvProgram,
  type EvProgramChanges,
  type HvacDaySchedule,
  type HvacSchedule,
  type Schedule,
  type ScheduleBody,
  type ScheduleChanges,
  type Weekday,
} from "./kamereon/schedules.js";
export type { ActionAttributes, ActionResult, Group } from "./kamereon/models/common.js";
export type { AccountVehicles, Alert, Contract, Person } from "./kamereon/models/account.js";
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
export {
  chargeDurationMinutes,
  type ChargeHistory,
  type ChargeMode,
  type ChargeScheduleData,
  type ChargeSession,
  type Charges,
  type ChargingSettings,
  type EvProgramData,
  type EvSettings,
  type KcaChargeSchedule,
} from "./kamereon/models/charge.js";
export type {
  HvacHistory,
  HvacScheduleData,
  HvacSessions,
  HvacSettings,
  HvacStatus,
} from "./kamereon/models/hvac.js";
export { positionOf, type Location, type Position } from "./kamereon/models/location.js";
export type {
  Cockpit,
  LockStatus,
  NotificationSettings,
  ResState,
  TyrePressure,
} from "./kamereon/models/status.js";
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
  type CarAdapter,
  type PictureSize,
  type VehicleDetails,
} from "./kamereon/models/details.js";

// Precise models: open enums for every code the server sends, and the raw payload of any model.
export { CODE_FAMILIES, codeLabel, codeName, isKnownCode } from "./kamereon/models/codes.js";
export type {
  AccountTypeCode,
  ChargeEndStatusCode,
  ChargeModeCode,
  ChargingStatusCode,
  CodeFamily,
  ContractStatusCode,
  EngineEnergyTypeCode,
  EvChargeModeCode,
  EvProgramTypeCode,
  HvacStatusCode,
  KnownAccountTypeCode,
  KnownChargeEndStatusCode,
  KnownChargeModeCode,
  KnownChargingStatusCode,
  KnownCode,
  KnownCodeName,
  KnownContractStatusCode,
  KnownEngineEnergyTypeCode,
  KnownEvChargeModeCode,
  KnownEvProgramTypeCode,
  KnownHvacStatusCode,
  KnownLockStatusCode,
  KnownOpeningStatusCode,
  KnownPlugStatusCode,
  KnownPrivacyModeCode,
  KnownRemoteSecurityProtocolCode,
  LockStatusCode,
  OpeningStatusCode,
  PlugStatusCode,
  PrivacyModeCode,
  RemoteSecurityProtocolCode,
  UnknownNumericCode,
  UnknownTextCode,
} from "./kamereon/models/codes.js";
export { rawPayload } from "./kamereon/models/common.js";
export { isKcaChargeSchedule } from "./kamereon/models/charge.js";
export type { Alerts, Contracts, PersonAccount, VehicleLink } from "./kamereon/models/account.js";
export type {
  CalendarEntry,
  ChargeCalendar,
  ChargeDayScheduleData,
  ChargeSummary,
} from "./kamereon/models/charge.js";
export type { Asset, Rendition } from "./kamereon/models/details.js";
export type { HvacDayScheduleData } from "./kamereon/models/hvac.js";

// E-mailed one-time-code login (Gigya 403101): see docs/two-factor.md.
export {
  TWO_FACTOR_CODE_LIFETIME,
  TWO_FACTOR_LOGIN_LIFETIME,
  TwoFactorChallenge,
  type CompleteOptions,
  type SendCodeOptions,
  type SentCode,
  type TwoFactorEmail,
  type TwoFactorState,
} from "./two-factor.js";

// Probing a vehicle's endpoints into a capability report and an anonymised fixture bundle: see docs/probe.md.
export {
  DEFAULT_PROBE_BUDGET,
  probeVehicle,
  type ProbeOptions,
  type ProbeReport,
  type ProbeResult,
} from "./probe/probe.js";
export { planProbe, type PlanOptions, type ProbeStep, type ProbeStepKind } from "./probe/plan.js";
export type { ProbeVerdict } from "./probe/classify.js";
export {
  capabilitiesOf,
  capabilityJson,
  type CapabilityEntry,
  type CapabilityReport,
} from "./probe/capabilities.js";
export { renderProbeReport } from "./probe/report.js";
export {
  Anonymiser,
  REFERENCE_POINT,
  type AnonymiserOptions,
  type KnownPersonalData,
  type PersonalKind,
} from "./probe/anonymise.js";
export {
  scanFolder,
  scanText,
  SecretFoundError,
  type ScanSecrets,
  type SecretFinding,
} from "./probe/scan.js";
export {
  PROBE_FORMAT,
  writeProbeBundle,
  type ProbeBundle,
  type ProbeManifest,
  type ProbeManifestEntry,
  type WriteProbeBundleOptions,
} from "./probe/bundle.js";
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
export type { ConnectedVehiclesOptions } from "./myr/gateway.js";
export type { CheckId, CheckStatus, DiagnoseOptions, DiagnosticCheck, Diagnosis } from "./doctor/diagnose.js";
export {
  ActionNotEffectiveError,
  CONFIRM_DEFAULTS,
  SharedBudgetSpentError,
  actionFeaturesOf,
  watcherReader,
  type SharedWatcher,
  REAL_CLOCK,
  describeAction,
  performAction,
  type ActionFeatures,
  type ActionName,
  type ActionOutcome,
  type ActionSpec,
  type ConfirmClock,
  type ConfirmOptions,
  type ConfirmProgress,
  type DescribedRequest,
  type EffectReader,
  type PerformOptions,
  type Performed,
} from "./actions/index.js";
export { KNOWN_NO_OPS, type KnownNoOp } from "./registry/no-ops.js";
