// A poller: logs in once, then reads the battery every POLL_INTERVAL seconds (default 300),
// POLL_COUNT times (default: until stopped). Renault limits requests per account: do not poll
// more often than every few minutes. Run: RENAULT_API_USERNAME=… RENAULT_API_PASSWORD=… node poller.js
import { QuotaLimitError } from "renault-api";
import { chosenVehicle, clientFromEnv, required } from "./connect.js";

const interval = Number(process.env.POLL_INTERVAL ?? 300) * 1000;
const count = Number(process.env.POLL_COUNT ?? Infinity);

const client = clientFromEnv();
await client.login(required("RENAULT_API_USERNAME"), required("RENAULT_API_PASSWORD"));
const vehicle = await chosenVehicle(client);
for (let poll = 1; poll <= count; poll++) {
  try {
    const battery = await vehicle.getBatteryStatus();
    console.log(`${new Date().toISOString()} battery ${battery.batteryLevel ?? "?"} %`);
  } catch (error) {
    if (!(error instanceof QuotaLimitError)) throw error;
    console.log(`${new Date().toISOString()} quota reached; the client waits until it is lifted`);
  }
  if (poll < count) await new Promise((resolve) => setTimeout(resolve, interval));
}
