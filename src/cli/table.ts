/**
 * The command tree. Only names and one-line summaries live here; each command's module (and with
 * it the library) is imported when that command runs or shows its help.
 */
import { defineGroup, lazy } from "./command.js";

export const ROOT = defineGroup({
  name: "renault-api",
  summary: "Command-line client for the MyRenault / MyDacia / Alpine cloud API.",
  description:
    "Command-line client for the MyRenault / MyDacia / Alpine cloud API.\n\n" +
    "Log in once with `renault-api login`; the login token (never the password) is kept in\n" +
    "~/.credentials/renault-api.json, shared with the Python renault-api CLI.\n" +
    "Try it without an account: `renault-api --demo status`.",
  commands: {
    accounts: lazy(
      "List the accounts of the logged-in person.",
      async () => (await import("./commands/accounts.js")).accounts,
    ),
    login: lazy("Log in and keep the login token.", async () => (await import("./commands/login.js")).login),
    reset: lazy("Delete the credential file.", async () => (await import("./commands/settings.js")).reset),
    set: lazy(
      "Save the default locale, account or VIN.",
      async () => (await import("./commands/settings.js")).set,
    ),
    settings: lazy(
      "Show the stored settings (secrets masked).",
      async () => (await import("./commands/settings.js")).settings,
    ),
    status: lazy(
      "Show the vehicle's status (every supported read, at once).",
      async () => (await import("./commands/status.js")).status,
    ),
    watch: lazy(
      "Follow the vehicles live, inside a request budget.",
      async () => (await import("./commands/watch.js")).watch,
    ),
    vehicles: lazy(
      "List the vehicles of the account.",
      async () => (await import("./commands/accounts.js")).vehicles,
    ),
    vehicle: lazy(
      "Show the vehicle's details.",
      async () => (await import("./commands/accounts.js")).vehicle,
    ),
    contracts: lazy(
      "List the vehicle's contracts.",
      async () => (await import("./commands/accounts.js")).contracts,
    ),
    alerts: lazy("List the vehicle's alerts.", async () => (await import("./commands/accounts.js")).alerts),
    battery: lazy("Show the battery status.", async () => (await import("./commands/status.js")).battery),
    cockpit: lazy("Show mileage and fuel.", async () => (await import("./commands/status.js")).cockpit),
    location: lazy(
      "Show the last known position.",
      async () => (await import("./commands/status.js")).location,
    ),
    "lock-status": lazy(
      "Show locks, doors and hatch.",
      async () => (await import("./commands/status.js")).lockStatus,
    ),
    pressure: lazy("Show the tyre pressures.", async () => (await import("./commands/status.js")).pressure),
    features: lazy("List the car's features.", async () => (await import("./commands/features.js")).features),
    horn: lazy("Sound the horn.", async () => (await import("./commands/actions.js")).horn),
    lights: lazy("Flash the lights.", async () => (await import("./commands/actions.js")).lights),
    "refresh-location": lazy(
      "Ask the car for a fresh position.",
      async () => (await import("./commands/actions.js")).refreshLocation,
    ),
    charge: lazy("Charge commands.", async () => (await import("./commands/charge.js")).charge),
    hvac: lazy("HVAC (climate control) commands.", async () => (await import("./commands/hvac.js")).hvac),
    http: lazy("Raw Kamereon requests.", async () => (await import("./commands/http.js")).http),
    probe: lazy(
      "Probe the vehicle's endpoints into a capability report and an anonymised fixture bundle.",
      async () => (await import("./commands/probe.js")).probe,
    ),
    doctor: lazy(
      "Find out why it does not work, and what to do.",
      async () => (await import("./commands/doctor.js")).doctor,
    ),
    simulator: lazy(
      "Run the built-in simulator of Renault's cloud.",
      async () => (await import("./commands/simulator.js")).simulator,
    ),
  },
});
