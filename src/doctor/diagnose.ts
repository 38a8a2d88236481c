/**
 * `client.diagnose()`: why doesn't it work, and what to do (issue 19). The checks run in
 * dependency order, each costing as few requests as it can; what cannot run is skipped with the
 * reason. It never throws for what it finds (no login, a refused key, the quota spent); only an
 * abort of `options.signal` ends it early.
 */
import type { RenaultClient } from "../client.js";
import { ConfigurationError } from "../errors.js";
import type { SessionSettings } from "../session.js";
import { checkAccounts } from "./accounts.js";
import { type ClockSample, localCheck } from "./local.js";
import { checkLogin } from "./login.js";
import { type ConfiguredHost, networkCheck, probeHosts } from "./network.js";
import { check, type DiagnoseOptions, type DiagnosticCheck, type Diagnosis } from "./types.js";
import { checkVehicles } from "./vehicles.js";

export type { CheckId, CheckStatus, DiagnoseOptions, DiagnosticCheck, Diagnosis } from "./types.js";

/** Runs the checklist. */
export async function diagnose(client: RenaultClient, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const session = client.session;
  const now = Date.now;
  let requests = 0;
  const samples: ClockSample[] = [];
  const stop = session.observe((event) => {
    if (event.type === "request") requests++;
    if (event.type === "response" && event.serverDate)
      samples.push({ serverDate: event.serverDate, localTime: now() });
  });
  const meter = {
    count: () => {
      requests++;
    },
    serverDate: (date: string | null) => {
      if (date) samples.push({ serverDate: date, localTime: now() });
    },
  };
  const checks: DiagnosticCheck[] = [];
  try {
    let settings: SessionSettings;
    try {
      settings = await session.getSettings();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      checks.push(
        check(
          "config",
          "fail",
          error.message,
          "give a locale (renault-api set --locale fr_FR, or the locale option), or fix the URL or key override",
        ),
        ...["network", "gigya-api-key", "login", "jwt", "kamereon-api-key", "accounts"].map((id) =>
          check(id as DiagnosticCheck["id"], "skip", "not checked without a configuration"),
        ),
      );
      checks.push(await localCheck(options.credentialFile, samples));
      return { ok: false, requests, checks };
    }
    checks.push(check("config", "ok", `locale ${settings.locale ?? "none"}, country ${settings.country}`));
    const probes = await probeHosts(hostsOf(settings), options.probeTimeout ?? 5_000);
    checks.push(networkCheck(probes));
    const down = (service: string) => probes.some((probe) => probe.host.service === service && probe.failure);
    if (down("Gigya")) {
      checks.push(
        check("gigya-api-key", "skip", "Gigya cannot be reached (see network)"),
        check("login", "skip", "Gigya cannot be reached (see network)"),
        check("jwt", "skip", "Gigya cannot be reached (see network)"),
        check("kamereon-api-key", "skip", "not checked without a login"),
        check("accounts", "skip", "not checked without a login"),
      );
    } else {
      const login = await checkLogin(session, settings, options, now);
      checks.push(...login.checks);
      if (down("Kamereon")) {
        checks.push(
          check("kamereon-api-key", "skip", "Kamereon cannot be reached (see network)"),
          check("accounts", "skip", "Kamereon cannot be reached (see network)"),
        );
      } else {
        const found = await checkAccounts(client, settings, options, login.jwt, meter);
        checks.push(...found.checks);
        checks.push(
          ...(await checkVehicles(client, found.accounts, options, now, {
            quota: found.quota,
            myrReachable: !down("/myr gateway"),
          })),
        );
      }
    }
    checks.push(await localCheck(options.credentialFile, samples));
    return { ok: !checks.some((entry) => entry.status === "fail"), requests, checks };
  } finally {
    stop();
  }
}

function hostsOf(settings: SessionSettings): ConfiguredHost[] {
  return [
    { service: "Gigya", url: settings.gigyaUrl, override: "RENAULT_API_GIGYA_URL / gigyaUrl" },
    { service: "Kamereon", url: settings.kamereonUrl, override: "RENAULT_API_KAMEREON_URL / kamereonUrl" },
    { service: "/myr gateway", url: settings.myrUrl, override: "RENAULT_API_MYR_URL / myrUrl" },
  ];
}
