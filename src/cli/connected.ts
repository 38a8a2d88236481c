/**
 * The car's own record at the `/myr` gateway (issue 15 item 4, see docs/doctor.md): its feature
 * list, remote security protocol and privacy mode, as `status` and `features` show them.
 */
import { type ConnectedVehicle, RenaultError, type RenaultVehicle } from "../index.js";
import type { Context } from "./context.js";

/**
 * The vehicle as the `/myr` gateway lists it: one request, filtered by VIN.
 * @throws {RenaultError} the gateway failed, or does not list this car
 */
export async function connectedVehicleOf(
  context: Context,
  vehicle: RenaultVehicle,
): Promise<ConnectedVehicle> {
  const client = await context.loggedInClient();
  const { kamereonUrl, myrUrl } = await client.session.getSettings();
  // A JWT minted by a local server (the simulator) is worthless at the real gateway: never send it
  // there because RENAULT_API_MYR_URL was left at its default.
  if (isLoopback(kamereonUrl) && !isLoopback(myrUrl)) {
    throw new RenaultError("the /myr gateway is not asked: Kamereon is local, set RENAULT_API_MYR_URL");
  }
  const cars = await client.getConnectedVehicles(vehicle.accountId, { ...context.call, vin: vehicle.vin });
  const car = cars.find((entry) => entry.vin === vehicle.vin);
  if (!car) throw new RenaultError("the /myr gateway does not list this vehicle");
  return car;
}

/** The protocol for a row: as sent, `unknown` when absent. */
export function protocolLabel(car: ConnectedVehicle | undefined): string {
  return car?.remoteSecurityProtocol ?? "unknown";
}

/** Privacy mode for a row: `on`/`off` when known, an unknown value as sent, else `unknown`. */
export function privacyLabel(car: ConnectedVehicle | undefined): string {
  if (car?.privacyModeOn === true) return "on (the car shares no data)";
  if (car?.privacyModeOn === false) return "off";
  return car?.privacyModeStatus ?? "unknown";
}

/** What an `SRP` car means for the user, `undefined` for any other protocol. */
export function srpWarning(car: ConnectedVehicle | undefined): string | undefined {
  return car?.remoteSecurityProtocol === "SRP"
    ? "This car uses the SRP remote protocol: remote commands (charge, HVAC, horn, lights) will fail."
    : undefined;
}

function isLoopback(url: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(new URL(url).hostname);
}
