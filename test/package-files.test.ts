import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;

/** The files `npm pack` would put in the tarball (no build: dist/ is the one of global setup). */
function packedFiles(): string[] {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const [packed] = JSON.parse(output) as { files: { path: string }[] }[];
  return (packed?.files ?? []).map((file) => file.path);
}

test("every relative link of the README points at a file the package ships (links work on the registry)", () => {
  const files = packedFiles();
  expect(files).toContain("dist/index.js");
  expect(files.some((file) => file.endsWith(".tsbuildinfo"))).toBe(false);
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z]+:/.test(target));
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((target) => !files.includes(target))).toEqual([]);
});
