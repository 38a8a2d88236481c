/**
 * `kamereon-api-key` and `accounts`: the person read proves the key (a wrong key is refused with
 * 403 `access_denied` before the JWT is looked at), then one vehicle list per account.
 */
import type { RenaultClient } from "../client.js";
import { InvalidApiKeyError, KamereonError, QuotaLimitError, UnauthorizedError } from "../errors.js";
import { kamereonRequest } from "../kamereon/kamereon.js";
import type { VehicleLink } from "../kamereon/models/account.js";
import { send } from "../http/transport.js";
import type { SessionSettings } from "../session.js";
import { rethrowAbort } from "./login.js";
import { check, type DiagnoseOptions, type DiagnosticCheck } from "./types.js";
import { describeFailure } from "./words.js";

/** `err.func.wired.empty-vehicle-link`: the account has no car in its garage. */
export const EMPTY_GARAGE = "err.func.wired.empty-vehicle-link";

/** An account and the cars to check on it. */
export interface AccountCars {
  readonly accountId: string;
  readonly links: readonly VehicleLink[];
  /** Its vehicle list could not be read: a quota lockout. */
  readonly locked?: boolean | undefined;
}

/** What the account checks found. */
export interface AccountFindings {
  readonly checks: DiagnosticCheck[];
  readonly accounts: AccountCars[];
  /** A quota error met on the way (the quota check reports it). */
  readonly quota: QuotaLimitError | undefined;
}

/** Counts a request sent outside the session (the key probe without a login). */
export interface RequestMeter {
  count(): void;
  serverDate(date: string | null): void;
}

const KAMEREON_KEY_REMEDY =
  "set the current Kamereon key (RENAULT_API_KAMEREON_API_KEY or the kamereonApiKey option; " +
  "`renault-api set --locale <locale>` stores the built-in one)";

/** Runs both checks. Never throws for what it finds; rethrows only an abort. */
export async function checkAccounts(
  client: RenaultClient,
  settings: SessionSettings,
  options: DiagnoseOptions,
  loggedIn: boolean,
  meter: RequestMeter,
): Promise<AccountFindings> {
  if (!loggedIn) {
    return {
      checks: [
        await keyWithoutLogin(settings, meter),
        check("accounts", "skip", "no accounts without a login"),
      ],
      accounts: [],
      quota: undefined,
    };
  }
  const call = { signal: options.signal };
  let accountIds: string[];
  try {
    const person = await client.getPerson(call);
    accountIds = (person.accounts ?? []).flatMap((account) => (account.accountId ? [account.accountId] : []));
  } catch (error) {
    rethrowAbort(error, options.signal);
    return { checks: personRefused(error), accounts: [], quota: undefined };
  }
  const keyOk = check("kamereon-api-key", "ok", "Kamereon accepted the API key");
  if (options.accountId !== undefined) accountIds = accountIds.filter((id) => id === options.accountId);
  if (accountIds.length === 0) {
    const message =
      options.accountId === undefined
        ? "the person has no account"
        : `account ${options.accountId} is not one of the person's accounts`;
    const remedy = "check the MyRenault app shows the account and its car; log in with that account's e-mail";
    return { checks: [keyOk, check("accounts", "fail", message, remedy)], accounts: [], quota: undefined };
  }
  const accounts: AccountCars[] = [];
  let quota: QuotaLimitError | undefined;
  const problems: string[] = [];
  for (const accountId of accountIds) {
    try {
      const { vehicleLinks } = await client.account(accountId).getVehicleLinks(call);
      const links = (vehicleLinks ?? []).filter((link) => link.vin);
      accounts.push({ accountId, links });
    } catch (error) {
      rethrowAbort(error, options.signal);
      if (error instanceof KamereonError && error.code === EMPTY_GARAGE)
        accounts.push({ accountId, links: [] });
      else if (error instanceof QuotaLimitError) {
        // Locked out: the car list is not known, but the car asked for (if any) still gets its checks.
        quota = error;
        accounts.push({
          accountId,
          links: options.vin === undefined ? [] : [{ vin: options.vin }],
          locked: true,
        });
      } else problems.push(`${accountId}: ${describeFailure(error)}`);
    }
  }
  return {
    checks: [keyOk, accountsCheck(accounts, problems, quota, options)],
    accounts: selected(accounts, options),
    quota,
  };
}

