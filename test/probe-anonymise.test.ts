import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore, RenaultSession } from "../src/index.js";
import {
  Anonymiser,
  REFERENCE_POINT,
  SecretFoundError,
  planProbe,
  scanFolder,
  scanText,
  writeProbeBundle,
  type ProbeReport,
  type ProbeResult,
  type ScanSecrets,
} from "../src/probe/index.js";
import { FIXTURES_DIR } from "../src/simulator/fixtures.js";

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "renault-anon-"));
  folders.push(dir);
  return join(dir, "bundle");
}

function fixture(path: string): any {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, path), "utf8"));
}

/** Personal values planted in real fixtures. */
interface Planted {
  readonly vin: string;
  readonly otherVin: string;
  readonly email: string;
  readonly strayEmail: string;
  readonly registration: string;
  readonly accountId: string;
  readonly personId: string;
  readonly phone: string;
  readonly firstName: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly jwt: string;
  readonly gigyaToken: string;
  readonly dealerId: string;
}

const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789".split("");
const vin = fc
  .tuple(
    fc.constantFrom("VF1", "UU1", "VF6", "WBA", "SAL", "VF3"),
    fc.array(fc.constantFrom(...VIN_CHARS), { minLength: 14, maxLength: 14 }),
  )
  .map(([wmi, rest]) => wmi + rest.join(""))
  .filter((value) => /\d/.test(value.slice(3)) && !value.startsWith("VF1AAAA"));
const base64url = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("")), {
      minLength: min,
      maxLength: max,
    })
    .map((chars) => chars.join(""));
const word = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split("")), { minLength: min, maxLength: max })
    .map((chars) => chars.join(""));

const planted: fc.Arbitrary<Planted> = fc
  .record({
    vin,
    otherVin: vin,
    email: fc.emailAddress().filter((email) => email.length >= 6 && !/example\.(com|org|net)$/i.test(email)),
    strayEmail: fc
      .tuple(word(3, 10), word(3, 8), fc.constantFrom("fr", "com", "de", "it"))
      .map(([user, domain, tld]) => `${user}.x@${domain}.${tld}`)
      .filter((email) => !email.endsWith("example.com")),
    registration: fc
      .tuple(word(2, 2), fc.integer({ min: 100, max: 999 }), word(2, 2))
      .map(([a, n, b]) => `${a.toUpperCase()}-${n}-${b.toUpperCase()}`),
    accountId: fc.uuid(),
    personId: fc.uuid(),
    phone: fc.integer({ min: 100_000_000, max: 999_999_999 }).map((n) => `+33${n}`),
    firstName: word(4, 9).map((name) => name.charAt(0).toUpperCase() + name.slice(1)),
    latitude: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
    longitude: fc.double({ min: -179.9, max: 179.9, noNaN: true }),
    jwt: fc
      .tuple(base64url(4, 30), base64url(4, 60), base64url(0, 40))
      .map(([a, b, c]) => `eyJ${a}.${b}.${c}`),
    gigyaToken: base64url(10, 40).map((token) => `st2.s.${token}`),
    dealerId: fc.integer({ min: 10_000_000, max: 99_999_999 }).map(String),
  })
  .filter((p) => p.vin !== p.otherVin && !p.email.toLowerCase().includes(p.firstName.toLowerCase()));

const STEPS = new Map(planProbe().map((step) => [step.name, step]));
const step = (name: string) => {
  const found = STEPS.get(name);
  if (!found) throw new Error(name);
  return found;
};

