/**
 * The transport against a hostile server on a real socket (issue 20, defects 1, 7 and 13): both
 * implementations, the default `node:http` one and an injected `fetch`, keep the same promises.
 */
import { describe, expect, test } from "vitest";
import { NetworkError, RedirectError, ResponseTooLargeError, TimeoutError } from "../src/errors.js";
import { DEFAULT_MAX_BODY_SIZE, send, type SendOptions } from "../src/http/transport.js";
import {
  compressedBomb,
  drip,
  hugeBody,
  json,
  redirectTo,
  stallAfter,
  useHostileServer,
} from "./support/hostile-server.js";

const get = (url: string) => ({ method: "GET" as const, url, headers: { apikey: "K-api-key-0001" } });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const TRANSPORTS: readonly (readonly [string, SendOptions])[] = [
  ["node:http", {}],
  ["fetch", { fetch: globalThis.fetch }],
];

describe.each(TRANSPORTS)("%s transport", (_name, base) => {
  test("a body that stalls after the headers ends with a TimeoutError (the request was sent)", async () => {
    const server = await useHostileServer();
    server.route("/stall", stallAfter('{"data":'));
    server.route("/warm", json(200, {}));
    // Loading fetch takes ~0.1 s (more on a loaded machine): warm it up so the timeout is the body's.
    await send(get(`${server.url}/warm`), base);
    const started = Date.now();
    const error = await failure(send(get(`${server.url}/stall`), { ...base, timeout: 600 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ method: "GET", timeout: 600, notSent: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /warm", "GET /stall"]);
  });

  test("a body that drips a byte now and then is cut by the per-attempt timeout", async () => {
    const server = await useHostileServer();
    server.route("/drip", drip(20));
    server.route("/warm", json(200, {}));
    await send(get(`${server.url}/warm`), base);
    const error = await failure(send(get(`${server.url}/drip`), { ...base, timeout: 600 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((server.written.get("/drip") ?? 0) > 1).toBe(true);
  });

  test("the caller's abort during a stalled body rethrows its reason at once", async () => {
    const server = await useHostileServer();
    server.route("/stall", stallAfter("{"));
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => {
      controller.abort(reason);
    }, 50);
    const started = Date.now();
    const error = await failure(
      send(get(`${server.url}/stall`), { ...base, timeout: 10_000, signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test("a 100 MB answer gives ResponseTooLargeError and is not read to the end", async () => {
    const server = await useHostileServer();
    server.route("/huge", hugeBody(100 * 1024 * 1024));
    const error = await failure(send(get(`${server.url}/huge`), base));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limit: DEFAULT_MAX_BODY_SIZE });
    expect((error as Error).message).toMatch(/larger than 8388608 bytes/);
    // Reading stopped at the cap: the server could not push the whole body.
    expect(server.written.get("/huge") ?? 0).toBeLessThan(40 * 1024 * 1024);
  });

  test("a declared Content-Length over the cap is refused before reading", async () => {
    const server = await useHostileServer();
    server.route("/declared", hugeBody(2048, true));
    const error = await failure(send(get(`${server.url}/declared`), { ...base, maxBodySize: 1024 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limit: 1024 });
  });

  test.each(["gzip", "deflate", "br"] as const)(
    "a %s bomb (tens of KB on the wire, 64 MiB decoded) gives ResponseTooLargeError",
    async (encoding) => {
      const server = await useHostileServer();
      server.route("/bomb", compressedBomb(encoding, 64 * 1024 * 1024));
      const error = await failure(send(get(`${server.url}/bomb`), base));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
    },
  );

  test("a compressed answer under the cap is decoded", async () => {
    const server = await useHostileServer();
    server.route("/small", compressedBomb("gzip", 1024 * 1024));
    const response = await send(get(`${server.url}/small`), base);
    expect(response.status).toBe(200);
    expect(response.text).toHaveLength(1024 * 1024);
  });

  test("a redirect is reported as such, with its target but no query, and not followed", async () => {
    const server = await useHostileServer();
    server.route("/moved", redirectTo("https://elsewhere.example/steal?apikey=K-api-key-0001#x"));
    const error = await failure(send(get(`${server.url}/moved?apikey=K-api-key-0001`), base));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: 302, location: "https://elsewhere.example/steal" });
    expect((error as Error).message).toMatch(/the server redirected to https:\/\/elsewhere\.example\/steal$/);
    expect((error as Error).message).not.toMatch(/K-api-key-0001/);
    expect(server.requests).toHaveLength(1);
  });

  test("a relative redirect is resolved against the request URL", async () => {
    const server = await useHostileServer();
    server.route("/moved", redirectTo("/login?token=abc", 307));
    const error = await failure(send(get(`${server.url}/moved`), base));
    expect(error).toMatchObject({ name: "RedirectError", status: 307, location: `${server.url}/login` });
  });

  test("a body cut short by the server is a NetworkError that may have reached it", async () => {
    const server = await useHostileServer();
    server.route("/cut", (_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write('{"partial"');
      setTimeout(() => response.destroy(), 20);
    });
    const error = await failure(send(get(`${server.url}/cut`), { ...base, timeout: 2_000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).notSent).toBe(false);
  });

  test("the request goes out as built: method, path, query, headers and body", async () => {
    const server = await useHostileServer();
    server.route("/echo", json(201, { ok: true }, { "set-cookie": "gmid=abc; Path=/" }));
    const response = await send(
      {
        method: "POST",
        url: `${server.url}/echo?country=FR`,
        headers: { "content-type": "application/vnd.api+json", apikey: "K-api-key-0001" },
        body: '{"data":{"type":"HvacStart"}}',
      },
      base,
    );
    expect(response.status).toBe(201);
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.getSetCookie?.()).toEqual(["gmid=abc; Path=/"]);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/echo", body: '{"data":{"type":"HvacStart"}}' });
    expect(request?.headers).toMatchObject({
      apikey: "K-api-key-0001",
      "content-type": "application/vnd.api+json",
      "content-length": "29",
    });
  });
});

test("the default transport keeps the connection alive between requests", async () => {
  const server = await useHostileServer();
  server.route("/ka", json(200, { ok: true }));
  await send(get(`${server.url}/ka`));
  await send(get(`${server.url}/ka`));
  expect(server.requests.map((r) => r.headers.connection)).toEqual(["keep-alive", "keep-alive"]);
  expect(server.connections).toBe(1);
});
