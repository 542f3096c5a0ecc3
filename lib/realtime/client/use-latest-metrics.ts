"use client";
// The latest value of each metric of a run, for the comms fields and the baseline comparison: the
// server's values at render, then every `metrics:samples` batch of the run's room (the war room's
// feed has joined it). Components use this hook, never the socket directly.
import { useEffect, useMemo, useState } from "react";
import { latestValues, type TMetricPoint } from "../../domain/baseline";
import { getSocket } from "./client";
import type { TMetricSamplesDto } from "../events";

export function useLatestMetrics(runId: string, initial: Readonly<Record<string, number>>, now: Date): Record<string, number> {
  const [points, setPoints] = useState<Map<string, TMetricPoint>>(new Map());

  useEffect(() => {
    const socket = getSocket();
    const onSamples = (data: TMetricSamplesDto) => {
      if (data.runId !== runId || data.samples.length === 0) return;
      setPoints((previous) => {
        const next = new Map(previous);
        for (const s of data.samples) {
          const key = `${s.metric}|${s.stage}`;
          const seen = next.get(key);
          if (!seen || s.at >= seen.at) next.set(key, { metric: s.metric, stage: s.stage, at: s.at, value: s.value });
        }
        return next;
      });
    };
    socket.on("metrics:samples", onSamples);
    return () => void socket.off("metrics:samples", onSamples);
  }, [runId]);

  // Re-judged at most once a minute: which samples count as fresh moves slowly.
  const minute = Math.floor(now.getTime() / 60_000);
  return useMemo(() => {
    const live = latestValues([...points.values()], new Date(minute * 60_000 + 59_999));
    return { ...initial, ...live };
  }, [points, initial, minute]);
}
