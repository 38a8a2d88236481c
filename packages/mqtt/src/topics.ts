/** The bridge's topic layout, in one place. */

/** Topic roots: `base` for the bridge's own topics, `prefix` for Home Assistant discovery. */
export interface TopicRoots {
  /** @default "renault-api" */
  readonly base: string;
  /** @default "homeassistant" */
  readonly prefix: string;
}

/** The topics of a bridge and of its vehicles. */
export class Topics {
  readonly base: string;
  readonly prefix: string;

  constructor(roots: TopicRoots) {
    this.base = roots.base;
    this.prefix = roots.prefix;
  }

  /** `online` / `offline`, retained; `offline` is the last will. */
  get availability(): string {
    return `${this.base}/bridge/availability`;
  }
  /** Home Assistant's birth and last-will topic. */
  get homeAssistantStatus(): string {
    return `${this.prefix}/status`;
  }
  /** Every command topic, for the subscription. */
  get allCommands(): string {
    return `${this.base}/+/command/+`;
  }
  discovery(vin: string): string {
    return `${this.prefix}/device/${deviceId(vin)}/config`;
  }
  state(vin: string): string {
    return `${this.base}/${vin}/state`;
  }
  reading(vin: string, reading: string): string {
    return `${this.base}/${vin}/${reading}`;
  }
  location(vin: string): string {
    return `${this.base}/${vin}/location`;
  }
  health(vin: string): string {
    return `${this.base}/${vin}/health`;
  }
  result(vin: string): string {
    return `${this.base}/${vin}/result`;
  }
  command(vin: string, name: string): string {
    return `${this.base}/${vin}/command/${name}`;
  }
  /** The VIN and command name of a command topic, or undefined for any other topic. */
  parseCommand(topic: string): { vin: string; name: string } | undefined {
    const head = `${this.base}/`;
    if (!topic.startsWith(head)) return undefined;
    const parts = topic.slice(head.length).split("/");
    if (parts.length !== 3 || parts[1] !== "command") return undefined;
    const [vin, , name] = parts as [string, string, string];
    return { vin, name };
  }
}

/** Device id in the discovery topic: `renault_<vin>` with only `[a-zA-Z0-9_-]`. */
export function deviceId(vin: string): string {
  return `renault_${vin.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
}

/** A VIN usable in topics: letters and digits only (MQTT wildcards and `/` refused). */
export function isTopicSafeVin(vin: string): boolean {
  return /^[A-Za-z0-9]{1,32}$/.test(vin);
}