/** A probe report made of real fixtures with the planted values where real answers carry them. */
function plantedReport(p: Planted): ProbeReport {
  const vehicles = fixture("kamereon/vehicles/zoe_40.1.json");
  vehicles.accountId = p.accountId;
  const link = vehicles.vehicleLinks[0];
  link.vin = p.vin;
  link.vehicleDetails.vin = p.vin;
  link.vehicleDetails.registrationNumber = p.registration;
  link.connectedDriver.lastModifiedBy = p.email;
  link.preferredDealer = { dealerId: p.dealerId, brand: "RENAULT" };
  const rendition = link.vehicleDetails.assets[0].renditions[0];
  rendition.url = `${String(rendition.url)}&vin=${p.vin}&owner=${encodeURIComponent(p.email)}`;
  vehicles.vehicleLinks.push({ ...structuredClone(link), vin: p.otherVin });

  const person = fixture("kamereon/person.json");
  person.personId = p.personId;
  person.firstName = p.firstName;
  person.idp.login = p.email;
  person.emails[0].emailValue = p.email;
  person.phones[0].phoneValue = p.phone;
  person.accounts[0].accountId = p.accountId;

  const adapter = fixture("kamereon/vehicle_gateway/zoe_50.1.json");
  adapter.data.id = p.vin;
  adapter.data.attributes.vin = p.vin;
  adapter.data.attributes.registrationNumber = p.registration;
  adapter.data.attributes.nickname = p.firstName;

  const battery = fixture("kamereon/vehicle_data/battery-status.1.json");
  battery.data.id = p.vin.toLowerCase();
  battery.data.attributes.note = `Bearer ${p.jwt}`;
  battery.data.attributes.cookie = `glt_3_x=${p.gigyaToken}`;

  const location = fixture("kamereon/vehicle_data/location.1.json");
  location.data.id = p.vin;
  location.data.attributes.gpsLatitude = p.latitude;
  location.data.attributes.gpsLongitude = p.longitude;

  const alerts = fixture("kamereon/vehicle_info/alerts.json");
  alerts[0].vin = p.vin;
  alerts[0].registrationNumber = p.registration;
  alerts[0].longDescription = `Call ${p.phone} or write to ${p.strayEmail}; car ${p.vin} (${p.registration})`;
  alerts[0][p.vin] = "keyed by VIN";

  const works = (name: string, body: unknown): ProbeResult => ({
    step: step(name),
    verdict: "works",
    status: 200,
    fields: [],
    body,
  });
  const results: ProbeResult[] = [
    works("details", vehicles),
    works("person", person),
    works("car-adapter", adapter),
    works("battery-status", battery),
    works("location", location),
    works("alerts", alerts),
    {
      step: step("lock-status"),
      verdict: "not-supported",
      status: 404,
      code: "err.func.wired.notFound",
      details: `No lock data for ${p.vin}`,
      body: { errors: [{ errorCode: "err.func.wired.notFound", errorMessage: `No lock data for ${p.vin}` }] },
    },
  ];
  return {
    probedAt: "2026-05-14T10:00:00.000Z",
    accountId: p.accountId,
    vin: p.vin,
    modelCode: "X101VE",
    modelName: "ZOE phase 1 (ZE40)",
    budget: 30,
    used: results.length,
    stopped: "complete",
    results,
  };
}

/** Every planted value that must not appear anywhere in a bundle. */
function secretsOf(p: Planted): string[] {
  return [
    p.vin,
    p.otherVin,
    p.email,
    encodeURIComponent(p.email),
    p.strayEmail,
    p.registration,
    p.accountId,
    p.personId,
    p.phone,
    p.jwt,
    p.gigyaToken,
    p.dealerId,
  ];
}

async function readAll(directory: string, files: readonly string[]): Promise<Map<string, string>> {
  return new Map(
    await Promise.all(
      files.map(async (file) => [file, await readFile(join(directory, file), "utf8")] as const),
    ),
  );
}

