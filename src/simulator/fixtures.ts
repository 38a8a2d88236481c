import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The fixtures folder shipped with the package (real API answers contributed to hacf-fr/renault-api,
 * MIT). Resolved from this module so it works from `src/` (tests) and `dist/` (installed package).
 */
export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

const cache = new Map<string, unknown>();

/** Reads and parses a fixture by its path relative to the fixtures folder; returns a fresh copy. */
export function loadFixture(relativePath: string, directory: string = FIXTURES_DIR): unknown {
  const key = `${directory}\0${relativePath}`;
  if (!cache.has(key)) cache.set(key, JSON.parse(readFileSync(`${directory}/${relativePath}`, "utf8")));
  return structuredClone(cache.get(key));
}

/** Reads a fixture as text (e.g. the HTML 502 page). */
export function loadFixtureText(relativePath: string, directory: string = FIXTURES_DIR): string {
  return readFileSync(`${directory}/${relativePath}`, "utf8");
}
