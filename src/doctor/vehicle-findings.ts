/**
 * The per-vehicle findings, from what was read (no I/O here): model, quota, contract, privacy
 * mode, remote protocol and feature list, freshness.
 */
import { ContractStates, RemoteSecurityProtocols } from "../kamereon/models/codes.js";
import type { Contract } from "../kamereon/models/account.js";
import type { VehicleDetails } from "../kamereon/models/details.js";
import { MODEL_NAMES } from "../registry/index.js";
import { KamereonError, PrivacyModeOnError } from "../errors.js";
import type { ConnectedVehicle } from "../myr/models.js";
import { check, type DiagnosticCheck } from "./types.js";
import { describeFailure, minutes } from "./words.js";

/** The inner message of the 404 a car without an active connected-services contract answers. */
export const NO_DATA_FOR_VIN = "There is no data for this vin and uid";

/** A read that failed or answered. */
export type Outcome<T> = { readonly value: T } | { readonly error: unknown } | undefined;

/** What was learnt about one car. */
export interface VehicleEvidence {
  readonly vin: string;
  readonly details: VehicleDetails | undefined;
  /** When the account's quota lockout ends (epoch ms), if one is running. */
  readonly lockedUntil: number | undefined;
  readonly connected: Outcome<ConnectedVehicle | undefined>;
  readonly contracts: Outcome<readonly Contract[]>;
  /** The freshness read: which endpoint, and the time the car reported. */
  readonly report: Outcome<{ readonly endpoint: string; readonly at: string | undefined }>;
  readonly now: number;
}

/** Whether an error is the ended-contract 404. */
export function isNoDataForVin(error: unknown): boolean {
  return error instanceof KamereonError && `${error.details} ${error.message}`.includes(NO_DATA_FOR_VIN);
}

const failed = (outcome: Outcome<unknown>): unknown =>
  outcome !== undefined && "error" in outcome ? outcome.error : undefined;

/** Every finding about one car, in dependency order. */
export function vehicleChecks(evidence: VehicleEvidence): DiagnosticCheck[] {
  const { vin } = evidence;
  const locked = evidence.lockedUntil !== undefined;
  const skipped = (id: "contract" | "privacy-mode" | "remote-protocol" | "freshness") =>
    check(id, "skip", "not checked: the account's quota is used up", "", vin);
  return [
    modelCheck(evidence),
    quotaCheck(evidence),
    locked ? skipped("contract") : contractCheck(evidence),
    locked ? skipped("privacy-mode") : privacyCheck(evidence),
    locked ? skipped("remote-protocol") : protocolCheck(evidence),
    locked ? skipped("freshness") : freshnessCheck(evidence),
  ];
}

function modelCheck({ vin, details }: VehicleEvidence): DiagnosticCheck {
  const code = details?.model?.code ?? undefined;
  if (code === undefined || code === "")
    return check(
      "model",
      "warn",
      "the car's model code is not known",
      "read the details: renault-api vehicle",
      vin,
    );
  const name = Object.hasOwn(MODEL_NAMES, code) ? MODEL_NAMES[code] : undefined;
  if (name !== undefined) return check("model", "ok", `${code} (${name}) is documented`, "", vin);
  return check(
    "model",
    "warn",
    `model ${code} is not documented: the default endpoints are used, some may fail`,
    "run `renault-api probe` and share its anonymised report (docs/probe.md) so the model gets documented",
    vin,
  );
}

function quotaCheck({ vin, lockedUntil, now }: VehicleEvidence): DiagnosticCheck {
  if (lockedUntil === undefined) return check("quota", "ok", "no quota lockout", "", vin);
  return quotaCheckOf(undefined, lockedUntil, now, vin);
}

/** A running lockout: when it ends. `account` names it when no car of it is known. */
export function quotaCheckOf(
  account: string | undefined,
  lockedUntil: number,
  now: number,
  vin?: string,
): DiagnosticCheck {
  const whose = account === undefined ? "the account's" : `account ${account}'s`;
  const at = new Date(lockedUntil).toISOString().slice(11, 16);
  return check(
    "quota",
    "fail",
    `${whose} request quota is used up: no request until ${at} UTC (in ${minutes(lockedUntil - now)})`,
    "wait until then, and poll less often (about 60 requests an hour per account, shared with the MyRenault app)",
    vin,
  );
}

function contractCheck({ vin, contracts, report, connected }: VehicleEvidence): DiagnosticCheck {
  const list = contracts !== undefined && "value" in contracts ? contracts.value : undefined;
  const connectedServices = (list ?? []).filter((contract) => contract.type === "CONNECTED_SERVICES");
  const active = connectedServices.filter((contract) => contract.status === ContractStates.ACTIVE);
  const listed = connectedServices
    .map(
      (contract) =>
        `${contract.code ?? "?"} ${contract.status ?? "?"}${contract.endDate ? ` ${contract.endDate}` : ""}`,
    )
    .join(", ");
  const remedy =
    "renew the connected-services subscription (MyRenault app or a dealer); `renault-api contracts` lists the contracts";
  if ([failed(report), failed(connected)].some(isNoDataForVin))
    return check(
      "contract",
      "fail",
      `Renault has no data for this car ("${NO_DATA_FOR_VIN}"): its connected-services contract has ended${listed ? ` (${listed})` : ""}`,
      remedy,
      vin,
    );
  if (list === undefined)
    return check(
      "contract",
      "warn",
      `the contracts could not be read (${describeFailure(failed(contracts))})`,
      "retry later",
      vin,
    );
  if (connectedServices.length === 0)
    return check(
      "contract",
      "warn",
      "no connected-services contract is listed",
      "check the car's connected services in the MyRenault app",
      vin,
    );
  if (active.length === 0)
    return check("contract", "fail", `no active connected-services contract (${listed})`, remedy, vin);
  return check(
    "contract",
    "ok",
    `connected services active (${active.map((contract) => contract.code ?? "?").join(", ")})`,
    "",
    vin,
  );
}

