/** The README's "Entities per model" is the code's: generated, never hand-written. */
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { entitiesPerModel, entityListMarkdown } from "../src/entity-list.js";

it("matches the entities discovery announces for each simulator model", async () => {
  const models = await entitiesPerModel();
  expect(models.length).toBeGreaterThanOrEqual(7);
  const clio = models.find((m) => m.model.includes("CLIO"));
  expect(clio?.entities).toContain("fuel_quantity");
  expect(clio?.entities).not.toContain("battery_level");
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const listed = /<!-- entities:start -->\n([\s\S]*?)\n<!-- entities:end -->/.exec(readme)?.[1];
  expect(listed, "run node packages/mqtt/scripts/print-entities.mjs and paste its output").toBe(
    entityListMarkdown(models),
  );
});
