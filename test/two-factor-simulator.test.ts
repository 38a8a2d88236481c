import { expect, test } from "vitest";
import type { Simulator } from "../src/simulator/server.js";
import { obfuscate, simulatorTfa } from "../src/simulator/tfa.js";
import { useSimulator } from "./support/sim.js";

type Body = Record<string, unknown>;

/** Calls a Gigya method of the simulator with a form body (and optional cookie), as Gigya clients do. */
async function call(
  sim: Simulator,
  method: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<{ body: Body; response: Response }> {
  const response = await fetch(`${sim.gigyaUrl}/${method}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie === undefined ? {} : { cookie }),
    },
    body: new URLSearchParams({ ApiKey: sim.gigyaApiKey, ...fields }).toString(),
  });
  return { body: (await response.json()) as Body, response };
}

async function device(sim: Simulator): Promise<{ gmid: string; ucid: string }> {
  const { body } = await call(sim, "accounts.webSdkBootstrap", {});
  return { gmid: body.gmid as string, ucid: body.ucid as string };
}

const login = (sim: Simulator, extra: Record<string, string> = {}) =>
  call(sim, "accounts.login", { loginID: sim.demo.email, password: sim.demo.password, ...extra });

test("webSdkBootstrap issues gmid, ucid and hasGmid as three Set-Cookie headers and in the body", async () => {
  const sim = await useSimulator();
  const { body, response } = await call(sim, "accounts.webSdkBootstrap", {});
  const cookies = response.headers.getSetCookie();
  expect(cookies).toHaveLength(3);
  expect(cookies[0]).toMatch(new RegExp(`^gmid=${(body.gmid as string).replaceAll(".", "\\.")}; Path=/`));
  expect(cookies[1]).toMatch(new RegExp(`^ucid=${body.ucid as string};`));
  expect(cookies[2]).toMatch(/^hasGmid=ver4;/);
  expect(body).toMatchObject({ errorCode: 0, hasGmid: "ver4" });
  expect(simulatorTfa(sim.world).devices.get(body.gmid as string)).toBe(body.ucid);
  const noKey = await fetch(`${sim.gigyaUrl}/accounts.webSdkBootstrap`, { method: "POST" });
  expect(await noKey.json()).toMatchObject({ errorCode: 400093 });
});

test("403101 as Gigya sends it, for a user with requireTwoFactor; wrong passwords still get 403042", async () => {
  const sim = await useSimulator();
  sim.world.users.set("tfa@example.com", {
    email: "tfa@example.com",
    password: "pw-1",
    personId: "person-id-1",
    requireTwoFactor: true,
  });
  const { body, response } = await call(sim, "accounts.login", {
    loginID: "tfa@example.com",
    password: "pw-1",
  });
  expect(response.status).toBe(200);
  expect(body).toMatchObject({
    errorCode: 403101,
    statusCode: 403,
    statusReason: "Forbidden",
    errorMessage: "Account Pending TFA Verification",
    errorDetails: "Pending Two-Factor Authentication",
    regToken: expect.stringMatching(/^st2\.s\./),
    UID: expect.stringMatching(/^[0-9a-f]{32}$/),
    sessionInfo: { expires_in: "3600" },
  });
  expect(body.sessionInfo).not.toHaveProperty("cookieValue");
  const wrongPassword = await call(sim, "accounts.login", { loginID: "tfa@example.com", password: "nope" });
  expect(wrongPassword.body).toMatchObject({ errorCode: 403042 });
  // The demo user is not affected unless asked for.
  expect((await login(sim)).body).toMatchObject({ errorCode: 0 });
  simulatorTfa(sim.world).requireTwoFactor(sim.demo.email);
  expect((await login(sim)).body).toMatchObject({ errorCode: 403101 });
  simulatorTfa(sim.world).requireTwoFactor(sim.demo.email, false);
  expect((await login(sim)).body).toMatchObject({ errorCode: 0 });
});

test("initTFA needs the device: none or a made-up gmid answers 400006 'gcid or ucid cookie'", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { gmid, ucid } = await device(sim);
  const regToken = (await login(sim, { gmid, ucid })).body.regToken as string;
  const fields = { regToken, provider: "gigyaEmail", mode: "verify" };
  const missing = {
    errorCode: 400006,
    errorMessage: "Invalid parameter value",
    errorDetails: "Missing required parameter: gcid or ucid cookie",
    errorFlags: "missingKey",
  };
  expect((await call(sim, "accounts.tfa.initTFA", fields)).body).toMatchObject(missing);
  expect((await call(sim, "accounts.tfa.initTFA", { ...fields, gmid: "made-up", ucid })).body).toMatchObject(
    missing,
  );
  // The device as cookies only is enough.
  const cookie = `gmid=${gmid}; ucid=${ucid}; hasGmid=ver4`;
  const init = await call(sim, "accounts.tfa.initTFA", fields, cookie);
  expect(init.body).toMatchObject({ errorCode: 0, gigyaAssertion: expect.stringMatching(/^eyJ/) });
  expect(
    (await call(sim, "accounts.tfa.initTFA", { ...fields, provider: "gigyaPhone" }, cookie)).body,
  ).toMatchObject({ errorCode: 400006 });
  expect(
    (await call(sim, "accounts.tfa.initTFA", { ...fields, mode: "register" }, cookie)).body,
  ).toMatchObject({
    errorCode: 400006,
  });
  expect((await call(sim, "accounts.tfa.getProviders", { regToken })).body).toMatchObject({
    activeProviders: [{ name: "gigyaEmail" }],
  });
  expect((await call(sim, "accounts.tfa.getProviders", { regToken: "nope" })).body).toMatchObject({
    errorCode: 400006,
    errorDetails: "Invalid regToken",
  });
});

test("the code flow over GET and POST, the debug endpoint, tries, and finalizeRegistration", async () => {
  let now = Date.parse("2026-11-25T10:00:00Z");
  const sim = await useSimulator({ twoFactor: true, now: () => now });
  const dev = await device(sim);
  const regToken = (await login(sim, dev)).body.regToken as string;
  // Gigya's web SDK uses GET with a query: accepted too.
  const query = new URLSearchParams({
    apiKey: sim.gigyaApiKey,
    regToken,
    provider: "gigyaEmail",
    mode: "verify",
    ...dev,
  });
  const init = (await (
    await fetch(`${sim.gigyaUrl}/accounts.tfa.initTFA?${query.toString()}`)
  ).json()) as Body;
  const gigyaAssertion = init.gigyaAssertion as string;
  const emails = (await call(sim, "accounts.tfa.email.getEmails", { gigyaAssertion })).body.emails as Body[];
  expect(emails).toEqual([
    { id: expect.stringMatching(/^email-/), obfuscated: "d***@r***.dev", lastVerification: 0 },
  ]);

  const debugUrl = `${sim.gigyaUrl}/simulator/tfa-code?email=${encodeURIComponent(sim.demo.email)}`;
  expect((await fetch(debugUrl)).status).toBe(404);
  expect(
    (await call(sim, "accounts.tfa.email.sendVerificationCode", { gigyaAssertion, emailID: "other" })).body,
  ).toMatchObject({ errorCode: 400006, errorDetails: "Invalid emailID" });
  const sent = await call(sim, "accounts.tfa.email.sendVerificationCode", {
    gigyaAssertion,
    email: sim.demo.email,
    lang: "fr",
  });
  const phvToken = sent.body.phvToken as string;
  const code = simulatorTfa(sim.world).lastCode(sim.demo.email)!;
  expect(code).toMatch(/^\d{6}$/);
  const debug = await fetch(debugUrl);
  expect(await debug.json()).toEqual({ email: sim.demo.email, code, sentAt: "2026-11-25T10:00:00.000Z" });
  expect((await fetch(debugUrl, { method: "POST" })).status).toBe(405);

  const complete = (value: string, extra: Record<string, string> = {}) =>
    call(sim, "accounts.tfa.email.completeVerification", { gigyaAssertion, phvToken, code: value, ...extra });
  expect((await complete(code, { regToken: "another" })).body).toMatchObject({
    errorDetails: "Invalid regToken",
  });
  expect((await complete(code, { phvToken: "forged" })).body).toMatchObject({
    errorDetails: "Invalid phvToken",
  });
  const wrong = code === "000000" ? "000001" : "000000";
  for (let i = 0; i < 5; i++) {
    expect((await complete(wrong)).body).toMatchObject({
      errorCode: 400006,
      errorMessage: "Invalid parameter value",
    });
  }
  expect((await complete(code)).body).toMatchObject({
    errorCode: 400006,
    errorDetails: "Maximum allowed tries exceeded",
  });

  // A new login; the right code; finalizeRegistration needs a trusted device.
  const regToken2 = (await login(sim, dev)).body.regToken as string;
  const cookie = `gmid=${dev.gmid}; ucid=${dev.ucid}`;
  const assertion2 = (
    await call(
      sim,
      "accounts.tfa.initTFA",
      { regToken: regToken2, provider: "gigyaEmail", mode: "verify" },
      cookie,
    )
  ).body.gigyaAssertion as string;
  const emailID = emails[0]!.id as string;
  const phv2 = (
    await call(sim, "accounts.tfa.email.sendVerificationCode", { gigyaAssertion: assertion2, emailID })
  ).body.phvToken as string;
  const providerAssertion = (
    await call(sim, "accounts.tfa.email.completeVerification", {
      gigyaAssertion: assertion2,
      phvToken: phv2,
      code: simulatorTfa(sim.world).lastCode(sim.demo.email)!,
    })
  ).body.providerAssertion as string;
  const finalizeFields = {
    gigyaAssertion: assertion2,
    providerAssertion,
    regToken: regToken2,
    tempDevice: "false",
  };
  expect((await call(sim, "accounts.tfa.finalizeTFA", finalizeFields)).body).toMatchObject({
    errorDetails: "Missing required parameter: gcid or ucid cookie",
  });
  expect(
    (await call(sim, "accounts.tfa.finalizeTFA", { ...finalizeFields, providerAssertion: "forged" }, cookie))
      .body,
  ).toMatchObject({ errorDetails: "Invalid providerAssertion" });
  const register = (extra: Record<string, string> = {}, withCookie?: string) =>
    call(
      sim,
      "accounts.finalizeRegistration",
      { regToken: regToken2, includeUserInfo: "true", ...extra },
      withCookie,
    );
  expect((await register()).body).toMatchObject({ errorCode: 403101 }); // not trusted yet, and no device
  expect((await call(sim, "accounts.tfa.finalizeTFA", finalizeFields, cookie)).body).toMatchObject({
    errorCode: 0,
  });
  expect(simulatorTfa(sim.world).isTrusted(sim.demo.email, dev.gmid)).toBe(true);
  expect((await register()).body).toMatchObject({ errorCode: 403101 }); // trusted, but sent without the device
  const done = await register({}, cookie);
  expect(done.body).toMatchObject({
    errorCode: 0,
    sessionInfo: { cookieValue: expect.stringMatching(/^st2\.s\./) },
    userInfo: { email: sim.demo.email },
  });
  expect((await register({}, cookie)).body).toMatchObject({ errorDetails: "Invalid regToken" }); // used up

  // The regToken lasts one hour of simulated time.
  const regToken3 = (await login(sim)).body.regToken as string;
  now += 61 * 60_000;
  expect((await call(sim, "accounts.tfa.getProviders", { regToken: regToken3 })).body).toMatchObject({
    errorDetails: "regToken has expired",
  });
  const regToken4 = (await login(sim)).body.regToken as string;
  expect(
    (await call(sim, "accounts.finalizeRegistration", { regToken: regToken4 }, cookie)).body,
  ).toMatchObject({
    errorCode: 0,
  });
});

test("obfuscate masks the local part and the domain name", () => {
  expect(obfuscate("demo@renault-api.dev")).toBe("d***@r***.dev");
  expect(obfuscate("x@localhost")).toBe("x***@l***");
});

test("assertion-bound calls: unknown assertion, no code sent yet, no e-mail chosen", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const dev = await device(sim);
  const regToken = (await login(sim, dev)).body.regToken as string;
  const gigyaAssertion = (
    await call(sim, "accounts.tfa.initTFA", { regToken, provider: "gigyaEmail", mode: "verify", ...dev })
  ).body.gigyaAssertion as string;
  expect((await call(sim, "accounts.tfa.email.getEmails", { gigyaAssertion: "nope" })).body).toMatchObject({
    errorCode: 400006,
    errorDetails: "Invalid gigyaAssertion",
  });
  expect(
    (await call(sim, "accounts.tfa.email.completeVerification", { gigyaAssertion, phvToken: "x", code: "1" }))
      .body,
  ).toMatchObject({ errorDetails: "Invalid phvToken" });
  expect((await call(sim, "accounts.tfa.email.sendVerificationCode", { gigyaAssertion })).body).toMatchObject(
    {
      errorDetails: "Invalid emailID",
    },
  );
  expect(
    (
      await call(sim, "accounts.tfa.email.sendVerificationCode", {
        gigyaAssertion,
        email: "other@example.com",
      })
    ).body,
  ).toMatchObject({ errorDetails: "Invalid emailID" });
});