describe("the anonymiser", () => {
  test("no planted secret survives in the documents, and the fakes are stable", () => {
    fc.assert(
      fc.property(planted, (p) => {
        const report = plantedReport(p);
        const anonymiser = new Anonymiser({ vins: [p.vin], emails: [p.email], names: [p.firstName] });
        for (const result of report.results) anonymiser.learn(result.body);
        const out = report.results.map((result) => anonymiser.json(result.body));
        const text = JSON.stringify(out).toLowerCase();
        for (const secret of secretsOf(p)) {
          if (secret === p.personId || secret === p.accountId) continue; // only known from the person: below
          expect(text, secret).not.toContain(secret.toLowerCase());
        }
        const [vehicles, , adapter, battery, location] = out as any[];
        const fake = vehicles.vehicleLinks[0].vin;
        expect(fake).toMatch(/^VF1AAAAPRB\d{7}$/);
        expect(vehicles.vehicleLinks[0].vehicleDetails.vin).toBe(fake);
        expect(adapter.data.attributes.vin).toBe(fake);
        expect(battery.data.id).toBe(fake);
        expect(location.data.id).toBe(fake);
        expect(vehicles.vehicleLinks[0].vehicleDetails.registrationNumber).toMatch(/^REG-\d{4}$/);
        expect(vehicles.vehicleLinks[0].vehicleDetails.radioCode).toBe("1234");
        expect(location.data.attributes).toMatchObject({
          gpsLatitude: REFERENCE_POINT.latitude,
          gpsLongitude: REFERENCE_POINT.longitude,
        });
        expect(adapter.data.attributes).not.toHaveProperty("nickname");
        // Deterministic: another anonymiser fed the same documents gives the same output.
        const again = new Anonymiser({ vins: [p.vin], emails: [p.email], names: [p.firstName] });
        for (const result of report.results) again.learn(result.body);
        expect(report.results.map((result) => again.json(result.body))).toEqual(out);
      }),
      { numRuns: 100 },
    );
  });

  test("keeps the 'no fix' sentinel and what is not personal, and shifts dates when asked", () => {
    const anonymiser = new Anonymiser({}, { shiftDays: -10 });
    expect(
      anonymiser.json({
        gpsLatitude: 91,
        gpsLongitude: 181,
        lastUpdateTime: "2026-05-14T10:00:00Z",
        firstRegistrationDate: "20170801",
        deliveryDate: "2017-08-11",
        batteryLevel: 60,
        radioCode: "",
        id: "*PRIVATE*",
      }),
    ).toEqual({
      gpsLatitude: 91,
      gpsLongitude: 181,
      lastUpdateTime: "2026-05-04T10:00:00Z",
      firstRegistrationDate: "20170722",
      deliveryDate: "2017-08-01",
      batteryLevel: 60,
      radioCode: "",
      id: "*PRIVATE*",
    });
  });

  test("fakes never equal, contain or hide in a real value (the demo's ids look like fakes)", () => {
    const anonymiser = new Anonymiser({
      accountIds: ["account-id-1", "account-id-2"],
      personIds: ["person-id-1"],
    });
    const out = anonymiser.json({
      accountId: "account-id-1",
      personId: "person-id-1",
      other: "account-id-2",
    });
    expect(out).toEqual({ accountId: "account-id-3", personId: "person-id-2", other: "account-id-4" });
  });
});

