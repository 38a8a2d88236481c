/**
 * The entities the bridge announces for each model, generated from the code (the adapter's
 * description of each simulator car and the discovery builder), for the README's list.
 */
import { RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";
import { buildDiscovery } from "./discovery.js";
import { ENTITIES } from "./entities.js";
import type { VehicleDescription } from "./feed.js";
import { LibraryAdapter } from "./library-adapter.js";
import { Topics } from "./topics.js";

/** The announced entity ids of one model. */
export interface ModelEntities {
  readonly model: string;
  readonly modelCode: string;
  readonly entities: readonly string[];
}

/** Describes every simulator car as the bridge does, and lists what discovery announces for it. */
export async function entitiesPerModel(): Promise<ModelEntities[]> {
  const sim = await startSimulator();
  const abort = new AbortController();
  try {
    const client = new RenaultClient({
      locale: "fr_FR",
      gigyaUrl: sim.gigyaUrl,
      gigyaApiKey: sim.gigyaApiKey,
      kamereonUrl: sim.kamereonUrl,
      kamereonApiKey: sim.kamereonApiKey,
    });
    await client.session.login(sim.demo.email, sim.demo.password);
    const adapter = new LibraryAdapter({ client, interval: 3_600_000 });
    const descriptions: VehicleDescription[] = [];
    const total = Object.keys(sim.demo.vins).length;
    for await (const event of adapter.feed(abort.signal)) {
      if (event.type === "vehicle") descriptions.push(event.description);
      if (descriptions.length >= total) break;
    }
    const topics = new Topics({ base: "renault-api", prefix: "homeassistant" });
    return descriptions.map((description) => {
      const discovery = buildDiscovery(description, topics, { name: "renault-api-mqtt" });
      return {
        model: `${description.brand ?? ""} ${description.model ?? ""}`.trim(),
        modelCode: description.modelCode ?? "?",
        entities: ENTITIES.map((e) => e.id).filter((id) => discovery.announced.has(id)),
      };
    });
  } finally {
    abort.abort();
    await sim.close();
  }
}

/** The list as Markdown: one line per model, entity ids in the order of ENTITIES. */
export function entityListMarkdown(models: readonly ModelEntities[]): string {
  const platform = new Map(ENTITIES.map((e) => [e.id, e.platform]));
  return models
    .map((m) => {
      const ids = m.entities.map((id) => `${id} (${platform.get(id) ?? "?"})`).join(", ");
      return `- **${m.model}** (\`${m.modelCode}\`, ${m.entities.length}): ${ids}`;
    })
    .join("\n");
}
