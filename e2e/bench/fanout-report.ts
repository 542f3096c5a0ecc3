// The lines a fan-out measurement prints (bench:tick and every fan-out step of `npm run bench`).
import type { TFanoutResult } from "./fanout";
import { figures, ms } from "./format";

/** `label` starts each line (padded), so several measurements in one run stay apart. */
export function printFanout(label: string, result: TFanoutResult, options: { stamp?: string; serverLog?: string } = {}): void {
  const stamp = options.stamp ?? "transaction timestamp";
  const prefix = label ? label.padEnd(12) : "";
  const line = (what: string, text: string) => console.log(`${prefix}${what.padEnd(12)}${text}`);
  const refused = [...result.refused].map(([code, { count }]) => `${count} ${code}`).join(", ") || "0 refused";
  line(
    "driver",
    `${result.sent} sent, ${result.accepted} accepted, ${refused} · achieved ${result.achievedRate.toFixed(1)} changes/s · ` +
      `send lag p99 ${ms(result.lag?.p99)} · send → ack p50 ${ms(result.ack?.p50)} p99 ${ms(result.ack?.p99)} max ${ms(result.ack?.max)}`,
  );
  for (const [code, { message }] of result.refused) line("refused", `${code}: ${message}`);
  for (const error of serverErrors(result, options.serverLog)) line("server log", error);
  line("delivered", `${result.delivered} events (${result.latency?.count ?? 0} in the measured window)`);
  line("latency", `${stamp} → client receive: ${figures(result.latency)}`);
  line("per event", `${stamp} → first client: ${figures(result.firstClient)}`);
  line("per event", `first → last client (fan-out): ${figures(result.spread)}`);
  line("bench proc", `event-loop delay p99 ${ms(result.loop.p99)}, max ${ms(result.loop.max)} (clients and driver share it)`);
  line("sequence", `gaps ${result.gaps} · out of order ${result.outOfOrder} · missing ${result.missing} · disconnects ${result.disconnects}`);
}


/** A change refused as internal has its cause in the server's log: its first few distinct errors. */
export function serverErrors(result: TFanoutResult, serverLog: string | undefined): string[] {
  if (!result.refused.has("internal") || !serverLog) return [];
  const errors = new Set(serverLog.split("\n").filter((text) => text.includes(" ERROR ")).map((text) => text.slice(0, 300)));
  return [...errors].slice(0, 3);
}
