/** How the bridge reaches the broker, mapped to MQTT.js options (with the last will). */
import type { IClientOptions } from "mqtt";

/** Broker connection settings. */
export interface BrokerOptions {
  /** `mqtt://host:1883`, `mqtts://host:8883`, `ws://…`. */
  readonly url: string;
  readonly username?: string | undefined;
  /** Never logged nor published. */
  readonly password?: string | undefined;
  /** @default `renault-api-mqtt-<random>` */
  readonly clientId?: string | undefined;
  /** @default 30 @unit seconds */
  readonly keepalive?: number | undefined;
  /** Delay between reconnection attempts. @default 2000 @unit milliseconds */
  readonly reconnectPeriod?: number | undefined;
  /** TLS: CA, client certificate and key (PEM), and whether to check the server's certificate. */
  readonly tls?:
    | {
        readonly ca?: string | Buffer | undefined;
        readonly cert?: string | Buffer | undefined;
        readonly key?: string | Buffer | undefined;
        readonly rejectUnauthorized?: boolean | undefined;
      }
    | undefined;
}

/**
 * MQTT.js options with the bridge's last will (`offline`, retained, QoS 1).
 * @throws {Error} a password without a username (MQTT forbids it; MQTT.js would stall silently)
 */
export function clientOptions(broker: BrokerOptions, willTopic: string): IClientOptions {
  if (broker.password !== undefined && broker.username === undefined) {
    throw new Error("a broker password needs a username");
  }
  const options: IClientOptions = {
    clientId: broker.clientId ?? `renault-api-mqtt-${Math.random().toString(16).slice(2, 10)}`,
    keepalive: broker.keepalive ?? 30,
    reconnectPeriod: broker.reconnectPeriod ?? 2000,
    connectTimeout: 10_000,
    clean: true,
    will: { topic: willTopic, payload: Buffer.from("offline"), qos: 1, retain: true },
  };
  if (broker.username !== undefined) options.username = broker.username;
  if (broker.password !== undefined) options.password = broker.password;
  const tls = broker.tls;
  if (tls?.ca !== undefined) options.ca = tls.ca;
  if (tls?.cert !== undefined) options.cert = tls.cert;
  if (tls?.key !== undefined) options.key = tls.key;
  if (tls?.rejectUnauthorized !== undefined) options.rejectUnauthorized = tls.rejectUnauthorized;
  return options;
}

/** The broker URL without credentials, for logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}
