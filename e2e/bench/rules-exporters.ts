// The services `npm run bench:rules` queries, in a process of their own so their scrapes never count
// against the process measured: one steered exporter per service (healthy traffic), their
// addresses printed as one JSON line; they stop when the parent closes stdin or kills this process.
import { startSteeredExporter } from "../support/steered-exporter";

async function main() {
  const services = process.argv.slice(2);
  const exporters = await Promise.all(services.map((service) => startSteeredExporter(service)));
  process.stdout.write(`${JSON.stringify(exporters.map((e) => e.address))}\n`);
  const stop = () => void Promise.all(exporters.map((e) => e.stop())).finally(() => process.exit(0));
  process.stdin.on("end", stop).resume();
  process.on("SIGTERM", stop);
}

void main();
