/** The bridge on a test broker, fed by a library adapter, stopped by the test's clean-ups. */
import { MqttBridge } from "../../src/bridge.js";
import type { LibraryAdapter } from "../../src/library-adapter.js";

/** Starts a bridge on `brokerUrl` fed and commanded by `adapter`; `cleanups` stops it after the test. */
export async function startBridge(
  brokerUrl: string,
  adapter: LibraryAdapter,
  cleanups: (() => Promise<unknown>)[],
): Promise<MqttBridge> {
  const abort = new AbortController();
  const bridge = new MqttBridge({
    broker: { url: brokerUrl, reconnectPeriod: 50 },
    feed: adapter.feed(abort.signal),
    commands: adapter,
    birthDelay: () => 0,
  });
  await bridge.start();
  cleanups.push(async () => {
    abort.abort();
    await bridge.stop();
  });
  return bridge;
}
