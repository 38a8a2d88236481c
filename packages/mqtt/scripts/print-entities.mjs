#!/usr/bin/env node
// Prints the entities announced per model (README "Entities per model"); run after the build:
//   node packages/mqtt/scripts/print-entities.mjs
import { entitiesPerModel, entityListMarkdown } from "../dist/entity-list.js";

process.stdout.write(`${entityListMarkdown(await entitiesPerModel())}\n`);
