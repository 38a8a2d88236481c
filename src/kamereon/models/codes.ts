/**
 * The states the server sends as codes, as open enums: each family is a table from a name to its
 * known value, and its type is the union of those values plus "anything else". A value the table
 * does not know is kept exactly as it came (the server keeps adding some: `delegated` charge mode,
 * see issue 15), so code that switches over a family must have a branch for the unknown case.
 *
 * The "anything else" member is `number & {}` / `string & {}` rather than `number` / `string`:
 * the union then does not collapse to `number`, editors still offer the known values, and an
 * exhaustive `switch` cannot end in `never` (the unknown branch is required).
 */

/** A numeric code the library does not know (yet), kept as the server sent it. */
export type UnknownNumericCode = number & {};
/** A text code the library does not know (yet), kept as the server sent it. */
export type UnknownTextCode = string & {};

/** Values of `battery-status.plugStatus`. */
export const PlugState = {
  UNPLUGGED: 0,
  PLUGGED: 1,
  PLUG_ERROR: -1,
  PLUG_UNKNOWN: -2147483648,
} as const;
/** Name of a known `plugStatus` value. */
export type PlugStateLabel = keyof typeof PlugState;
/** A known `plugStatus` value. */
export type KnownPlugStatusCode = (typeof PlugState)[PlugStateLabel];
/** `battery-status.plugStatus`: a {@link PlugState} value, or an unknown one kept as sent. */
export type PlugStatusCode = KnownPlugStatusCode | UnknownNumericCode;

/** Values of `battery-status.chargingStatus`. */
export const ChargeState = {
  NOT_IN_CHARGE: 0.0,
  WAITING_FOR_A_PLANNED_CHARGE: 0.1,
  CHARGE_ENDED: 0.2,
  WAITING_FOR_CURRENT_CHARGE: 0.3,
  ENERGY_FLAP_OPENED: 0.4,
  CHARGE_IN_PROGRESS: 1.0,
  /** "Not charging" on ZOE phase 1, "error" on ZOE phase 2. */
  CHARGE_ERROR: -1.0,
  UNAVAILABLE: -1.1,
  V2G_CHARGING_WAITING: -1.3,
  V2L_CONNECTED: -1.4,
  V2G_DISCHARGING: -1.5,
  V2G_CHARGING_NORMAL: -1.6,
} as const;
/** Name of a known `chargingStatus` value. */
export type ChargeStateLabel = keyof typeof ChargeState;
/** A known `chargingStatus` value. */
export type KnownChargingStatusCode = (typeof ChargeState)[ChargeStateLabel];
/** `battery-status.chargingStatus`: a {@link ChargeState} value, or an unknown one kept as sent. */
export type ChargingStatusCode = KnownChargingStatusCode | UnknownNumericCode;

/**
 * Values of `charge-mode.chargeMode` and `charging-settings.mode`, which drift between car
 * generations (`always` / `always_charging`, `scheduled` / `schedule_mode`); `delegated` is the
 * smart charging a third party manages (issue 15).
 */
export const ChargeModes = {
  ALWAYS: "always",
  ALWAYS_CHARGING: "always_charging",
  SCHEDULED: "scheduled",
  SCHEDULE_MODE: "schedule_mode",
  DELAYED: "delayed",
  DELEGATED: "delegated",
} as const;
/** A known charge mode. */
export type KnownChargeModeCode = (typeof ChargeModes)[keyof typeof ChargeModes];
/** A charge mode: a value of {@link CODE_FAMILIES}`.chargeMode`, or an unknown one kept as sent. */
export type ChargeModeCode = KnownChargeModeCode | UnknownTextCode;

/** Values of KCM `ev/settings.chargeModeRq`. */
export const EvChargeModes = { ALWAYS: "ALWAYS", SCHEDULED: "SCHEDULED" } as const;
/** A known KCM charge mode. */
export type KnownEvChargeModeCode = (typeof EvChargeModes)[keyof typeof EvChargeModes];
/** KCM `ev/settings.chargeModeRq`: a value of {@link CODE_FAMILIES}`.evChargeMode`, or an unknown one kept as sent. */
export type EvChargeModeCode = KnownEvChargeModeCode | UnknownTextCode;