function selected(accounts: readonly AccountCars[], options: DiagnoseOptions): AccountCars[] {
  if (options.vin === undefined) return [...accounts];
  const known = accounts.filter(
    (account) => !account.locked && account.links.some((link) => link.vin === options.vin),
  );
  if (known.length > 0)
    return known.map((account) => ({
      ...account,
      links: account.links.filter((link) => link.vin === options.vin),
    }));
  return accounts.filter((account) => account.locked);
}

function accountsCheck(
  accounts: readonly AccountCars[],
  problems: readonly string[],
  quota: QuotaLimitError | undefined,
  options: DiagnoseOptions,
): DiagnosticCheck {
  const cars = accounts.reduce((sum, account) => sum + account.links.length, 0);
  const summary = `${accounts.length} account(s) read, ${cars} car(s)`;
  if (problems.length > 0)
    return check(
      "accounts",
      "fail",
      `${summary}; not read: ${problems.join(", ")}`,
      "retry later; if it persists, see the checks above",
    );
  if (quota && accounts.every((account) => account.locked))
    return check("accounts", "skip", "the vehicle lists were not read: the quota is used up (see quota)");
  if (cars === 0) {
    return check(
      "accounts",
      "fail",
      `no vehicle in the garage (${EMPTY_GARAGE})`,
      "add the car to the account in the MyRenault app (My vehicles), then wait for it to be linked",
    );
  }
  if (
    options.vin !== undefined &&
    !accounts.some((account) => account.links.some((link) => link.vin === options.vin))
  ) {
    return check(
      "accounts",
      "fail",
      `${summary}; VIN ${options.vin} is on none of them`,
      "check the VIN (renault-api vehicles lists the cars), or add the car in the MyRenault app",
    );
  }
  const empty = accounts.filter((account) => account.links.length === 0).map((account) => account.accountId);
  return check("accounts", "ok", empty.length > 0 ? `${summary} (no car on ${empty.join(", ")})` : summary);
}

function personRefused(error: unknown): DiagnosticCheck[] {
  const skip = check("accounts", "skip", "not read: the person could not be read");
  if (error instanceof InvalidApiKeyError)
    return [
      check(
        "kamereon-api-key",
        "fail",
        "Kamereon refused the API key (403 access_denied)",
        KAMEREON_KEY_REMEDY,
      ),
      skip,
    ];
  if (error instanceof UnauthorizedError) {
    return [
      check("kamereon-api-key", "ok", "Kamereon accepted the API key"),
      check(
        "accounts",
        "fail",
        "Kamereon refused a freshly minted JWT (err.func.wired.unauthorized)",
        "check this machine's clock (see local), then log in again: renault-api login",
      ),
    ];
  }
  return [
    check("kamereon-api-key", "skip", `not known: the person read failed (${describeFailure(error)})`),
    check(
      "accounts",
      "fail",
      `the person could not be read: ${describeFailure(error)}`,
      "retry later; see the network check",
    ),
  ];
}

/**
 * Without a login there is no JWT, but Kamereon checks the key first: a request with an empty JWT
 * is refused as `access_denied` for a bad key and as "unauthorized" for a good one.
 */
async function keyWithoutLogin(settings: SessionSettings, meter: RequestMeter): Promise<DiagnosticCheck> {
  try {
    meter.count();
    await kamereonRequest(
      {
        url: settings.kamereonUrl,
        apiKey: settings.kamereonApiKey,
        country: settings.country,
        jwt: "",
        now: Date.now,
        quotaCooldown: 0,
        send: async (request) => {
          const response = await send(request, { timeout: 10_000 });
          meter.serverDate(response.headers.get("date"));
          return response;
        },
      },
      { method: "GET", path: "/commerce/v1/persons/doctor-key-check" },
    );
    return check("kamereon-api-key", "ok", "Kamereon accepted the API key (checked without a login)");
  } catch (error) {
    if (error instanceof InvalidApiKeyError)
      return check(
        "kamereon-api-key",
        "fail",
        "Kamereon refused the API key (403 access_denied)",
        KAMEREON_KEY_REMEDY,
      );
    if (error instanceof UnauthorizedError || error instanceof KamereonError)
      return check("kamereon-api-key", "ok", "Kamereon accepted the API key (checked without a login)");
    return check(
      "kamereon-api-key",
      "skip",
      `not known: Kamereon did not answer (${describeFailure(error)})`,
    );
  }
}
