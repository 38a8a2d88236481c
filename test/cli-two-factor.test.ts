/**
 * The CLI's two-factor login (Gigya 403101) against the real simulator with `twoFactor: true`:
 * the terminal flow, the two-step flow without a terminal, the demo, and what never leaks.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { main } from "../src/cli/main.js";
import { TwoFactorRequiredError } from "../src/index.js";
import { RenaultSession } from "../src/session.js";
import { simulatorTfa } from "../src/simulator/index.js";
import type { Simulator } from "../src/simulator/index.js";
import { type CliHome, type CliRun, cliHome } from "./support/cli.js";
import { requestsTo, simOptions, useSimulator } from "./support/sim.js";

const TFA_KEY = "gigya_tfa_challenge";

/** An answer typed at a prompt: text, or computed when the prompt reads it (the e-mailed code). */
type Answer = string | ((stderrSoFar: string) => string);

/**
 * Runs the CLI on a fake terminal whose answers are produced one line at a time, when a prompt
 * asks: the code can be read from the simulator's outbox after `sendVerificationCode`.
 */
async function runLive(
  home: CliHome,
  argv: readonly string[],
  answers: readonly Answer[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  async function* typing(): AsyncGenerator<string> {
    for (const answer of answers) {
      await Promise.resolve();
      yield `${typeof answer === "string" ? answer : answer(stderr)}\n`;
    }
  }
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...home.env, ...env },
    stdin: typing(),
    isTTY: true,
    cwd: home.dir,
  });
  return { code, stdout, stderr };
}

/** The code the simulator "e-mailed" last to the demo user. */
function mailed(sim: Simulator): () => string {
  return () => simulatorTfa(sim.world).lastCode(sim.demo.email) ?? "no code sent";
}

/** A code that is not the one e-mailed. */
function wrong(sim: Simulator): () => string {
  return () => ((simulatorTfa(sim.world).lastCode(sim.demo.email) ?? "0") === "000000" ? "111111" : "000000");
}

function gigyaPaths(sim: Simulator, since = 0): string[] {
  return requestsTo(sim, "gigya", since).map((request) => request.path);
}

function count(sim: Simulator, path: string, since = 0): number {
  return gigyaPaths(sim, since).filter((entry) => entry === path).length;
}

function lastSeq(sim: Simulator): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

/** Every token of the two-factor exchange the simulator saw (form fields), for leak checks. */
function exchangeSecrets(sim: Simulator): string[] {
  const secrets = new Set<string>();
  for (const request of requestsTo(sim, "gigya")) {
    const form = (request.json ?? {}) as Record<string, string>;
    for (const name of ["regToken", "gigyaAssertion", "phvToken", "providerAssertion", "code", "password"]) {
      const value = form[name];
      if (value) secrets.add(value);
    }
  }
  return [...secrets];
}

function expectNoLeak(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

const FULL_LOGIN = [
  "/accounts.webSdkBootstrap",
  "/accounts.login",
  "/accounts.tfa.initTFA",
  "/accounts.tfa.email.getEmails",
  "/accounts.tfa.email.sendVerificationCode",
  "/accounts.tfa.email.completeVerification",
  "/accounts.tfa.finalizeTFA",
  "/accounts.login",
];

test("on a terminal: 403101, one code e-mailed, `Code:` asked, then the login works for `status`", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await runLive(home, ["login"], [sim.demo.email, sim.demo.password, mailed(sim)]);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    "User: Password: Renault wants a one-time code for this device: it was e-mailed to d***@r***.dev " +
      "(valid about 5 minutes).\n" +
      `Code: Logged in as ${sim.demo.email}; the login token is kept in ${home.credentials}.\n`,
  );
  expect(gigyaPaths(sim)).toEqual(FULL_LOGIN);
  const send = requestsTo(sim, "gigya").find((request) => request.path.endsWith("sendVerificationCode"));
  expect(send?.json).toMatchObject({ emailID: expect.stringMatching(/^email-/), lang: "fr" });
  const finalize = requestsTo(sim, "gigya").find((request) => request.path === "/accounts.tfa.finalizeTFA");
  expect(finalize?.json).toMatchObject({ tempDevice: "false" });

  const file = await home.file();
  expect(file?.gigya_login_token).toMatch(/^st2\.s\./);
  expect(file?.gigya_gmid).toMatch(/^gmid\.ver4\./);
  expect(file?.gigya_ucid).toBeTruthy();
  expect(file).not.toHaveProperty(TFA_KEY);
  expect((await stat(home.credentials)).mode & 0o777).toBe(0o600);
  const secrets = exchangeSecrets(sim);
  expect(secrets.length).toBeGreaterThanOrEqual(6);
  expectNoLeak(result.stdout + result.stderr, secrets);
  expectNoLeak(await readFile(home.credentials, "utf8"), secrets);

  const account = sim.demo.models.find((model) => model.model === "zoe40")?.accountId ?? "";
  const status = await home.run(["status", "--account", account, "--vin", sim.demo.vins.zoe40]);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain("Battery level");
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(1);
});

