/** The `renault-api simulator` options for time, late actions and the 2026 cars. */
import { expect, test } from "vitest";
import { runCli } from "./support/cli.js";

test("`simulator --speed --action-delay --model-quirks --new-models` serves, and lists no probed car", async () => {
  const controller = new AbortController();
  const running = runCli(
    ["--json", "simulator", "--speed", "60", "--action-delay", "20000", "--model-quirks", "--new-models"],
    { signal: controller.signal },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  controller.abort();
  const result = await running;
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout) as { url: string; probed: unknown[] };
  expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // The newModels cars are not demo cars, but they are not a probe bundle's either.
  expect(printed.probed).toEqual([]);
  const bad = await runCli(["simulator", "--speed", "-1"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--speed/);
});
