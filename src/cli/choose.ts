/**
 * The interactive menus for the account and the vehicle when none is given or saved (the Python
 * CLI's wording); without a terminal, a usage error listing the choices.
 */
import { CredentialKey, RenaultError, type RenaultAccount, type RenaultVehicle } from "../index.js";
import type { Context } from "./context.js";
import { table } from "./render.js";
import { UsageError } from "./usage.js";

/**
 * Asks which account to use: one person GET, and on a terminal one vehicle-list GET per account
 * for the menu's vehicle count (as the Python CLI shows it; a failed count shows `?`).
 */
export async function chooseAccount(context: Context): Promise<string> {
  const client = await context.loggedInClient();
  const person = await client.getPerson(context.call);
  const accounts = (person.accounts ?? []).filter((account) => account.accountId);
  if (accounts.length === 0) throw new RenaultError("No account found.");
  const first = accounts[0];
  if (accounts.length === 1 && first?.accountId && !context.prompt.interactive) return first.accountId;
  if (!context.prompt.interactive) {
    throw new UsageError(
      `this login has ${accounts.length} accounts: choose one with --account ` +
        `(${accounts.map((account) => `${account.accountId ?? ""} ${account.accountType ?? ""}`.trim()).join(", ")}) ` +
        "or save it with `renault-api set --account ID`",
    );
  }
  const counts = await Promise.all(
    accounts.map(async (account) => {
      try {
        const links = await client.account(account.accountId ?? "").getVehicleLinks(context.call);
        return String(links.vehicleLinks?.length ?? 0);
      } catch (error) {
        if (!(error instanceof RenaultError)) throw error;
        return "?";
      }
    }),
  );
  context.io.stderr.write(
    context.clean(
      table(
        ["", "ID", "Type", "Status", "Vehicles"],
        accounts.map((account, index) => [
          index + 1,
          account.accountId,
          account.accountType,
          account.accountStatus,
          counts[index],
        ]),
      ),
    ),
  );
  const preferred = accounts.findIndex((account) => account.accountType === "MYRENAULT");
  const choice = await context.prompt.choose("Please select account", accounts.length, {
    default: preferred >= 0 ? preferred + 1 : undefined,
    option: "--account",
    what: "no account chosen",
  });
  const accountId = accounts[choice - 1]?.accountId ?? "";
  if (await context.prompt.confirm("Do you want to save the account ID to the credential store?", false)) {
    await context.save({ [CredentialKey.accountId]: accountId });
  }
  context.io.stderr.write("\n");
  return accountId;
}

/** Asks which of the account's vehicles to use. */
export async function chooseVehicle(context: Context, account: RenaultAccount): Promise<RenaultVehicle> {
  const vehicles = await account.getVehicles(context.call);
  if (vehicles.length === 0) throw new RenaultError("No vehicle found.");
  const only = vehicles.length === 1 ? vehicles[0] : undefined;
  if (only && !context.prompt.interactive) return only;
  if (!context.prompt.interactive) {
    throw new UsageError(
      `this account has ${vehicles.length} vehicles: choose one with --vin ` +
        `(${vehicles.map((vehicle) => vehicle.vin).join(", ")}) or save it with \`renault-api set --vin VIN\``,
    );
  }
  const rows = await Promise.all(
    vehicles.map(async (vehicle, index) => {
      const details = await vehicle.getDetails();
      return [index + 1, vehicle.vin, details.registrationNumber, details.brand?.label, details.model?.label];
    }),
  );
  context.io.stderr.write(context.clean(table(["", "Vin", "Registration", "Brand", "Model"], rows)));
  const choice = await context.prompt.choose("Please select vehicle", vehicles.length, {
    default: vehicles.length === 1 ? 1 : undefined,
    option: "--vin",
    what: "no vehicle chosen",
  });
  const vehicle = vehicles[choice - 1];
  if (!vehicle) throw new RenaultError("No vehicle found.");
  if (await context.prompt.confirm("Do you want to save the VIN to the credential store?", false)) {
    await context.save({ [CredentialKey.vin]: vehicle.vin });
  }
  context.io.stderr.write("\n");
  return vehicle;
}
