import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "coverage/",
      "docs/api/",
      "node_modules/",
      "fixtures/",
      "bench/results.json",
      ".tmp/",
      "logs/",
      "packages/*/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "no-console": "error",
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "../http/*",
                "../gigya/*",
                "../kamereon/*",
                "../registry/*",
                "../vehicle/*",
                "../probe/*",
                "!../probe/index.js",
                "../session.js",
                "../credentials/*",
                "../account.js",
                "../client.js",
                "../client-state.js",
                "../two-factor.js",
                "../vehicle.js",
                "../../account.js",
                "../../client.js",
                "../../client-state.js",
                "../../two-factor.js",
                "../../vehicle.js",
                "../../session.js",
                "../../*/*",
                "!../../probe/index.js",
                "!../../actions/public.js",
                "!../../simulator/index.js",
              ],
              message:
                "The CLI uses only the public library API: the root (src/index.ts) and the subpaths " +
                "of package.json exports (src/models.ts, schedules.ts, errors.ts, actions/public.ts, probe/index.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "test/**/*.ts",
      "packages/*/test/**/*.ts",
      "bench/**",
      "scripts/**",
      "*.config.*",
      "eslint.config.js",
    ],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unnecessary-condition": "off",
      "no-console": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts: globals are Node's (TypeScript checks the .ts files), and they print.
    files: ["**/*.js", "**/*.mjs", "examples/**", "bench/**", "scripts/**"],
    rules: { "no-undef": "off", "no-console": "off" },
  },
);
