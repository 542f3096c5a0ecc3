// One simulated hour of bench:soak's day: the leads ticking and reopening their items through the
// command path (one socket each, one change per item in flight), and the monitoring feed pushing its
// samples in batches through the HTTP API, both spread evenly over the hour's real time. Samples carry
// the simulated time (the day started `hours` ago), so the charts span the whole day.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import { HEALTHY_UNTIL_S, samplesAt } from "../../lib/demo/scenario";
import type { TClientToServerEvents, TServerToClientEvents } from "../../lib/realtime/events";
import type { TItemCommandInput } from "../../lib/runs/schemas";
import { split } from "./soak-plan";
import type { TBenchItem } from "./tick-fixture";

type TSocket = Socket<TServerToClientEvents, TClientToServerEvents>;
const ACK_TIMEOUT_MS = 30_000;
const BATCHES_IN_FLIGHT = 4;
/** Series the demo feed writes (7 metrics × canary, production): one sample of each per instant. */
const SERIES = samplesAt(0).length;

export type TLead = { socket: TSocket; runId: string; items: TBenchItem[] };
export type THourLoad = { events: number; refused: Map<string, number>; samples: number; failedBatches: number; lagMs: number };

export async function connectLeads(baseUrl: string, runId: string, leads: { cookie: string; items: TBenchItem[] }[]): Promise<TLead[]> {
  return Promise.all(
    leads.map(
      ({ cookie, items }) =>
        new Promise<TLead>((resolve, reject) => {
          const socket: TSocket = io(baseUrl, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie, origin: baseUrl } });
          socket.once("session:ready", () => resolve({ socket, runId, items: items.map((item) => ({ ...item })) }));
          socket.once("connect_error", (error) => reject(new Error(`lead socket refused: ${error.message}`)));
        }),
    ),
  );
}

/** Sends `count` item changes from one lead, evenly over `realMs`; each item waits for its previous change's ack. */
async function leadHour(lead: TLead, count: number, realMs: number, result: THourLoad): Promise<void> {
  const start = performance.now();
  const chains = new Map<string, Promise<void>>();
  for (let i = 0; i < count; i++) {
    const due = start + (i * realMs) / count;
    if (due > performance.now()) await delay(due - performance.now());
    const item = lead.items[i % lead.items.length];
    const previous = chains.get(item.id) ?? Promise.resolve();
    chains.set(
      item.id,
      previous.then(async () => {
        const input: TItemCommandInput = { runId: lead.runId, itemId: item.id, version: item.version, action: item.state === "done" ? { kind: "reopen" } : { kind: "done" }, commandId: randomUUID() };
        const reply = await lead.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("item:change", input).catch(() => null);
        if (reply && !("error" in reply)) {
          item.version += 1;
          item.state = item.state === "done" ? "open" : "done";
          result.events++;
        } else {
          const code = reply ? reply.error.code : "ack_timeout";
          result.refused.set(code, (result.refused.get(code) ?? 0) + 1);
        }
      }),
    );
  }
  await Promise.all(chains.values());
}

export type TFeedClock = { dayStart: number; hour: number };

/** Pushes `count` samples in batches evenly over `realMs`, timestamps spread over simulated hour `hour`. */
async function feedHour(site: { baseUrl: string; runId: string; token: string }, count: number, batch: number, realMs: number, clock: TFeedClock, result: THourLoad): Promise<void> {
  const instants = Math.ceil(count / SERIES);
  const stepMs = 3_600_000 / instants;
  const hourStart = clock.dayStart + (clock.hour - 1) * 3_600_000;
  const batches = Math.ceil(count / batch);
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      const due = start + (b * realMs) / batches;
      const late = performance.now() - due;
      if (late < 0) await delay(-late);
      else result.lagMs = Math.max(result.lagMs, late);
      const samples = [];
      // One scrape of every series per instant, computed once for its SERIES samples.
      let scrapedAt = -1;
      let scrape = samplesAt(0);
      for (let k = b * batch; k < Math.min(count, (b + 1) * batch); k++) {
        const instant = Math.floor(k / SERIES);
        if (instant !== scrapedAt) [scrapedAt, scrape] = [instant, samplesAt((clock.hour * 3600 + instant) % HEALTHY_UNTIL_S)];
        samples.push({ ...scrape[k % SERIES], timestamp: new Date(hourStart + instant * stepMs).toISOString() });
      }
      const response = await fetch(`${site.baseUrl}/api/runs/${site.runId}/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${site.token}`, "content-type": "application/json" },
        body: JSON.stringify({ samples }),
      }).catch(() => null);
      if (response?.ok) result.samples += samples.length;
      else result.failedBatches++;
      await response?.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, worker));
}

export async function playHour(options: {
  site: { baseUrl: string; runId: string; token: string };
  leads: TLead[];
  events: number;
  samples: number;
  batch: number;
  realMs: number;
  clock: TFeedClock;
}): Promise<THourLoad> {
  const result: THourLoad = { events: 0, refused: new Map(), samples: 0, failedBatches: 0, lagMs: 0 };
  const perLead = split(options.events, options.leads.length);
  await Promise.all([
    ...options.leads.map((lead, i) => leadHour(lead, perLead[i], options.realMs, result)),
    feedHour(options.site, options.samples, options.batch, options.realMs, options.clock, result),
  ]);
  return result;
}

export function closeLeads(leads: TLead[]): void {
  for (const lead of leads) lead.socket.close();
}