test("a second login from the same credential file asks for no code; a new file asks again", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  expect((await runLive(home, ["login"], [sim.demo.email, sim.demo.password, mailed(sim)])).code).toBe(0);
  const device = (await home.file())?.gigya_gmid;

  const since = lastSeq(sim);
  const again = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], {
    tty: false,
  });
  expect(again.code).toBe(0);
  expect(again.stderr).not.toContain("code");
  expect(gigyaPaths(sim, since)).toEqual(["/accounts.login"]);
  expect((await home.file())?.gigya_gmid).toBe(device);

  const fresh = await cliHome(sim);
  const since2 = lastSeq(sim);
  const other = await runLive(fresh, ["login"], [sim.demo.email, sim.demo.password, mailed(sim)]);
  expect(other.code).toBe(0);
  expect(other.stderr).toContain("Code: ");
  expect(gigyaPaths(sim, since2)).toEqual(FULL_LOGIN);
  expect((await fresh.file())?.gigya_gmid).not.toBe(device);
});

test("a wrong code is asked again on the same challenge: one e-mail, two checks", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await runLive(
    home,
    ["login", "--user", sim.demo.email],
    // The right code typed with a space: spaces are dropped.
    [sim.demo.password, wrong(sim), () => mailed(sim)().replace(/^(\d{3})/, "$1 ")],
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Code: Wrong code, try again.\nCode: Logged in as");
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(1);
  expect(count(sim, "/accounts.tfa.email.completeVerification")).toBe(2);
  expect(count(sim, "/accounts.tfa.initTFA")).toBe(1);
  expect((await home.file())?.gigya_login_token).toBeDefined();
  expectNoLeak(result.stderr, exchangeSecrets(sim));
});

test("an answer that is not a code is asked again without costing a try", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await runLive(
    home,
    ["login", "--user", sim.demo.email, "--password", sim.demo.password],
    ["12/34!", mailed(sim)],
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Code: The code is the 6 digits of the e-mail.\nCode: ");
  expect(count(sim, "/accounts.tfa.email.completeVerification")).toBe(1);
});

test("three wrong codes on a terminal: exit 5, nothing stored but the device, no second e-mail", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await runLive(
    home,
    ["login", "--user", sim.demo.email, "--password", sim.demo.password],
    [wrong(sim), wrong(sim), wrong(sim), mailed(sim)],
  );
  expect(result.code).toBe(5);
  expect(result.stderr.match(/Wrong code, try again\./g)).toHaveLength(2);
  expect(result.stderr).toMatch(
    /Error: two-factor login abandoned after 3 wrong codes: run `renault-api login` again for a new code\n$/,
  );
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(1);
  expect(count(sim, "/accounts.tfa.email.completeVerification")).toBe(3);
  const file = await home.file();
  expect(file).not.toHaveProperty("gigya_login_token");
  expect(file).not.toHaveProperty(TFA_KEY);
  expect(file?.gigya_gmid).toBeDefined();
  expectNoLeak(result.stderr + JSON.stringify(file), exchangeSecrets(sim));
});