describe("the bundle writer and its scan", () => {
  test("a bundle of fixtures with planted secrets is written clean: none survives in any file", async () => {
    await fc.assert(
      fc.asyncProperty(planted, async (p) => {
        const directory = await tempFolder();
        const bundle = await writeProbeBundle(plantedReport(p), { directory, emails: [p.email] });
        const files = await readAll(directory, bundle.files);
        for (const [file, text] of files) {
          for (const secret of secretsOf(p))
            expect(text.toLowerCase(), `${file}: ${secret}`).not.toContain(secret.toLowerCase());
        }
        const location = JSON.parse(files.get("kamereon/vehicle_data/location.x101ve.json") ?? "{}");
        expect(location.data.attributes.gpsLatitude).toBe(REFERENCE_POINT.latitude);
        const vehicles = JSON.parse(files.get("kamereon/vehicles/x101ve.1.json") ?? "{}");
        expect(vehicles.vehicleLinks).toHaveLength(1); // the account's other car is not shared
        expect(vehicles.vehicleLinks[0].vin).toBe(bundle.report.vin);
        expect(files.has("kamereon/person.json")).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  test("the scan catches a secret planted after anonymisation, naming its kind but never its value", async () => {
    const kinds = [
      ["vin", "VIN"],
      ["email", "e-mail address"],
      ["strayEmail", "e-mail address"],
      ["registration", "registration"],
      ["accountId", "account id"],
      ["jwt", "JWT"],
      ["gigyaToken", "Gigya login token"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(planted, fc.constantFrom(...kinds), fc.nat(), async (p, [field, kind], pick) => {
        const directory = await tempFolder();
        const bundle = await writeProbeBundle(plantedReport(p), { directory, emails: [p.email] });
        const secrets: ScanSecrets = {
          emails: [p.email],
          vins: [p.vin],
          registrations: [p.registration],
          accountIds: [p.accountId],
        };
        expect(await scanFolder(directory, secrets)).toEqual([]);
        const file = bundle.files[pick % bundle.files.length] ?? "report.txt";
        const path = join(directory, file);
        const text = await readFile(path, "utf8");
        const value = field === "vin" ? p.vin.toLowerCase() : p[field];
        await writeFile(path, `${text.replace(/\n$/, "")} ${value}\n`);
        const findings = await scanFolder(directory, secrets);
        expect(findings).toContainEqual({ file, kind });
        expect(JSON.stringify(findings)).not.toContain(value);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  test("a secret the anonymiser cannot know (the API key, the login token) makes the writer delete the folder", async () => {
    const session = new RenaultSession({
      locale: "fr_FR",
      kamereonApiKey: "kamereon-key-0123456789",
      credentialStore: new MemoryCredentialStore({ [CredentialKey.loginToken]: "login-token-abcdefghij" }),
    });
    const p = fc.sample(planted, { numRuns: 1, seed: 7 })[0]!;
    for (const [leak, kind] of [
      ["kamereon-key-0123456789", "API key"],
      ["login-token-abcdefghij", "login token"],
    ] as const) {
      const report = plantedReport(p);
      const battery = report.results.find((result) => result.step.name === "battery-status")?.body as any;
      battery.data.attributes.debug = `echo ${leak}`;
      const directory = await tempFolder();
      const failure = await writeProbeBundle(report, { directory, session, emails: [p.email] }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(SecretFoundError);
      expect((failure as SecretFoundError).findings).toEqual([
        { file: "kamereon/vehicle_data/battery-status.x101ve.json", kind },
      ]);
      expect((failure as Error).message).toContain(kind);
      expect((failure as Error).message).not.toContain(leak);
      await expect(stat(directory)).rejects.toMatchObject({ code: "ENOENT" });
    }
  });
});

describe("details", () => {
  test("string coordinates, numeric ids, contract ids, names and phones elsewhere", () => {
    const anonymiser = new Anonymiser({ names: ["Jeanne"], phones: ["0612345678", "12"] });
    const input = {
      latitude: "45.123",
      longitude: "-1.5",
      lat: "not a number",
      vehicleId: 55722,
      other: { vehicleId: 55722, bin: 991 },
      second: { vehicleId: 10 },
      contractId: "ZX98765",
      contracts: [{ contractId: "ZX98765" }],
      label: "Jeanne",
      note: "call 0612345678 today",
      shortPhone: "12",
      firstName: "Jeanne",
      mobile: "0700000000",
    };
    anonymiser.learn(input);
    expect(anonymiser.json(input)).toEqual({
      latitude: "48.8566",
      longitude: "2.3522",
      lat: "not a number",
      vehicleId: 1,
      other: { vehicleId: 1, bin: 1 },
      second: { vehicleId: 2 },
      contractId: "AB12341",
      contracts: [{ contractId: "AB12341" }],
      label: "",
      note: "call  today",
      shortPhone: "12",
    });
  });

  test("a real value inside the usual fake format gets a plainer fake", () => {
    const anonymiser = new Anonymiser({ accountIds: ["account-id"] });
    expect(anonymiser.accountId("account-id")).toBe("anonymised-account-1001");
    expect(anonymiser.text("see account-id")).toBe("see anonymised-account-1001");
  });

  test("dates that are not dates are left alone when shifting", () => {
    const anonymiser = new Anonymiser({}, { shiftDays: 1 });
    expect(anonymiser.json({ date: "2026-13-45", time: "20260230", day: "x", dateTime: "20261231" })).toEqual(
      { date: "2026-13-45", time: "20260230", day: "x", dateTime: "20270101" },
    );
    expect(anonymiser.text("2026-05-14T23:59:59+02:00")).toBe("2026-05-15T23:59:59+02:00");
  });

  test("the scan ignores values too short to search and finds a registration without its dashes", () => {
    expect(
      scanText("AB123CD REG-0001 1234 x@example.org", {
        registrations: ["AB-123-CD", "AB1"],
        accountIds: ["1234", undefined],
        emails: ["x@example.org"],
      }),
    ).toEqual(["e-mail address", "registration"]);
    expect(scanText("ok", {})).toEqual([]);
  });
});
