import { path } from "../http/path.js";
import type { CallOptions, RenaultSession } from "../session.js";
import { type ConnectedVehicle, parseConnectedVehicles } from "./models.js";

/** Options of {@link getConnectedVehicles}. */
export interface ConnectedVehiclesOptions extends CallOptions {
  /** Only this car (the gateway's `vin` filter). */
  readonly vin?: string | undefined;
}

/**
 * The cars of an account as the `/myr` gateway lists them, with their feature lists, remote
 * protocol and privacy state: `GET /myr/api/v1/accounts/{accountId}/connected-vehicles?country=XX`.
 * One request, through the session's pipeline (retries, quota lockout, JWT re-mint), with the
 * Kamereon API key and the JWT in `x-gigya-id_token`.
 *
 * @throws {InvalidApiKeyError} the gateway refused the Kamereon API key
 * @throws {InvalidResponseError} the answer does not have the expected shape
 */
export async function getConnectedVehicles(
  session: RenaultSession,
  accountId: string,
  options: ConnectedVehiclesOptions = {},
): Promise<ConnectedVehicle[]> {
  const body = await session.request("GET", path`/myr/api/v1/accounts/${accountId}/connected-vehicles`, {
    root: "myr",
    query: options.vin === undefined ? undefined : { vin: options.vin },
    signal: options.signal,
    timeout: options.timeout,
  });
  return parseConnectedVehicles(body);
}
