/** `reset`, `set` and `settings`: the credential file shared with the Python CLI. */
import { CredentialKey, FileCredentialStore } from "../../index.js";
import { defineCommand } from "../command.js";
import { localDateTime, mask, table } from "../render.js";
import { UsageError } from "../usage.js";
import { checkAccountId, checkVin } from "../values.js";
import { VEHICLE_MEMORY_KEYS, vehicleMemory, type LearntVehicle } from "../vehicle-memory.js";

export const reset = defineCommand({
  name: "reset",
  summary: "Delete the credential file.",
  description: "Delete the credential file: the login token, the saved locale, account and VIN.",
  async run(context) {
    const path = context.credentialPath;
    if (path === undefined) {
      context.output({ deleted: null }, () => "");
      if (!context.globals.json) context.note("Demo mode: there is no credential file.");
      return;
    }
    const store = new FileCredentialStore(path);
    const existed = Object.keys(await store.read().catch(() => ({ broken: "" }))).length > 0;
    await store.remove();
    context.output({ deleted: path, existed }, () => "");
    if (!context.globals.json) context.note(existed ? `Deleted ${path}.` : `Nothing to delete (${path}).`);
  },
});

export const set = defineCommand({
  name: "set",
  summary: "Save the default locale, account or VIN.",
  description:
    "Save defaults in the credential file. `--locale` saves the locale with its country, URLs and\n" +
    "keys; `--account` and `--vin` save the account and vehicle used when none is given.",
  options: {
    locale: { type: "string", valueName: "LOCALE", description: "locale to save, e.g. fr_FR" },
    account: { type: "string", valueName: "ID", description: "account id to save" },
    vin: { type: "string", valueName: "VIN", description: "VIN to save" },
  },
  examples: ["renault-api set --locale fr_FR", "renault-api set --account 1234-abcd --vin VF1AG000000000000"],
  async run(context, { options }) {
    if (options.locale === undefined && options.account === undefined && options.vin === undefined) {
      throw new UsageError(
        "nothing to set: give --locale, --account and/or --vin",
        "renault-api set [options]",
      );
    }
    // Every value is checked before anything is saved.
    if (options.locale !== undefined) context.checkLocale(options.locale);
    if (options.account !== undefined) checkAccountId(options.account);
    if (options.vin !== undefined) checkVin(options.vin);
    const saved: Record<string, string> = {};
    if (options.locale !== undefined) {
      await context.saveLocale(options.locale);
      saved.locale = options.locale;
    }
    const changes: Record<string, string> = {};
    if (options.account !== undefined) changes[CredentialKey.accountId] = saved.account = options.account;
    if (options.vin !== undefined) changes[CredentialKey.vin] = saved.vin = options.vin;
    if (Object.keys(changes).length > 0) await context.save(changes);
    context.output({ saved }, () => "");
    if (!context.globals.json) {
      context.note(
        `Saved ${Object.entries(saved)
          .map(([key, value]) => `${key} ${value}`)
          .join(
            ", ",
          )}${context.credentialPath ? ` in ${context.credentialPath}` : " (demo: in memory only)"}.`,
      );
    }
  },
});

/** Keys whose values are secrets: shown masked. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  CredentialKey.loginToken,
  CredentialKey.jwt,
  CredentialKey.gigyaApiKey,
  CredentialKey.kamereonApiKey,
  CredentialKey.gmid,
  CredentialKey.ucid,
  CredentialKey.tfaChallenge,
]);

/** One vehicle of `settings --json`. */
function vehicleJson(vehicle: LearntVehicle): Record<string, unknown> {
  return {
    vin: vehicle.vin,
    model: vehicle.model ?? null,
    worked: vehicle.worked,
    refused: vehicle.refused.map((entry) => ({
      endpoint: entry.endpoint,
      until: entry.until?.toISOString() ?? null,
    })),
    key: vehicle.key,
  };
}

function jwtExpiry(jwt: string): Date | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      exp?: unknown;
    };
    return typeof payload.exp === "number" ? new Date(payload.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

export const settings = defineCommand({
  name: "settings",
  summary: "Show the stored settings (secrets masked).",
  description:
    "Show every value of the credential file. Tokens and keys are masked; the JWT shows when it\n" +
    "expires. What was learnt per vehicle (renault_api_vehicles) is one line per VIN: its model,\n" +
    "the endpoints that answered and those the car refused (not asked again until the date shown).",
  async run(context) {
    const values = await context.store().read();
    const shown: Record<string, string> = {};
    const vehicles = vehicleMemory(values);
    for (const [key, value] of Object.entries(values)) {
      if (VEHICLE_MEMORY_KEYS.has(key)) continue;
      if (!SECRET_KEYS.has(key)) {
        shown[key] = value;
        continue;
      }
      let text = value === "" ? "-" : mask(value);
      if (key === CredentialKey.jwt) {
        const expiry = jwtExpiry(value);
        if (expiry) {
          const at = localDateTime(expiry, context.timeZone) ?? "";
          text += expiry.getTime() <= context.now().getTime() ? ` (expired ${at})` : ` (valid until ${at})`;
        }
      }
      shown[key] = text;
    }
    const data = vehicles === undefined ? shown : { ...shown, vehicles: vehicles.map(vehicleJson) };
    context.output(data, () => {
      const rows = Object.entries(shown);
      const header = `Credential file: ${context.credentialPath ?? "memory (demo)"}\n`;
      if (rows.length === 0 && vehicles === undefined) return `${header}No settings stored.`;
      const main = rows.length === 0 ? "" : header + table(["Key", "Value"], rows);
      if (vehicles === undefined) return main;
      const learnt = (vehicle: LearntVehicle) =>
        [
          vehicle.key === CredentialKey.vehicles
            ? `${vehicle.worked.length} answered`
            : "old vehicle_models key",
          ...vehicle.refused.map(
            (entry) =>
              `refused ${entry.endpoint}${entry.until ? ` until ${localDateTime(entry.until, context.timeZone) ?? ""}` : ""}`,
          ),
        ].join("; ");
      const lines = vehicles.map((vehicle) => [vehicle.vin, vehicle.model ?? "-", learnt(vehicle)]);
      const title = `\nVehicles learnt (${CredentialKey.vehicles}):\n`;
      return `${rows.length === 0 ? header : main}${title}${
        lines.length === 0 ? "none" : table(["VIN", "Model", "Learnt"], lines)
      }`;
    });
  },
});