const PRIVACY_REMEDY =
  "turn data sharing on in the car (privacy settings on its screen; a new driver profile may have turned it off), then wait a few minutes";

function privacyCheck({ vin, connected, report }: VehicleEvidence): DiagnosticCheck {
  const car = connected !== undefined && "value" in connected ? connected.value : undefined;
  if (car?.privacyModeOn === true || failed(report) instanceof PrivacyModeOnError) {
    const since = car?.privacyModeLastUpdate ? ` since ${car.privacyModeLastUpdate}` : "";
    return check(
      "privacy-mode",
      "fail",
      `privacy mode is on${since}: the car shares no data`,
      PRIVACY_REMEDY,
      vin,
    );
  }
  if (car?.privacyModeOn === false) return check("privacy-mode", "ok", "privacy mode is off", "", vin);
  if (report !== undefined && "value" in report)
    return check("privacy-mode", "ok", "the car shares its data (privacy state not listed)", "", vin);
  return check("privacy-mode", "skip", "not known: neither the feature list nor a read said", "", vin);
}

function protocolCheck({ vin, connected }: VehicleEvidence): DiagnosticCheck {
  if (connected === undefined)
    return check("remote-protocol", "skip", "the feature list was not read", "", vin);
  if ("error" in connected)
    return check(
      "remote-protocol",
      "warn",
      `the /myr feature list could not be read (${describeFailure(connected.error)})`,
      "check the /myr gateway URL (RENAULT_API_MYR_URL or the myrUrl option) and the network check",
      vin,
    );
  const car = connected.value;
  if (car === undefined)
    return check(
      "remote-protocol",
      "warn",
      "the /myr gateway does not list this car",
      "retry later; the MyRenault app may need to see the car first",
      vin,
    );
  const features = car.applicableFeatures;
  const list =
    features === undefined
      ? "no feature list (a ZOE phase 1 has none)"
      : `${features.length} feature(s): ${features.map((feature) => feature.name ?? feature.featureId).join(", ") || "none"}`;
  if (car.remoteSecurityProtocol === RemoteSecurityProtocols.SRP)
    return check(
      "remote-protocol",
      "warn",
      `remote protocol SRP: remote commands (charge, HVAC, horn, lights) are refused with errorCode 6; reads work; ${list}`,
      "send remote commands from the MyRenault app: this client cannot send SRP commands",
      vin,
    );
  if (car.remoteSecurityProtocol !== RemoteSecurityProtocols.JWT)
    return check(
      "remote-protocol",
      "warn",
      `remote protocol ${car.remoteSecurityProtocol ?? "not given"}: remote commands may be refused; ${list}`,
      "try one harmless command (renault-api lights); if it fails with errorCode 6, use the MyRenault app",
      vin,
    );
  return check("remote-protocol", "ok", `remote protocol JWT (commands are sent directly); ${list}`, "", vin);
}

/** Older than this, a report is worth a warning. */
const STALE_AFTER = 24 * 3600_000;

function freshnessCheck({ vin, report, now }: VehicleEvidence): DiagnosticCheck {
  if (report === undefined)
    return check("freshness", "skip", "no read of this car gives a report time", "", vin);
  if ("error" in report) {
    const error = report.error;
    if (error instanceof PrivacyModeOnError)
      return check("freshness", "skip", "hidden by privacy mode (see privacy-mode)", "", vin);
    if (isNoDataForVin(error)) return check("freshness", "skip", "no data (see contract)", "", vin);
    return check(
      "freshness",
      "warn",
      `the read failed (${describeFailure(error)})`,
      "retry later; if it persists, run `renault-api probe`",
      vin,
    );
  }
  const { endpoint, at } = report.value;
  const time = at === undefined ? Number.NaN : Date.parse(at);
  if (Number.isNaN(time)) return check("freshness", "warn", `${endpoint} carries no report time`, "", vin);
  const age = now - time;
  if (age < -5 * 60_000)
    return check(
      "freshness",
      "warn",
      `the car's last report (${endpoint}) is ${minutes(-age)} in the future`,
      "check this machine's clock (see local)",
      vin,
    );
  if (age <= STALE_AFTER)
    return check("freshness", "ok", `the car last reported ${minutes(age)} ago (${endpoint})`, "", vin);
  return check(
    "freshness",
    "warn",
    `the car last reported ${minutes(age)} ago (${endpoint}): the data shown is that old`,
    "a parked car reports rarely: drive it or plug it in; if it stays old, check the car's mobile connection in the MyRenault app",
    vin,
  );
}
