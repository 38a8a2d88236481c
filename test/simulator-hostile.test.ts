/**
 * The hostile fault kinds of the simulator (src/simulator/hostile.ts, issue 20) as they go out on
 * the wire, read with a bare node:http client (no library in between): what each sends, and that
 * the Kamereon-only kinds refuse a Gigya target. test/fault-matrix.test.ts plays them through the
 * library and the CLI.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { ConfigurationError } from "../src/errors.js";
import { parseFaultSpec, startSimulator, type Simulator } from "../src/simulator/index.js";
import { ABSURD_RETRY_AFTER, HOSTILE_BODY_SIZE } from "../src/simulator/hostile.js";

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  /** The bytes received before the end or `waitMs`. */
  readonly body: Buffer;
  readonly ended: boolean;
}

/** GETs `path` with `headers`; gives up after `waitMs` and says whether the body had ended. */
function get(sim: Simulator, path: string, headers: Record<string, string>, waitMs = 2000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${sim.kamereonUrl}${path}`, { headers }, (incoming) => {
      const chunks: Buffer[] = [];
      const done = (ended: boolean) => {
        clearTimeout(timer);
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks),
          ended,
        });
        request.destroy();
      };
      const timer = setTimeout(() => {
        done(false);
      }, waitMs);
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        done(true);
      });
    });
    request.on("error", reject);
    request.end();
  });
}

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const COCKPIT = "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/VIN/cockpit";
const HEADERS = { apikey: "kamereon-key-echoed", "x-gigya-id_token": "eyJhbGciOi.jwt-echoed.sig" };

describe("hostile faults on the wire", () => {
  test("stall: the headers and the start of a body, then nothing", async () => {
    sim = await startSimulator({ faults: "stall@*" });
    const answer = await get(sim, COCKPIT, HEADERS, 400);
    expect(answer.status).toBe(200);
    expect(answer.ended).toBe(false);
    expect(answer.body.toString()).toBe('{"data":{"attributes":');
    expect(sim.requests.at(-1)?.fault).toBe("stall");
  });

  test("drip: a byte every 50 ms, never an end", async () => {
    sim = await startSimulator({ faults: "drip@*" });
    const answer = await get(sim, COCKPIT, HEADERS, 400);
    expect(answer.ended).toBe(false);
    expect(answer.body.length).toBeGreaterThanOrEqual(3);
    expect(answer.body.length).toBeLessThan(20);
  });

  test("huge: 12 MiB chunked, without a Content-Length; bomb: gzip that decodes to 12 MiB", async () => {
    sim = await startSimulator({ faults: "huge@*,bomb@*" });
    const huge = await get(sim, COCKPIT, HEADERS, 10_000);
    expect(huge.ended).toBe(true);
    expect(huge.headers["content-length"]).toBeUndefined();
    expect(huge.body.length).toBe(HOSTILE_BODY_SIZE);
    const bomb = await get(sim, COCKPIT, HEADERS, 10_000);
    expect(bomb.headers["content-encoding"]).toBe("gzip");
    expect(bomb.body.length).toBeLessThan(HOSTILE_BODY_SIZE / 100);
    expect(gunzipSync(bomb.body).length).toBe(HOSTILE_BODY_SIZE);
  });

  test("redirect, retry-after-absurd, control-chars", async () => {
    sim = await startSimulator({ faults: "redirect@*,retry-after-absurd@*,control-chars@*" });
    const redirect = await get(sim, COCKPIT, HEADERS);
    expect([redirect.status, redirect.headers.location]).toEqual([
      302,
      "https://login.example.invalid/moved",
    ]);
    const quota = await get(sim, COCKPIT, HEADERS);
    expect([quota.status, quota.headers["retry-after"]]).toEqual([429, ABSURD_RETRY_AFTER]);
    const control = await get(sim, COCKPIT, HEADERS);
    expect(control.status).toBe(400);
    expect(control.body.toString()).toContain("\\u001b[2J");
    expect(control.body.toString()).toContain("\\r\\n");
  });

  test("echo-secret: the JWT and API key the request carried are in the error", async () => {
    sim = await startSimulator({ faults: "echo-secret@*" });
    const answer = await get(sim, COCKPIT, HEADERS);
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).toContain(HEADERS.apikey);
    expect(answer.body.toString()).toContain(HEADERS["x-gigya-id_token"]);
  });

  test("the Kamereon-only kinds refuse a Gigya target; the others take one", () => {
    expect(() => parseFaultSpec("retry-after-absurd@login")).toThrow(ConfigurationError);
    expect(() => parseFaultSpec("control-chars@jwt")).toThrow(ConfigurationError);
    expect(parseFaultSpec("stall@login,echo-secret@jwt:*")).toEqual([
      { kind: "stall", target: "login", count: 1 },
      { kind: "echo-secret", target: "jwt", count: Infinity },
    ]);
  });
});
