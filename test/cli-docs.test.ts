import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { expect, test } from "vitest";
import { renderReference, replaceReference } from "../src/cli/docs.js";

const DOC = fileURLToPath(new URL("../docs/cli.md", import.meta.url));

test("docs/cli.md carries the reference generated from the command definitions", async () => {
  const current = await readFile(DOC, "utf8");
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  const expected = await prettier.format(replaceReference(current, await renderReference()), {
    ...options,
    filepath: DOC,
  });
  if (process.env.UPDATE_CLI_DOCS === "1" && current !== expected) await writeFile(DOC, expected);
  // Stale? Regenerate with: UPDATE_CLI_DOCS=1 npx vitest run test/cli-docs.test.ts
  expect(current).toBe(expected);
}, 30_000);
