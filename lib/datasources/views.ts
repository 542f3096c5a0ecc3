// DataSource rows → what leaves the server. Secrets never do: a view says only whether one is set,
// so neither the admin page's HTML nor an action's answer carries a token or password.
import type { DataSource } from "../generated/prisma/client";
import { DEFAULT_STAGE_LABEL_MAPPING, type TStageLabelMapping } from "../domain/promql-template";
import type { TPrometheusTarget } from "./prometheus/http";
import { ZExtraHeaders, ZStageLabelMapping, type TDataSourceAuthKind, type TExtraHeader } from "./schemas";

export type TDataSourceView = {
  id: string;
  name: string;
  kind: "prometheus";
  url: string;
  authKind: TDataSourceAuthKind;
  basicUsername: string | null;
  isSecretSet: boolean;
  /** Names only: a header's value may be a tenant key. */
  extraHeaderNames: string[];
  timeoutMs: number;
  stageLabel: TStageLabelMapping;
  updatedAt: string;
  /** As the rule evaluators found it (lib/metrics/source-health.ts): failing since when, and the last error. */
  health: { failingSince: string | null; lastError: string | null; lastErrorAt: string | null };
};

/** The JSON columns as saved (validated on the way in; read defensively all the same). */
export function storedHeaders(row: Pick<DataSource, "extraHeaders">): TExtraHeader[] {
  const parsed = ZExtraHeaders.safeParse(row.extraHeaders);
  return parsed.success ? parsed.data : [];
}

export function storedStageLabel(row: Pick<DataSource, "stageLabel">): TStageLabelMapping {
  const parsed = ZStageLabelMapping.safeParse(row.stageLabel);
  return parsed.success ? parsed.data : DEFAULT_STAGE_LABEL_MAPPING;
}

export function toDataSourceView(row: DataSource): TDataSourceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    authKind: row.authKind,
    basicUsername: row.authKind === "basic" ? row.basicUsername : null,
    isSecretSet: row.authKind === "bearer" ? Boolean(row.bearerToken) : row.authKind === "basic" ? Boolean(row.basicPassword) : false,
    extraHeaderNames: storedHeaders(row).map((h) => h.name),
    timeoutMs: row.timeoutMs,
    stageLabel: storedStageLabel(row),
    updatedAt: row.updatedAt.toISOString(),
    health: { failingSince: row.failingSince?.toISOString() ?? null, lastError: row.lastError, lastErrorAt: row.lastErrorAt?.toISOString() ?? null },
  };
}

/** Everything the client needs to query it, secrets included: server-side only. */
export function toPrometheusTarget(row: DataSource): TPrometheusTarget {
  const auth: TPrometheusTarget["auth"] =
    row.authKind === "bearer"
      ? { kind: "bearer", token: row.bearerToken ?? "" }
      : row.authKind === "basic"
        ? { kind: "basic", username: row.basicUsername ?? "", password: row.basicPassword ?? "" }
        : { kind: "none" };
  return { url: row.url, auth, headers: storedHeaders(row), timeoutMs: row.timeoutMs };
}
