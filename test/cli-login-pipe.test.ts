import { expect, test } from "vitest";
import { cliHome, simEnv } from "./support/cli.js";
import { requestsTo, useSimulator } from "./support/sim.js";

test("without a terminal, login reads the e-mail and password piped on stdin, never echoed", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login"], {
    stdin: `${sim.demo.email}\n${sim.demo.password}\n`,
    tty: false,
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(sim.demo.password);
  expect(result.stderr).toContain(`Logged in as ${sim.demo.email}`);
  const login = requestsTo(sim, "gigya").find((request) => request.path === "/accounts.login");
  expect(login?.method).toBe("POST");
  expect(login?.json).toMatchObject({ loginID: sim.demo.email, password: sim.demo.password });
  expect((await home.file())?.gigya_login_token).toMatch(/^st2\.s\./);
});

test("a pipe with nothing on it, or only the e-mail, is the exit-2 message naming the option", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const empty = await home.run(["login"], { stdin: "", tty: false });
  expect(empty).toEqual({
    code: 2,
    stdout: "",
    stderr: expect.stringContaining("missing --user: pass --user (no terminal to ask on)") as string,
  });
  const userOnly = await home.run(["login"], { stdin: `${sim.demo.email}\n`, tty: false });
  expect(userOnly.code).toBe(2);
  expect(userOnly.stderr).toContain("missing --password: pass --password (no terminal to ask on)");
  expect(sim.requests).toHaveLength(0);
});

test("--password-stdin reads the password from stdin's first line (the e-mail from --user)", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login", "--user", sim.demo.email, "--password-stdin"], {
    stdin: `${sim.demo.password}\nignored\n`,
    tty: false,
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(sim.demo.password);
  expect(requestsTo(sim, "gigya").map((request) => request.path)).toContain("/accounts.login");
  expect((await home.file())?.gigya_login_token).toMatch(/^st2\.s\./);
});

test("--password-stdin: the e-mail comes from RENAULT_API_USERNAME; a wrong one reaches Gigya", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim, { RENAULT_API_USERNAME: sim.demo.email });
  const wrong = await home.run(["login", "--password-stdin"], { stdin: "not-the-password\n", tty: false });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).not.toContain("not-the-password");
  expect(requestsTo(sim, "gigya").filter((request) => request.path === "/accounts.login")).toHaveLength(1);
});

test("--password-stdin without an e-mail, with --password, or with an empty stdin: exit 2, no request", async () => {
  const sim = await useSimulator();
  const home = await cliHome(undefined, { ...simEnv(sim), RENAULT_API_LOCALE: "fr_FR" });
  const noUser = await home.run(["login", "--password-stdin"], { stdin: "secret\n", tty: false });
  expect(noUser.code).toBe(2);
  expect(noUser.stderr).toContain("--user or RENAULT_API_USERNAME");
  const both = await home.run(["login", "--user", "a@b.c", "--password", "x", "--password-stdin"], {
    stdin: "secret\n",
    tty: false,
  });
  expect(both.code).toBe(2);
  expect(both.stderr).toContain("--password or --password-stdin");
  const empty = await home.run(["login", "--user", "a@b.c", "--password-stdin"], { stdin: "", tty: false });
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain("no password on stdin: pass --password-stdin");
  expect(sim.requests).toHaveLength(0);
});
