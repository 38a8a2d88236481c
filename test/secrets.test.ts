import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore } from "../src/credentials/store.js";
import { redactText, redactUrl } from "../src/http/redact.js";
import { path } from "../src/http/path.js";
import { RenaultSession } from "../src/session.js";
import { loggedInSession, simOptions, useSimulator } from "./support/sim.js";

const PERSON = "/commerce/v1/persons/person-id-1";

/** Everything an error exposes: message, stack, JSON, cause chain. */
function exposed(error: unknown): string {
  let text = "";
  for (let current = error; current instanceof Error; current = current.cause) {
    text += `${current.message}\n${current.stack ?? ""}\n${JSON.stringify(current)}\n${String(current)}\n`;
  }
  return text;
}

test("no password, login token, JWT or API key in any error of the login and request paths", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const secrets = [
    sim.demo.password,
    (await session.getLoginToken())!,
    await session.getJwt(),
    sim.kamereonApiKey,
    sim.gigyaApiKey,
  ];
  const errors: unknown[] = [];
  const bad = new RenaultSession(simOptions(sim));
  errors.push(await bad.login(sim.demo.email, `${sim.demo.password}-wrong`).catch((e: unknown) => e));
  for (const answer of [
    { status: 502, body: "<html>bad gateway</html>" },
    { status: 401, body: { errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "no" }] } },
    { status: 429, body: { errors: [{ errorCode: "err.func.wired.overloaded", errorMessage: "quota" }] } },
    { reset: true },
  ]) {
    sim.clearRoutes();
    sim.route("GET", /.*/, () => answer);
    const fresh = await loggedInSession(sim, { retry: false });
    errors.push(await fresh.request("GET", PERSON).catch((e: unknown) => e));
  }
  sim.route("GET", /.*/, () => ({ hang: true }));
  errors.push(await session.request("GET", `${PERSON}/x`, { timeout: 50 }).catch((e: unknown) => e));
  expect(errors.every((error) => error instanceof Error)).toBe(true);
  expect(new Set(errors.map((e) => (e as Error).name)).size).toBeGreaterThanOrEqual(5);
  const text = errors.map(exposed).join("\n");
  for (const secret of secrets) expect(text).not.toContain(secret);
});

test("the credential store never holds the password", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  await loggedInSession(sim, { credentialStore: store });
  const values = await store.read();
  expect(JSON.stringify(values)).not.toContain(sim.demo.password);
  expect(values[CredentialKey.loginToken]).toMatch(/^st2\.s\./);
});

test("redaction: secret query values, known secrets and token-shaped strings", () => {
  expect(redactUrl("https://h/p?apikey=abc&country=FR&login_token=st2.s.x")).toBe(
    "https://h/p?apikey=***&country=FR&login_token=***",
  );
  expect(redactUrl("not a url eyJhbGciOi.eyJzdWIiOi.sig")).toBe("not a url ***");
  expect(
    redactText("pw=hunter22 token st2.s.AtLtabc and gmid.ver4.AtLt.sc3", ["hunter22", undefined, ""]),
  ).toBe("pw=*** token *** and ***");
});

test("path segments are encoded: no path injection through a VIN or an id", () => {
  expect(path`/accounts/${"../../persons/x"}/vehicles/${"VF1?x=1#y"}`).toBe(
    "/accounts/..%2F..%2Fpersons%2Fx/vehicles/VF1%3Fx%3D1%23y",
  );
  for (const bad of ["..", ".", ""]) expect(() => path`/a/${bad}/b`).toThrow(TypeError);
});