test("with several addresses, a numbered menu chooses where the code goes", async () => {
  const sim = await useSimulator({ twoFactor: true });
  // The simulator lists one address: learn its id, then list a second one before it.
  const session = new RenaultSession(simOptions(sim));
  const realId = await session.login(sim.demo.email, sim.demo.password).then(
    () => "",
    (error: unknown) =>
      error instanceof TwoFactorRequiredError ? (error.challenge?.emails[0]?.id ?? "") : "",
  );
  expect(realId).toMatch(/^email-/);
  sim.route("POST", "/accounts.tfa.email.getEmails", () => ({
    status: 200,
    body: {
      errorCode: 0,
      statusCode: 200,
      emails: [
        { id: "email-other", obfuscated: "o***@e***.com", lastVerification: 0 },
        { id: realId, obfuscated: "d***@r***.dev", lastVerification: 0 },
      ],
    },
  }));
  const home = await cliHome(sim);
  const since = lastSeq(sim);
  const result = await runLive(
    home,
    ["login", "--user", sim.demo.email, "--password", sim.demo.password],
    ["3", "2", mailed(sim)],
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Renault can e-mail the code to:\n");
  expect(result.stderr).toMatch(/1\s+o\*\*\*@e\*\*\*\.com/);
  expect(result.stderr).toMatch(/2\s+d\*\*\*@r\*\*\*\.dev/);
  expect(result.stderr).toContain("Send the code to [1]: Error: 3 is not in the range 1<=x<=2.\n");
  expect(result.stderr).toContain("it was e-mailed to d***@r***.dev");
  const sends = requestsTo(sim, "gigya", since).filter((request) =>
    request.path.endsWith("sendVerificationCode"),
  );
  expect(sends).toHaveLength(1);
  expect(sends[0]?.json).toMatchObject({ emailID: realId });
});

test("without a terminal: exit 5 with the code sent and the login kept; then --code finishes it", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  const first = await home.run(args, { tty: false });
  expect(first.code).toBe(5);
  expect(first.stdout).toBe("");
  expect(first.stderr).toBe(
    "Error: two-factor code needed: a code was sent to d***@r***.dev; re-run: renault-api login " +
      `--user ${sim.demo.email} --password … --code NNNNNN (within 5 minutes)\n`,
  );
  expect(gigyaPaths(sim)).toEqual(FULL_LOGIN.slice(0, 5));
  const kept = await home.file();
  expect(kept).not.toHaveProperty("gigya_login_token");
  const state = JSON.parse(kept?.[TFA_KEY] ?? "{}") as Record<string, unknown>;
  expect(state).toMatchObject({ version: 1, loginId: sim.demo.email, emailId: expect.any(String) });
  expect(state).toHaveProperty("phvToken");
  expect(state.device).toEqual({ gmid: kept?.gigya_gmid, ucid: kept?.gigya_ucid });
  const keptText = await readFile(home.credentials, "utf8");
  expect(keptText).not.toContain(sim.demo.password);
  expect(keptText).not.toContain(mailed(sim)());
  expect((await stat(home.credentials)).mode & 0o777).toBe(0o600);

  const since = lastSeq(sim);
  const second = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(second.code).toBe(0);
  expect(second.stderr).toBe(
    `Logged in as ${sim.demo.email}; the login token is kept in ${home.credentials}.\n`,
  );
  expect(gigyaPaths(sim, since)).toEqual(FULL_LOGIN.slice(5));
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(1);
  const done = await home.file();
  expect(done?.gigya_login_token).toMatch(/^st2\.s\./);
  expect(done).not.toHaveProperty(TFA_KEY);

  const secrets = exchangeSecrets(sim);
  expectNoLeak(first.stdout + first.stderr + second.stdout + second.stderr, secrets);
  expectNoLeak(await readFile(home.credentials, "utf8"), secrets);
  expect((await home.run(["settings"])).stdout).not.toContain(TFA_KEY);
});

test("the second step takes RENAULT_API_TFA_CODE, the user from the kept login and the password from the environment", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim, { RENAULT_API_PASSWORD: sim.demo.password });
  const first = await home.run(["login", "--user", sim.demo.email], { tty: false });
  expect(first.code).toBe(5);
  // The password came from the environment: the hint does not ask for it.
  expect(first.stderr).toContain(`re-run: renault-api login --user ${sim.demo.email} --code NNNNNN`);
  const second = await home.run(["login"], { tty: false, env: { RENAULT_API_TFA_CODE: mailed(sim)() } });
  expect(second.code).toBe(0);
  expect((await home.file())?.gigya_login_token).toBeDefined();
  expect(await home.file()).not.toHaveProperty(TFA_KEY);
  expectNoLeak(first.stderr + second.stderr, exchangeSecrets(sim));
});

test("a wrong code in the second step keeps the login for another try; the right one then works", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  expect((await home.run(args, { tty: false })).code).toBe(5);
  const kept = (await home.file())?.[TFA_KEY];
  const bad = await home.run([...args, "--code", wrong(sim)()], { tty: false });
  expect(bad.code).toBe(5);
  expect(bad.stderr).toBe(
    "Error: wrong two-factor code: check the latest e-mail from Renault and re-run: renault-api login " +
      `--user ${sim.demo.email} --password … --code NNNNNN\n`,
  );
  expect((await home.file())?.[TFA_KEY]).toBe(kept);
  const good = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(good.code).toBe(0);
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(1);
  expect(count(sim, "/accounts.tfa.email.completeVerification")).toBe(2);
});

