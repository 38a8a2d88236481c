// An action: starts the climate control at HVAC_TEMPERATURE °C (default 21), once. Actions are
// never repeated by the client's retries; read the state afterwards to see what the car did.
import { chosenVehicle, clientFromEnv, required } from "./connect.js";

const temperature = Number(process.env.HVAC_TEMPERATURE ?? 21);

const client = clientFromEnv();
await client.login(required("RENAULT_API_USERNAME"), required("RENAULT_API_PASSWORD"));
const vehicle = await chosenVehicle(client);
await vehicle.startHvac(temperature);
console.log(`HVAC start sent (${temperature} °C) to ${vehicle.vin}`);
console.log(`HVAC status now: ${JSON.stringify(await vehicle.getHvacStatus())}`);
