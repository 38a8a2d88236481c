import { expect, test } from "vitest";
import { GigyaError, InvalidResponseError, TwoFactorCodeError } from "../src/errors.js";
import type { GigyaContext } from "../src/gigya/gigya.js";
import * as tfa from "../src/gigya/tfa.js";
import { send } from "../src/http/transport.js";
import type { Simulator } from "../src/simulator/server.js";
import { simulatorTfa } from "../src/simulator/tfa.js";
import { useSimulator } from "./support/sim.js";

function contextFor(sim: Simulator, extra: Partial<GigyaContext> = {}): GigyaContext {
  return { url: sim.gigyaUrl, apiKey: sim.gigyaApiKey, send: (request) => send(request), ...extra };
}

test("webSdkBootstrap reads a joined Set-Cookie header when Headers has no getSetCookie", async () => {
  const sim = await useSimulator();
  const device = await tfa.webSdkBootstrap(
    contextFor(sim, {
      // A fetch whose Headers lack getSetCookie (older polyfills): the joined header is parsed.
      send: async (request) => {
        const response = await send(request);
        const headers = { get: (name: string) => response.headers.get(name) };
        return { ...response, headers };
      },
    }),
  );
  const [gmid, ucid] = [...simulatorTfa(sim.world).devices][0]!;
  expect(device).toEqual({ gmid, ucid });
  expect(sim.requests[0]!.json).toEqual({ ApiKey: sim.gigyaApiKey });
});

test("answers without the expected field are InvalidResponseError; network failures pass through", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.tfa.initTFA", () => ({ body: { errorCode: 0 } }));
  await expect(tfa.initTfa(contextFor(sim), "reg")).rejects.toBeInstanceOf(InvalidResponseError);
  sim.route("POST", "/accounts.tfa.email.getEmails", () => ({
    body: { errorCode: 0, emails: [{ id: "e1", obfuscated: "a***@b***.c" }] },
  }));
  await expect(tfa.getEmails(contextFor(sim), "assertion")).resolves.toEqual([
    { id: "e1", obfuscated: "a***@b***.c" },
  ]);
  sim.route("POST", "/accounts.tfa.finalizeTFA", () => ({ reset: true }));
  await expect(
    tfa.finalizeTfa(contextFor(sim), {
      gigyaAssertion: "a",
      providerAssertion: "p",
      regToken: "r",
      tempDevice: false,
    }),
  ).rejects.toMatchObject({ name: "NetworkError" });
});

test("Gigya details that quote a secret are masked; only completeVerification's 400006 is a wrong code", async () => {
  const sim = await useSimulator();
  const assertion = "assertion-secret-value";
  sim.route("POST", "/accounts.tfa.email.sendVerificationCode", () => ({
    body: { errorCode: 400006, errorDetails: `Unknown value ${assertion}` },
  }));
  const error = await tfa
    .sendVerificationCode(contextFor(sim), {
      gigyaAssertion: assertion,
      emailId: "e1",
      lang: "en",
      regToken: "reg-secret-value",
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GigyaError);
  expect(error).not.toBeInstanceOf(TwoFactorCodeError);
  expect(error).toMatchObject({ code: 400006, details: "Unknown value ***" });
  expect(`${(error as Error).message}${(error as Error).stack}`).not.toContain(assertion);
});
