/**
 * The request ledger (issue 16, item 3): every Kamereon request of every process on one credential
 * store is counted per account over the last hour, under the store's lock.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { FileCredentialStore } from "../src/credentials/file-store.js";
import { MemoryCredentialStore } from "../src/credentials/store.js";
import { LEDGER_KEY, LEDGER_WINDOW, readLedger, RequestLedger } from "../src/session/ledger.js";
import { RenaultSession } from "../src/session.js";
import { SimulatorClock } from "../src/simulator/index.js";
import { requestsTo, simOptions, useSimulator } from "./support/sim.js";

const T0 = Date.parse("2026-12-01T05:00:00Z");
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("request ledger", () => {
  test("two sessions on one credential file count each other's requests per account", async () => {
    const clock = new SimulatorClock({ start: T0, speed: 0 });
    const sim = await useSimulator({ clock });
    const dir = await mkdtemp(join(tmpdir(), "ledger-"));
    dirs.push(dir);
    const file = join(dir, "credentials.json");
    const now = () => clock.now();
    const first = new RenaultSession(
      simOptions(sim, { credentialStore: new FileCredentialStore(file), now }),
    );
    await first.login(sim.demo.email, sim.demo.password);
    const second = new RenaultSession(
      simOptions(sim, { credentialStore: new FileCredentialStore(file), now }),
    );
    const account = sim.demo.renaultAccountId;
    const path = `/commerce/v1/accounts/${account}/vehicles`;
    await Promise.all([
      first.request("GET", path),
      second.request(
        "GET",
        `/commerce/v1/accounts/${account}/kamereon/kca/car-adapter/v2/cars/${sim.demo.vins.zoe40}/battery-status`,
      ),
      first.request("GET", path),
    ]);
    const sent = requestsTo(sim, "kamereon").filter((request) =>
      request.path.includes(`/accounts/${account}/`),
    );
    expect(sent.length).toBe(2); // the two identical concurrent reads of `first` shared one request
    expect(await first.requestLedger.count(account)).toBe(2);
    expect(await second.requestLedger.count(account)).toBe(2);
    // The person read has no account: it is not counted against one.
    expect(await first.requestLedger.count("")).toBe(0);
    clock.advance(LEDGER_WINDOW);
    expect(await second.requestLedger.count(account)).toBe(0);
  });

  test("a malformed, future or oversized stored ledger counts as no request and is repaired", async () => {
    const now = T0;
    expect(readLedger("{not json", now)).toEqual({});
    expect(readLedger("[1,2]", now)).toEqual({});
    expect(
      readLedger(
        JSON.stringify({ a: [now - 10, "x", now + 3_600_000, now - LEDGER_WINDOW - 1, null], b: 3 }),
        now,
      ),
    ).toEqual({ a: [now - 10] });
    const store = new MemoryCredentialStore({ [LEDGER_KEY]: '{"acc":"junk"' });
    const ledger = new RequestLedger(store, () => now);
    expect(await ledger.count("acc")).toBe(0);
    await ledger.record("acc");
    expect(await ledger.count("acc")).toBe(1);
    expect(JSON.parse((await store.read())[LEDGER_KEY]!)).toEqual({ acc: [now] });
  });

  test("the ledger stays bounded: at most 1000 times per account, 50 accounts", async () => {
    let now = T0;
    const store = new MemoryCredentialStore();
    const ledger = new RequestLedger(store, () => now);
    for (let index = 0; index < 1_010; index++) {
      now += 1;
      await ledger.record("acc");
    }
    for (let index = 0; index < 60; index++) await ledger.record(`other-${index}`);
    expect(await ledger.count("acc")).toBe(1_000);
    const stored = JSON.parse((await store.read())[LEDGER_KEY]!) as Record<string, number[]>;
    expect(Object.keys(stored).length).toBe(50);
  });

  test("reserve takes a slot only below the limit, atomically, and the next request uses it", async () => {
    const store = new MemoryCredentialStore();
    const one = new RequestLedger(store, () => T0);
    const two = new RequestLedger(store, () => T0);
    const taken = await Promise.all([
      one.reserve("acc", 3),
      two.reserve("acc", 3),
      one.reserve("acc", 3),
      two.reserve("acc", 3),
    ]);
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await one.count("acc")).toBe(3);
    await one.record("acc"); // uses a slot one reserved: not counted twice
    expect(await two.count("acc")).toBe(3);
    one.release("acc");
    await one.record("acc");
    expect(await two.count("acc")).toBe(4);
  });
});
