import { Readable } from "node:stream";
import { describe as group, expect, test } from "vitest";
import { describe, EXIT } from "../src/cli/errors.js";
import { Prompter } from "../src/cli/prompt.js";
import { AbortedError, UsageError } from "../src/cli/usage.js";
import * as lib from "../src/errors.js";

const context = { timeZone: "Europe/Paris", now: new Date("2024-07-01T10:00:00Z") };
const request = { method: "GET", url: "https://example.test/x", status: 400 };
const kamereon = (code: string, details = "details") => ({ ...request, errors: [{ code, details }] });

group("one mapping from errors to exit codes and one-line messages", () => {
  const cases: [unknown, number, RegExp][] = [
    [new UsageError("bad"), EXIT.usage, /^bad$/],
    [new AbortedError("interrupted (SIGINT)"), 130, /^interrupted \(SIGINT\)$/],
    [Object.assign(new Error("gone"), { name: "AbortError" }), 130, /^interrupted: gone$/],
    [
      new lib.TwoFactorRequiredError({ code: 403101, details: "Pending", method: "accounts.login" }),
      5,
      /^two-factor code required/,
    ],
    [
      new lib.InvalidCredentialsError({ code: 403042, details: "x", method: "accounts.login" }),
      1,
      /stale API key: set RENAULT_API_GIGYA_API_KEY/,
    ],
    [new lib.NotAuthenticatedError("no"), 3, /^not logged in: run `renault-api login`$/],
    [
      new lib.QuotaLimitError({
        ...kamereon("err.func.wired.overloaded"),
        retryAt: Date.parse("2024-07-01T10:15:00Z"),
      }),
      4,
      /retry after 12:15$/,
    ],
    [
      new lib.QuotaLimitError({
        ...kamereon("err.func.wired.overloaded"),
        retryAt: Date.parse("2024-07-02T10:15:00Z"),
      }),
      4,
      /retry after 2024-07-02 12:15$/,
    ],
    [new lib.PrivacyModeOnError(kamereon("err.func.privacy.on")), 1, /^privacy mode is on in the car/],
    [
      new lib.EndpointNotAvailableError("pressure", "X101VE"),
      1,
      /^endpoint pressure not available for model X101VE/,
    ],
    [new lib.InvalidApiKeyError(kamereon("access_denied")), 1, /set RENAULT_API_KAMEREON_API_KEY$/],
    [new lib.UnauthorizedError(kamereon("err.func.wired.unauthorized")), 3, /run `renault-api login`$/],
    [new lib.ChargeModeInProgressError(kamereon("409001")), 1, /already in progress/],
    [
      new lib.ForbiddenError(kamereon("err.func.wired.forbidden")),
      1,
      /^forbidden \(err\.func\.wired\.forbidden: details\)/,
    ],
    [new lib.NotSupportedError(kamereon("err.tech.501")), 1, /not supported by this vehicle, or no data yet/],
    [new lib.KamereonError(kamereon("err.other", "")), 1, /^err\.other$/],
    [
      new lib.NetworkError({ method: "GET", url: "https://example.test/x", notSent: true }),
      1,
      /^cannot reach https:\/\/example\.test\/x/,
    ],
    [
      new lib.TimeoutError({ method: "GET", url: "https://example.test/x", timeout: 5 }),
      1,
      /timed out after 5 ms/,
    ],
    [new lib.HttpError(request), 1, /failed with status 400/],
    [new lib.InvalidArgumentError("temperature", "temperature 999 out of range"), 2, /^temperature 999/],
    [
      new lib.TimeoutError({ method: "POST", url: "https://k.test/commerce/v1/a/actions/x", timeout: 5 }),
      6,
      /^sent, the car may have acted: check before retrying \(POST .*: no answer within 5 ms\)$/,
    ],
    [
      new lib.NetworkError({ method: "POST", url: "https://k.test/commerce/v1/a/actions/x", notSent: false }),
      6,
      /^sent, the car may have acted/,
    ],
    [
      new lib.NetworkError({ method: "POST", url: "https://k.test/commerce/v1/a/actions/x", notSent: true }),
      1,
      /^cannot reach/,
    ],
    [
      new lib.TimeoutError({ method: "POST", url: "https://gigya.test/accounts.login", timeout: 5 }),
      1,
      /timed out after 5 ms/,
    ],
    [new lib.ConfigurationError("broken config"), 1, /^broken config$/],
    [new Error("boom"), 1, /^internal error: boom$/],
    ["a string", 1, /^internal error: a string$/],
  ];
  test.each(cases)("%s", (error, code, message) => {
    const result = describe(error, context);
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
    expect(result.message).not.toContain("\n");
  });
});

group("prompts", () => {
  const io = (input: string[], extra: object = {}) => {
    let stderr = "";
    const prompter = new Prompter({
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      isTTY: true,
      stdin: Readable.from(input),
      ...extra,
    });
    return { prompter, stderr: () => stderr };
  };

  test("menus re-ask on bad input; confirmations accept y/yes/n/no and the default", async () => {
    const { prompter, stderr } = io(["x\n9\n2\n", "maybe\nyes\n\n"]);
    await expect(prompter.choose("Pick", 3, { option: "--x", what: "nothing picked" })).resolves.toBe(2);
    expect(stderr()).toContain("Error: 'x' is not a valid integer.");
    expect(stderr()).toContain("Error: 9 is not in the range 1<=x<=3.");
    await expect(prompter.confirm("Sure?")).resolves.toBe(true);
    expect(stderr()).toContain("Error: invalid input");
    await expect(prompter.confirm("Sure?", true)).resolves.toBe(true);
    await prompter.close();
  });

  test("the hidden prompt uses raw mode on a real terminal: no echo, backspace, Ctrl-C", async () => {
    const modes: boolean[] = [];
    const stdin = Object.assign(Readable.from(["pa", "sx\u007fs\r"]), {
      isTTY: true,
      setRawMode: (mode: boolean) => modes.push(mode),
    });
    const { prompter, stderr } = io([], { stdin });
    await expect(prompter.hidden("Password", { option: "--password" })).resolves.toBe("pass");
    expect(modes).toEqual([true, false]);
    expect(stderr()).toBe("Password: \n");
    const interrupted = io([], {
      stdin: Object.assign(Readable.from(["ab\u0003"]), { isTTY: true, setRawMode: () => undefined }),
    });
    await expect(interrupted.prompter.hidden("Password", { option: "--password" })).rejects.toThrow(
      AbortedError,
    );
  });

  test("without a terminal nothing is read: the option is named", async () => {
    const { prompter } = io(["answer\n"], { isTTY: false });
    await expect(prompter.text("User", { option: "--user" })).rejects.toThrow("missing --user: pass --user");
    await expect(prompter.confirm("Save?")).resolves.toBe(false);
  });

  test("a last line without newline is still an answer", async () => {
    const { prompter } = io(["fr_FR"]);
    await expect(prompter.text("Locale", { option: "--locale", default: "en_GB" })).resolves.toBe("fr_FR");
  });
});
