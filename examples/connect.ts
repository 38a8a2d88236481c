// Shared by the examples: a client configured from the same environment variables as the CLI
// (`renault-api simulator` prints them, so every example also runs against the simulator), and
// the vehicle to use. Against Renault, set only RENAULT_API_LOCALE, RENAULT_API_USERNAME and
// RENAULT_API_PASSWORD (and RENAULT_API_VIN when you have several cars).
import { RenaultClient, type RenaultVehicle } from "renault-api";

/** The value of a variable that must be set. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

/** A client for the locale and (optionally) the servers of the environment. Creating it sends nothing. */
export function clientFromEnv(): RenaultClient {
  const env = process.env;
  return new RenaultClient({
    locale: env.RENAULT_API_LOCALE ?? "fr_FR",
    gigyaUrl: env.RENAULT_API_GIGYA_URL,
    gigyaApiKey: env.RENAULT_API_GIGYA_API_KEY,
    kamereonUrl: env.RENAULT_API_KAMEREON_URL,
    kamereonApiKey: env.RENAULT_API_KAMEREON_API_KEY,
  });
}

/** The vehicle RENAULT_API_VIN names, or the first vehicle of the first account. */
export async function chosenVehicle(client: RenaultClient): Promise<RenaultVehicle> {
  const vin = process.env.RENAULT_API_VIN;
  for (const account of await client.getAccounts()) {
    const vehicles = await account.getVehicles();
    const vehicle = vin === undefined ? vehicles[0] : vehicles.find((candidate) => candidate.vin === vin);
    if (vehicle) return vehicle;
  }
  throw new Error(vin === undefined ? "no vehicle on this login" : `no vehicle ${vin} on this login`);
}
