/**
 * Gathers what the per-vehicle checks need: one `/myr` feature list per account, and per car its
 * contracts and one read that carries a report time. Nothing is sent to an account locked out.
 */
import type { RenaultClient } from "../client.js";
import { CredentialKey } from "../credentials/store.js";
import { QuotaLimitError } from "../errors.js";
import type { VehicleLink } from "../kamereon/models/account.js";
import { getConnectedVehicles } from "../myr/gateway.js";
import type { ConnectedVehicle } from "../myr/models.js";
import { readLockouts } from "../session/quota.js";
import type { AccountCars } from "./accounts.js";
import { rethrowAbort } from "./login.js";
import type { DiagnoseOptions, DiagnosticCheck } from "./types.js";
import { type Outcome, quotaCheckOf, vehicleChecks } from "./vehicle-findings.js";

/** Runs the per-vehicle checks of every selected car. */
export async function checkVehicles(
  client: RenaultClient,
  accounts: readonly AccountCars[],
  options: DiagnoseOptions,
  now: () => number,
  known: { readonly quota: QuotaLimitError | undefined; readonly myrReachable: boolean },
): Promise<DiagnosticCheck[]> {
  const { quota } = known;
  const checks: DiagnosticCheck[] = [];
  for (const account of accounts) {
    let lockedUntil =
      (await lockoutOf(client, account.accountId, now())) ??
      (account.locked && quota && quota.retryAt > now() ? quota.retryAt : undefined);
    let connected: Outcome<ConnectedVehicle[]>;
    if (lockedUntil === undefined && known.myrReachable) {
      connected = await outcome(
        () =>
          getConnectedVehicles(client.session, account.accountId, {
            vin: options.vin,
            signal: options.signal,
          }),
        options,
      );
      lockedUntil = lockedBy(connected) ?? (await lockoutOf(client, account.accountId, now()));
    }
    if (account.links.length === 0 && lockedUntil !== undefined)
      checks.push(quotaCheckOf(account.accountId, lockedUntil, now()));
    for (const link of account.links) {
      const vin = link.vin ?? "";
      let contracts: Outcome<readonly import("../kamereon/models/account.js").Contract[]>;
      let report: Outcome<{ endpoint: string; at: string | undefined }>;
      if (lockedUntil === undefined) {
        report = await freshnessRead(client, account.accountId, link, options);
        contracts = await outcome(
          () => vehicleOf(client, account.accountId, link).getContracts({ signal: options.signal }),
          options,
        );
        lockedUntil = lockedBy(report) ?? lockedBy(contracts);
      }
      const car =
        connected === undefined || "error" in connected
          ? connected
          : { value: connected.value.find((entry) => entry.vin === vin) };
      checks.push(
        ...vehicleChecks({
          vin,
          details: link.vehicleDetails ?? undefined,
          lockedUntil: lockedUntil ?? (quota && quota.retryAt > now() ? quota.retryAt : undefined),
          connected: car,
          contracts,
          report,
          now: now(),
        }),
      );
    }
  }
  return checks;
}

function vehicleOf(client: RenaultClient, accountId: string, link: VehicleLink) {
  return client.account(accountId).vehicle(link.vin ?? "", { details: link.vehicleDetails ?? undefined });
}

/**
 * One read with a report time: the battery for a car with a battery, else the location (a trip-end
 * event, so it ages while parked, docs/api-notes.md, C.4).
 */
async function freshnessRead(
  client: RenaultClient,
  accountId: string,
  link: VehicleLink,
  options: DiagnoseOptions,
): Promise<Outcome<{ endpoint: string; at: string | undefined }>> {
  const vehicle = vehicleOf(client, accountId, link);
  const energy = link.vehicleDetails?.engineEnergyType ?? link.vehicleDetails?.energy?.code ?? undefined;
  const electric = energy === "ELEC" || energy === "PHEV";
  const call = { signal: options.signal };
  if (electric && (await vehicle.supports("battery-status", call)))
    return outcome(
      async () => ({
        endpoint: "battery-status",
        at: (await vehicle.getBatteryStatus(call)).timestamp ?? undefined,
      }),
      options,
    );
  if (await vehicle.supports("location", call))
    return outcome(
      async () => ({
        endpoint: "location",
        at: (await vehicle.getLocation(call)).lastUpdateTime ?? undefined,
      }),
      options,
    );
  return undefined;
}

async function outcome<T>(read: () => Promise<T>, options: DiagnoseOptions): Promise<Outcome<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    rethrowAbort(error, options.signal);
    return { error };
  }
}

function lockedBy(result: Outcome<unknown>): number | undefined {
  return result !== undefined && "error" in result && result.error instanceof QuotaLimitError
    ? result.error.retryAt
    : undefined;
}

/** A lockout from the session's quota ledger (the store): no request. */
async function lockoutOf(client: RenaultClient, accountId: string, now: number): Promise<number | undefined> {
  return readLockouts(await client.session.getStoredValue(CredentialKey.quotaUntil), now)[accountId];
}
