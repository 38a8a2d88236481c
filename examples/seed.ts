// The Python README's "API Usage" example, in TypeScript. It runs against the built-in simulator;
// to talk to Renault, drop the simulator lines and pass only `{ locale: "fr_FR" }` and your login.
import { RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";

const sim = await startSimulator();
const client = new RenaultClient({
  locale: "fr_FR",
  gigyaUrl: sim.gigyaUrl,
  gigyaApiKey: sim.gigyaApiKey,
  kamereonUrl: sim.kamereonUrl,
  kamereonApiKey: sim.kamereonApiKey,
});
try {
  await client.login(sim.demo.email, sim.demo.password); // your e-mail and password
  console.log(`Accounts: ${JSON.stringify(await client.getPerson())}`); // note your Kamereon account id

  const accountId = sim.demo.renaultAccountId; // "Your Kamereon account id"
  const account = client.account(accountId);
  console.log(`Vehicles: ${JSON.stringify(await account.getVehicleLinks())}`); // note your vehicle's VIN

  const vin = sim.demo.vins.zoe40; // "Your vehicle VIN"
  const vehicle = account.vehicle(vin);
  console.log(`Cockpit information: ${JSON.stringify(await vehicle.getCockpit())}`);
  console.log(`Battery status information: ${JSON.stringify(await vehicle.getBatteryStatus())}`);
} finally {
  await sim.close();
}
