/**
 * renault-api: a TypeScript client for the MyRenault / MyDacia / Alpine cloud API.
 *
 * The root exports what most programs need: the client, account and vehicle, the credential
 * stores, the errors worth catching and the model types. The rest is in subpaths:
 * `renault-api/models` (label and unit helpers over the models), `renault-api/schedules`
 * (schedule editors), `renault-api/errors` (every error class), `renault-api/actions` (confirmed
 * actions), `renault-api/probe` (the probe kit) and `renault-api/simulator`. Every name is listed (no `export *`):
 * test/public-api.test.ts counts the runtime ones (at most 40, issue 13).
 * @packageDocumentation
 */
export {
  ConfigurationError,
  EndpointNotAvailableError,
  HttpError,
  InvalidArgumentError,
  InvalidCredentialsError,
  InvalidResponseError,
  isTransientError,
  KamereonError,
  NetworkError,
  NotAuthenticatedError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  RenaultError,
  TimeoutError,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  TwoFactorRequiredError,
  type KamereonErrorEntry,
  type TwoFactorExpiryReason,
} from "./errors.js";
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
export type {
  EndpointUse,
  ReadCacheOptions,
  UnsupportedEndpoint,
  UnsupportedMemoryOptions,
  VehicleMemoryOptions,
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
  type SocLimits,
  type StartOptions,
} from "./vehicle.js";
export type { VehicleReads } from "./vehicle/reads.js";
// The endpoint keys; the routing itself is internal (a vehicle tells what it supports: `supports(key)`).
export type { ActionKey, EndpointKey, HistoryKey, ReadKey, ReadResult } from "./registry/index.js";
// The live feed of `client.watch()` (docs/watch.md).
export type {
  BudgetEvent,
  ChangeEvent,
  FieldChange,
  HealthEvent,
  QuotaEvent,
  Reading,
  Readings,
  SnapshotEvent,
  UnsupportedEvent,
  WatchError,
  WatchEvent,
  WatchHandle,
  WatchOptions,
} from "./watch/events.js";
export { activeWatcher } from "./watch/index.js";
// The schedule editors are in `renault-api/schedules`; their types are here too.
export type {
  ChargeDaySchedule,
  ChargeSchedule,
  EvProgram,
  EvProgramChanges,
  HvacDaySchedule,
  HvacSchedule,
  Schedule,
  ScheduleBody,
  ScheduleChanges,
  Weekday,
} from "./kamereon/schedules.js";
export type { ActionAttributes, ActionResult, Group } from "./kamereon/models/common.js";
export type { AccountVehicles, Alert, Contract, Person } from "./kamereon/models/account.js";
// The label and unit helpers are in `renault-api/models`; the state tables and raw payload here.
export {
  ChargeState,
  PlugState,
  type BatterySoc,
  type BatteryStatus,
  type ChargeStateLabel,
  type PlugStateLabel,
  type SocLevelsAction,
} from "./kamereon/models/battery.js";
export type {
  ChargeHistory,
  ChargeMode,
  ChargeScheduleData,
  ChargeSession,
  Charges,
  ChargingSettings,
  EvProgramData,
  EvSettings,
  KcaChargeSchedule,
} from "./kamereon/models/charge.js";
export type {
  HvacHistory,
  HvacScheduleData,
  HvacSessions,
  HvacSettings,
  HvacStatus,
} from "./kamereon/models/hvac.js";
export type { Location, Position } from "./kamereon/models/location.js";
export type {
  Cockpit,
  LockStatus,
  NotificationSettings,
  ResState,
  TyrePressure,
} from "./kamereon/models/status.js";
export type { CarAdapter, PictureSize, VehicleDetails } from "./kamereon/models/details.js";

// Precise models: open enums for every code the server sends, and the raw payload of any model.
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

// The /myr gateway's feature ids (their helpers are in `renault-api/models`) and the diagnosis.
export type {
  ApplicableFeature,
  ConnectedVehicle,
  FeatureId,
  FeatureName,
  KnownFeatureId,
} from "./myr/models.js";
export type { ConnectedVehiclesOptions } from "./myr/gateway.js";
export type { CheckId, CheckStatus, DiagnoseOptions, DiagnosticCheck, Diagnosis } from "./doctor/diagnose.js";
// Confirmed actions: `performAction` and the rest are in `renault-api/actions`; the types here too.
export {
  ActionNotEffectiveError,
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
  type SharedWatcher,
} from "./actions/index.js";
export type { KnownNoOp } from "./registry/no-ops.js";
