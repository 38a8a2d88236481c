import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const ours = new URL("../fixtures/", import.meta.url).pathname;
const upstream = new URL("../../shared/fixtures/", import.meta.url).pathname;

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length))
    .sort();
}

test("the shipped fixtures are the contributed samples, unchanged, with their attribution", () => {
  const shipped = files(ours);
  expect(shipped).toContain("ATTRIBUTION.md");
  expect(readFileSync(join(ours, "ATTRIBUTION.md"), "utf8")).toMatch(
    /MIT License.*epenet and the contributors of hacf-fr\/renault-api/s,
  );
  expect(shipped.filter((file) => file.endsWith(".json")).length).toBeGreaterThan(100);
  // Beside a checkout of the workspace, the copy must match the upstream samples byte for byte.
  if (!existsSync(upstream)) return;
  const expected = files(upstream);
  expect(shipped.filter((file) => file !== "ATTRIBUTION.md")).toEqual(expected);
  for (const file of expected) {
    expect(readFileSync(join(ours, file)).equals(readFileSync(join(upstream, file))), file).toBe(true);
  }
});
