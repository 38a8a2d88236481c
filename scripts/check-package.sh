#!/usr/bin/env bash
# Packs the package, installs the tarball into a scratch project and uses it as a user would:
# the seed example (TypeScript, ESM) against the simulator, `npx renault-api --demo status`,
# and one CommonJS `require` (require(esm), Node >= 20.19). Then publint and attw.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root"
tarball=$(npm pack --silent --ignore-scripts --pack-destination "$scratch" | tail -n 1)
echo "packed $tarball ($(du -k "$scratch/$tarball" | cut -f1) kB)"

cd "$scratch"
printf '{ "name": "scratch", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --silent "./$tarball"
cp "$root/examples/seed.ts" seed.ts
node "$root/node_modules/typescript/bin/tsc" --strict --module nodenext --moduleResolution nodenext \
  --target es2023 --types node --typeRoots "$root/node_modules/@types" --skipLibCheck seed.ts
node seed.js | tee seed.out
grep -q "Battery status" seed.out

npx --no-install renault-api --demo status | tee status.out
grep -qi "battery" status.out

printf 'const lib = require("renault-api");\nif (typeof lib.RenaultClient !== "function") process.exit(1);\nconsole.log("require(esm) ok");\n' > check.cjs
node check.cjs

cd "$root"
npx publint --strict
npx attw --pack . --profile esm-only