test("too many wrong codes in the second step: Renault closes the login, the kept login is deleted", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  expect((await home.run(args, { tty: false })).code).toBe(5);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const bad = await home.run([...args, "--code", wrong(sim)()], { tty: false });
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain("wrong two-factor code");
  }
  const closed = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(closed.code).toBe(5);
  expect(closed.stderr).toBe(
    "Error: too many wrong codes, Renault closed this two-factor login: run `renault-api login` again for a new code\n",
  );
  expect(await home.file()).not.toHaveProperty(TFA_KEY);
  expect(await home.file()).not.toHaveProperty("gigya_login_token");
  // The next --code has nothing to finish (exit 2), and sends nothing.
  const since = lastSeq(sim);
  const none = await home.run([...args, "--code", "123456"], { tty: false });
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("no two-factor login is waiting for a code");
  expect(lastSeq(sim)).toBe(since);
});

test("an expired kept login (its hour is over) is deleted without a request: exit 5", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  expect((await home.run(args, { tty: false })).code).toBe(5);
  const file = (await home.file()) ?? {};
  const state = JSON.parse(file[TFA_KEY] ?? "{}") as { expiresAt: number };
  state.expiresAt = Date.now() - 1000;
  await writeFile(home.credentials, JSON.stringify({ ...file, [TFA_KEY]: JSON.stringify(state) }, null, 2));
  const since = lastSeq(sim);
  const result = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(result.code).toBe(5);
  expect(result.stderr).toBe(
    "Error: the two-factor login expired (it lasts one hour): run `renault-api login` again for a new code\n",
  );
  expect(lastSeq(sim)).toBe(since);
  const after = await home.file();
  expect(after).not.toHaveProperty(TFA_KEY);
  expect(after?.gigya_gmid).toBe(file.gigya_gmid);
});

test("a regToken that Renault says expired (simulator clock an hour later) ends the login: exit 5", async () => {
  let offset = 0;
  const sim = await useSimulator({ twoFactor: true, now: () => Date.now() + offset });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  expect((await home.run(args, { tty: false })).code).toBe(5);
  offset = 61 * 60_000;
  const result = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(result.code).toBe(5);
  expect(result.stderr).toBe(
    "Error: the two-factor login expired (it lasts one hour): run `renault-api login` again for a new code\n",
  );
  expect(gigyaPaths(sim).at(-1)).toBe("/accounts.tfa.email.completeVerification");
  expect(await home.file()).not.toHaveProperty(TFA_KEY);
  expect(await home.file()).not.toHaveProperty("gigya_login_token");
});

test("an expired code in the second step gets one new e-mail on the same login, then works", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const args = ["login", "--user", sim.demo.email, "--password", sim.demo.password];
  expect((await home.run(args, { tty: false })).code).toBe(5);
  const file = (await home.file()) ?? {};
  const state = JSON.parse(file[TFA_KEY] ?? "{}") as { assertionExpiresAt: number };
  state.assertionExpiresAt = Date.now() - 1000;
  await writeFile(home.credentials, JSON.stringify({ ...file, [TFA_KEY]: JSON.stringify(state) }, null, 2));
  const oldCode = mailed(sim)();
  const expired = await home.run([...args, "--code", oldCode], { tty: false });
  expect(expired.code).toBe(5);
  expect(expired.stderr).toBe(
    "Error: the code expired (a code lasts about 5 minutes): a new code was sent to d***@r***.dev; " +
      `re-run: renault-api login --user ${sim.demo.email} --password … --code NNNNNN\n`,
  );
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(2);
  expect(count(sim, "/accounts.login")).toBe(1);
  expect(await home.file()).toHaveProperty(TFA_KEY);
  const done = await home.run([...args, "--code", mailed(sim)()], { tty: false });
  expect(done.code).toBe(0);
  expect(await home.file()).not.toHaveProperty(TFA_KEY);
});

test("--code with no open login is a usage error (exit 2) and sends nothing", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await home.run(["login", "--user", sim.demo.email, "--password", "x", "--code", "123456"], {
    tty: false,
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    `Error: no two-factor login is waiting for a code in ${home.credentials} (it finished, failed or expired)`,
  );
  expect(result.stderr).not.toContain("123456");
  expect(sim.requests).toHaveLength(0);
  const bad = await home.run(["login", "--code", "12/34"], { tty: false });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("invalid value for --code");
});

