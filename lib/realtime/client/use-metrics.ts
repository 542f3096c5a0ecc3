"use client";
// Live chart data of one run: loaded from GET /api/runs/<id>/metrics (downsampled), kept current
// with the `metrics:samples` batches of the run's room, and loaded again after a reconnect (samples
// sent while the socket was away are not replayed). Plus the token command whose ack carries the
// token's secret. Components use these hooks, never the socket or fetch directly.
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_RETAINED_POINTS, mergeSamples, type TLiveSample, type TMetricCharts } from "../../domain/metric-charts";
import type { TApiScope } from "../../api/scopes";
import { getSocket } from "./client";
import type { TAck, TMetricSamplesDto } from "../events";

/**
 * Samples held while no load has succeeded (a refused or failed load is only retried on the next
 * connect): the newest only, since a later load reads the older ones from the database anyway.
 */
const MAX_EARLY_SAMPLES = 20 * MAX_RETAINED_POINTS;

export function useMetricCharts(runId: string): TMetricCharts | null {
  const [charts, setCharts] = useState<TMetricCharts | null>(null);
  // Samples that arrive while a load is in flight are merged into its result, not lost.
  const early = useRef<TLiveSample[]>([]);
  const isLoaded = useRef(false);

  useEffect(() => {
    const socket = getSocket();
    let isCancelled = false;
    const load = async () => {
      isLoaded.current = false;
      try {
        const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/metrics`, { cache: "no-store" });
        if (!response.ok || isCancelled) return;
        const data = (await response.json()) as TMetricCharts;
        if (isCancelled) return;
        const pending = early.current;
        early.current = [];
        isLoaded.current = true;
        setCharts(mergeSamples(data, pending));
      } catch {
        // Offline: the next connect loads again.
      }
    };
    const onSamples = (data: TMetricSamplesDto) => {
      if (data.runId !== runId) return;
      if (!isLoaded.current) {
        early.current = [...early.current, ...data.samples].slice(-MAX_EARLY_SAMPLES);
        return;
      }
      setCharts((current) => (current ? mergeSamples(current, data.samples) : current));
    };
    const onConnect = () => void load();
    socket.on("metrics:samples", onSamples);
    socket.on("connect", onConnect);
    void load();
    return () => {
      isCancelled = true;
      socket.off("metrics:samples", onSamples);
      socket.off("connect", onConnect);
    };
  }, [runId]);

  return charts;
}

const TOKEN_TIMEOUT_MS = 8000;

/** Creates a metrics API token; the reply carries its secret (shown once to this lead). */
export function useCreateToken(runId: string) {
  return useCallback(
    async (name: string, scopes?: TApiScope[]): Promise<TAck<{ seq: number; token: string }>> => {
      try {
        return await getSocket().timeout(TOKEN_TIMEOUT_MS).emitWithAck("token:create", { runId, name, scopes, commandId: crypto.randomUUID() });
      } catch {
        return { error: { code: "unavailable", message: "No answer from the server: check your connection and try again." } };
      }
    },
    [runId],
  );
}