/** Text values of `hvac-status.hvacStatus`. */
export const HvacStates = { ON: "on", OFF: "off" } as const;
/** A known `hvacStatus` value. */
export type KnownHvacStatusCode = (typeof HvacStates)[keyof typeof HvacStates];
/**
 * `hvac-status.hvacStatus`: a value of {@link CODE_FAMILIES}`.hvacStatus`, or an unknown one kept as sent; some cars
 * send a number (`1`), whose meaning is not known.
 */
export type HvacStatusCode = KnownHvacStatusCode | UnknownTextCode | UnknownNumericCode;

/** Values of `lock-status.lockStatus`. */
export const LockStates = { LOCKED: "locked", UNLOCKED: "unlocked" } as const;
/** A known `lockStatus` value. */
export type KnownLockStatusCode = (typeof LockStates)[keyof typeof LockStates];
/** `lock-status.lockStatus`: a value of {@link CODE_FAMILIES}`.lockStatus`, or an unknown one kept as sent. */
export type LockStatusCode = KnownLockStatusCode | UnknownTextCode;

/** Values of the door and hatch fields of `lock-status`. */
export const OpeningStates = { OPEN: "open", CLOSED: "closed" } as const;
/** A known door or hatch state. */
export type KnownOpeningStatusCode = (typeof OpeningStates)[keyof typeof OpeningStates];
/** A door or hatch of `lock-status`: a value of {@link CODE_FAMILIES}`.openingStatus`, or an unknown one kept as sent. */
export type OpeningStatusCode = KnownOpeningStatusCode | UnknownTextCode;

/** Values of `charges[].chargeEndStatus`. */
export const ChargeEndStates = { OK: "ok", ERROR: "error" } as const;
/** A known `chargeEndStatus` value. */
export type KnownChargeEndStatusCode = (typeof ChargeEndStates)[keyof typeof ChargeEndStates];
/** `charges[].chargeEndStatus`: a value of {@link CODE_FAMILIES}`.chargeEndStatus`, or an unknown one kept as sent. */
export type ChargeEndStatusCode = KnownChargeEndStatusCode | UnknownTextCode;

/** Values of KCM `ev/settings.programs[].programType`. */
export const EvProgramTypes = {
  CHARGE: "CHARGE",
  PRECONDITIONING: "PRECONDITIONING",
  CHARGE_AND_PRECONDITIONING: "CHARGE_AND_PRECONDITIONING",
} as const;
/** A known program type. */
export type KnownEvProgramTypeCode = (typeof EvProgramTypes)[keyof typeof EvProgramTypes];
/** A KCM program type: a value of {@link CODE_FAMILIES}`.evProgramType`, or an unknown one kept as sent. */
export type EvProgramTypeCode = KnownEvProgramTypeCode | UnknownTextCode;

/** Values of the car adapter's `privacyMode`. */
export const PrivacyModes = { ON: "on", OFF: "off" } as const;
/** A known privacy mode. */
export type KnownPrivacyModeCode = (typeof PrivacyModes)[keyof typeof PrivacyModes];
/** The car adapter's `privacyMode`: a value of {@link CODE_FAMILIES}`.privacyMode`, or an unknown one kept as sent. */
export type PrivacyModeCode = KnownPrivacyModeCode | UnknownTextCode;

/** Values of `vehicleDetails.engineEnergyType`. */
export const EngineEnergyTypes = { ELEC: "ELEC", PHEV: "PHEV", HEV: "HEV", OTHER: "OTHER" } as const;
/** A known engine energy type. */
export type KnownEngineEnergyTypeCode = (typeof EngineEnergyTypes)[keyof typeof EngineEnergyTypes];
/** `vehicleDetails.engineEnergyType`: a value of {@link CODE_FAMILIES}`.engineEnergyType`, or an unknown one kept as sent. */
export type EngineEnergyTypeCode = KnownEngineEnergyTypeCode | UnknownTextCode;

