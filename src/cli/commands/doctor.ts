/** `doctor`: why doesn't it work, and what to do (issue 19). */
import {
  CredentialKey,
  type Diagnosis,
  type DiagnosticCheck,
  RenaultClient,
  RenaultError,
} from "../../index.js";
import { defineCommand } from "../command.js";
import type { Context } from "../context.js";

const MARK: Readonly<Record<DiagnosticCheck["status"], string>> = {
  ok: "ok  ",
  warn: "WARN",
  fail: "FAIL",
  skip: "skip",
};

export const doctor = defineCommand({
  name: "doctor",
  summary: "Find out why it does not work, and what to do.",
  description:
    "Check the network, the API keys, the login, the accounts and each car (contract, privacy mode,\n" +
    "remote protocol, quota, data freshness, model), then this machine (clock, credential file).\n" +
    "Prints a checklist with the remedy under each finding, and how many requests it spent.\n" +
    "Works without a login or a locale. Exit 0 when nothing fails, 1 otherwise.\n" +
    "With --json: {ok, requests, checks: [{id, status, message, remedy}]}.",
  examples: ["renault-api doctor", "renault-api doctor --vin VF1AAAAA555777999 --json"],
  async run(context) {
    const diagnosis = await diagnoseWith(context);
    // The JWT the diagnosis minted is a secret too: never printed, even by accident.
    const jwt = (await context.store().read())[CredentialKey.jwt];
    if (jwt) context.tracer.secrets.add(jwt);
    context.output(
      {
        ok: diagnosis.ok,
        requests: diagnosis.requests,
        checks: diagnosis.checks.map(({ id, status, message, remedy, vin }) =>
          vin === undefined ? { id, status, message, remedy } : { id, status, message, remedy, vin },
        ),
      },
      () => render(diagnosis),
    );
    const failures = diagnosis.checks.filter((check) => check.status === "fail").length;
    if (failures > 0) throw new RenaultError(`doctor: ${failures} check(s) failed (see the remedies above)`);
  },
});

async function diagnoseWith(context: Context): Promise<Diagnosis> {
  const env = context.io.env;
  const options = {
    vin: context.globals.vin,
    accountId: context.globals.account,
    loginId: env.RENAULT_API_USERNAME || undefined,
    password: env.RENAULT_API_PASSWORD || undefined,
    credentialFile: context.credentialPath,
    signal: context.io.signal,
  };
  let client: RenaultClient;
  try {
    client = await context.client();
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "UsageError") throw error;
    // No locale: a client without one reports the configuration as the first failed check.
    client = new RenaultClient({ credentialStore: context.store() });
  }
  return client.diagnose(options);
}

function render(diagnosis: Diagnosis): string {
  const lines: string[] = [];
  let car: string | undefined;
  for (const check of diagnosis.checks) {
    if (check.vin !== undefined && check.vin !== car) lines.push(`Vehicle ${check.vin}:`);
    car = check.vin;
    lines.push(`[${MARK[check.status]}] ${check.id.padEnd(18)} ${check.message}`);
    if ((check.status === "fail" || check.status === "warn") && check.remedy !== "")
      lines.push(`${" ".repeat(7)}→ ${check.remedy}`);
  }
  const count = (status: DiagnosticCheck["status"]) =>
    diagnosis.checks.filter((check) => check.status === status).length;
  const verdict = diagnosis.ok ? "nothing failed" : `${count("fail")} failed`;
  lines.push(
    "",
    `${verdict}, ${count("warn")} warning(s), ${count("skip")} skipped; ${diagnosis.requests} request(s) sent`,
  );
  return lines.join("\n");
}
