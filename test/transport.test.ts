import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { NetworkError, TimeoutError } from "../src/errors.js";
import { send } from "../src/http/transport.js";
import { useSimulator } from "./support/sim.js";

const get = (url: string) => ({ method: "GET" as const, url, headers: {} });

test("a server that never answers gives a TimeoutError after the per-attempt timeout", async () => {
  const sim = await useSimulator();
  sim.route("GET", "/never", () => ({ hang: true }));
  const error = await send(get(`${sim.kamereonUrl}/never`), { timeout: 100 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ method: "GET", timeout: 100 });
});

test("the caller's abort rethrows the caller's reason, not a library error", async () => {
  const sim = await useSimulator();
  sim.route("GET", "/never", () => ({ hang: true }));
  const controller = new AbortController();
  const reason = new Error("user cancelled");
  setTimeout(() => {
    controller.abort(reason);
  }, 50);
  await expect(
    send(get(`${sim.kamereonUrl}/never`), { signal: controller.signal, timeout: 5_000 }),
  ).rejects.toBe(reason);
});

test("a refused connection is a NetworkError that provably never left", async () => {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const error = await send(get(`http://127.0.0.1:${port}/x`)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).notSent).toBe(true);
});

test("a connection reset after sending is a NetworkError that may have reached the server", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/reset", () => ({ reset: true }));
  const error = await send({
    method: "POST",
    url: `${sim.kamereonUrl}/reset`,
    headers: {},
    body: "{}",
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).notSent).toBe(false);
  expect(sim.requests.filter((r) => r.path === "/reset")).toHaveLength(1);
});

test("the response body is returned with its status whatever the status", async () => {
  const sim = await useSimulator();
  sim.route("GET", "/teapot", () => ({ status: 418, body: "short and stout" }));
  const response = await send(get(`${sim.kamereonUrl}/teapot`));
  expect(response.status).toBe(418);
  expect(response.text).toBe("short and stout");
});