test("--code for another user than the kept login's is refused (exit 2)", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  expect(
    (await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], { tty: false }))
      .code,
  ).toBe(5);
  const result = await home.run(
    ["login", "--user", "other@example.com", "--password", "x", "--code", "123456"],
    {
      tty: false,
    },
  );
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`is for ${sim.demo.email}, not other@example.com`);
  expect(await home.file()).toHaveProperty(TFA_KEY);
});

test("--json without a terminal prints where the code went; the error stays on stderr", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim);
  const result = await home.run(
    ["--json", "login", "--user", sim.demo.email, "--password", sim.demo.password],
    { tty: false },
  );
  expect(result.code).toBe(5);
  const data = JSON.parse(result.stdout) as {
    loggedIn: boolean;
    twoFactor: { sentTo: string; codeExpiresAt: string; expiresAt: string };
  };
  expect(data.loggedIn).toBe(false);
  expect(data.twoFactor.sentTo).toBe("d***@r***.dev");
  expect(Date.parse(data.twoFactor.expiresAt)).toBeGreaterThan(Date.now());
  expect(result.stderr).toContain("Error: two-factor code needed");
  expectNoLeak(result.stdout, exchangeSecrets(sim));
});

test("a command that logs in on the fly says to run `login` (exit 5), and sends no code", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const home = await cliHome(sim, {
    RENAULT_API_USERNAME: sim.demo.email,
    RENAULT_API_PASSWORD: sim.demo.password,
  });
  const result = await home.run(["vehicles", "--account", sim.demo.renaultAccountId], { tty: false });
  expect(result.code).toBe(5);
  expect(result.stderr).toMatch(/^Error: two-factor code required: .*run `renault-api login`/);
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(0);
});

test("--demo login --tfa on a terminal shows the code the simulator e-mailed, and asks for it", async () => {
  const home = await cliHome();
  const result = await runLive(
    home,
    ["--demo", "login", "--tfa"],
    [(stderr) => /e-mailed the code (\d{6})/.exec(stderr)?.[1] ?? "none"],
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(
    /^Renault wants a one-time code for this device: it was e-mailed to d\*\*\*@r\*\*\*\.dev \(valid about 5 minutes\)\.\nDemo: the simulator e-mailed the code \d{6}\.\nCode: Logged in as demo@renault-api\.dev/,
  );
  expect(await home.file()).toBeUndefined();
});

test("--demo login --tfa without a terminal (or RENAULT_API_DEMO_TFA=1) enters the code itself", async () => {
  const home = await cliHome();
  const result = await home.run(["--demo", "login", "--tfa"], { tty: false });
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/Demo: the simulator e-mailed the code \d{6}\.\n/);
  expect(result.stderr).toContain("Demo: no terminal to type it on, so it is entered for you.\n");
  expect(result.stderr).toContain("Logged in as demo@renault-api.dev");
  const env = await home.run(["login"], {
    tty: false,
    env: { RENAULT_API_DEMO: "1", RENAULT_API_DEMO_TFA: "1" },
  });
  expect(env.code).toBe(0);
  expect(env.stderr).toContain("Demo: the simulator e-mailed the code");
  // Without --tfa the demo asks for no code.
  const plain = await home.run(["--demo", "login"], { tty: false });
  expect(plain.stderr).not.toContain("code");
});

test("--tfa without --demo, or --code with --demo, is a usage error", async () => {
  const home = await cliHome();
  const tfa = await home.run(["login", "--tfa"], { tty: false });
  expect(tfa.code).toBe(2);
  expect(tfa.stderr).toContain("--tfa is for the demo");
  const code = await home.run(["--demo", "login", "--code", "123456"], { tty: false });
  expect(code.code).toBe(2);
  expect(code.stderr).toContain("the demo keeps nothing between runs");
});

test("on a terminal, a code that expired before it was entered: one new e-mail on offer, then it works", async () => {
  let offset = 0;
  const sim = await useSimulator({ twoFactor: true, now: () => Date.now() + offset });
  const home = await cliHome(sim);
  const result = await runLive(
    home,
    ["login", "--user", sim.demo.email, "--password", sim.demo.password],
    [
      () => {
        offset = 6 * 60_000; // the simulator's assertion (5 minutes) is over when the code arrives
        return mailed(sim)();
      },
      () => {
        offset = 0;
        return "y";
      },
      mailed(sim),
    ],
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Code: The code has expired. E-mail a new one to d***@r***.dev? [Y/n]: ");
  expect(count(sim, "/accounts.tfa.email.sendVerificationCode")).toBe(2);
  expect(count(sim, "/accounts.tfa.email.completeVerification")).toBe(2);
  expect(count(sim, "/accounts.login")).toBe(2);
});
