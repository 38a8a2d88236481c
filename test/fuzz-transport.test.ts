import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { expect, test } from "vitest";
import { RenaultError } from "../src/errors.js";
import { parseKamereonResponse } from "../src/kamereon/kamereon.js";
import { fuzzRuns } from "./support/fuzz-runs.js";

const context = { now: () => 0, quotaCooldown: 900_000 };
const call = { method: "GET" as const, path: "/commerce/v1/x" };
const url = "http://127.0.0.1/kamereon/commerce/v1/x?country=FR";

function parse(status: number, text: string, headers: Record<string, string> = {}): unknown {
  return parseKamereonResponse(context, call, url, { status, text, headers: new Headers(headers) });
}

/** The only allowed outcomes: a value, or one of the library's typed errors. */
function outcome(run: () => unknown): "value" | "typed-error" {
  try {
    run();
    return "value";
  } catch (error) {
    if (error instanceof RenaultError) return "typed-error";
    throw error;
  }
}

const fixtureDir = new URL("../fixtures/kamereon/", import.meta.url);
const fixtures = readdirSync(fixtureDir, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".json"))
  .map((file) => readFileSync(new URL(file, fixtureDir), "utf8"));

/** Replaces, drops or retypes one random value somewhere inside a JSON document. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== "object" || value === null) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const index = head! % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const key = entries[index]![0];
  (copy as Record<string, unknown>)[key] = mutate(entries[index]![1], rest, replacement);
  return copy;
}

test("random bodies and statuses: a value or a typed error, never another exception", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 501, 502, 503),
      fc.option(fc.oneof(fc.string(), fc.nat().map(String)), { nil: undefined }),
      (text, status, retryAfter) => {
        const kind = outcome(() =>
          parse(status, text, retryAfter === undefined ? {} : { "retry-after": retryAfter }),
        );
        if (status >= 400) expect(kind).toBe("typed-error");
      },
    ),
    { numRuns: fuzzRuns(3_000) },
  );
});

test("mutated real fixtures: a value or a typed error, never another exception", () => {
  expect(fixtures.length).toBeGreaterThan(80);
  fc.assert(
    fc.property(
      fc.constantFrom(...fixtures),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.oneof(fc.jsonValue(), fc.constant(undefined)),
      fc.constantFrom(200, 400, 403, 500),
      (text, path, replacement, status) => {
        const mutated = JSON.stringify(mutate(JSON.parse(text), path, replacement)) ?? "";
        outcome(() => parse(status, mutated));
      },
    ),
    { numRuns: fuzzRuns(3_000) },
  );
});

test("error lists with arbitrary entries keep every entry as a typed error", () => {
  fc.assert(
    fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }), (entries) => {
      const body = JSON.stringify({
        errors: entries.map((e) => ({ errorCode: "err.x", errorMessage: JSON.stringify(e) })),
      });
      expect(outcome(() => parse(400, body))).toBe("typed-error");
    }),
    { numRuns: fuzzRuns(1_000) },
  );
});