/** Values of `accounts[].accountType`. */
export const AccountTypes = { MYRENAULT: "MYRENAULT", MYDACIA: "MYDACIA", SFDC: "SFDC" } as const;
/** A known account type. */
export type KnownAccountTypeCode = (typeof AccountTypes)[keyof typeof AccountTypes];
/** `accounts[].accountType`: a value of {@link CODE_FAMILIES}`.accountType`, or an unknown one kept as sent. */
export type AccountTypeCode = KnownAccountTypeCode | UnknownTextCode;

/** Values of a contract's `status`. */
export const ContractStates = { ACTIVE: "ACTIVE", ENDED: "ENDED", REJECTED: "REJECTED" } as const;
/** A known contract status. */
export type KnownContractStatusCode = (typeof ContractStates)[keyof typeof ContractStates];
/** A contract's `status`: a value of {@link CODE_FAMILIES}`.contractStatus`, or an unknown one kept as sent. */
export type ContractStatusCode = KnownContractStatusCode | UnknownTextCode;

/**
 * Values of the `/myr` gateway's `connectedStatus.remoteSecurityProtocol` (issue 15): on `SRP`
 * cars the direct remote commands are refused.
 */
export const RemoteSecurityProtocols = { JWT: "JWT", SRP: "SRP", UNKNOWN: "UNKNOWN" } as const;
/** A known remote security protocol. */
export type KnownRemoteSecurityProtocolCode =
  (typeof RemoteSecurityProtocols)[keyof typeof RemoteSecurityProtocols];
/** A remote security protocol: a value of {@link CODE_FAMILIES}`.remoteSecurityProtocol`, or an unknown one kept as sent. */
export type RemoteSecurityProtocolCode = KnownRemoteSecurityProtocolCode | UnknownTextCode;

/** Every code family, by the name {@link codeLabel} and {@link isKnownCode} take. */
export const CODE_FAMILIES = {
  plugStatus: PlugState,
  chargingStatus: ChargeState,
  chargeMode: ChargeModes,
  evChargeMode: EvChargeModes,
  hvacStatus: HvacStates,
  lockStatus: LockStates,
  openingStatus: OpeningStates,
  chargeEndStatus: ChargeEndStates,
  evProgramType: EvProgramTypes,
  privacyMode: PrivacyModes,
  engineEnergyType: EngineEnergyTypes,
  accountType: AccountTypes,
  contractStatus: ContractStates,
  remoteSecurityProtocol: RemoteSecurityProtocols,
} as const;
/** The name of a code family, e.g. `plugStatus`. */
export type CodeFamily = keyof typeof CODE_FAMILIES;
/** The name of a known value of a family, e.g. `PLUGGED` for `plugStatus`. */
export type KnownCodeName<F extends CodeFamily> = F extends CodeFamily
  ? keyof (typeof CODE_FAMILIES)[F]
  : never;
/** A known value of a family, e.g. `1` for `plugStatus`. */
export type KnownCode<F extends CodeFamily> = F extends CodeFamily
  ? (typeof CODE_FAMILIES)[F][keyof (typeof CODE_FAMILIES)[F]]
  : never;

type Code = string | number | null | undefined;

/** The name of a known code, e.g. `PLUGGED`; `undefined` when absent or unknown. */
export function codeName<F extends CodeFamily>(family: F, code: Code): KnownCodeName<F> | undefined {
  if (code === null || code === undefined) return undefined;
  const table: Readonly<Record<string, string | number>> = CODE_FAMILIES[family];
  return (Object.keys(table) as KnownCodeName<F>[]).find((name) => table[name as string] === code);
}

/**
 * How to show a code: the name of a known one (`PLUGGED`), an unknown one as it came (`"7"`,
 * `"turbo"`), `undefined` when absent. Never drops a value the library does not know.
 *
 * @example codeLabel("chargeMode", "delegated") // "DELEGATED"; codeLabel("plugStatus", 7) // "7"
 */
export function codeLabel(family: CodeFamily, code: Code): string | undefined {
  if (code === null || code === undefined) return undefined;
  return codeName(family, code) ?? String(code);
}

/** Whether `code` is a known value of `family` (narrows it to the family's known values). */
export function isKnownCode<F extends CodeFamily>(
  family: F,
  code: Code,
): code is Extract<KnownCode<F>, Code> {
  return codeName(family, code) !== undefined;
}
