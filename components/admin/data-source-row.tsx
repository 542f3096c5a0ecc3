"use client";
// One data source in the admin list: what it points at (never its secrets), edit in place, remove.
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { deleteDataSourceAction } from "@/lib/datasources/actions";
import type { TDataSourceView } from "@/lib/datasources/views";
import { DataSourceForm } from "./data-source-form";
import { UserText } from "@/components/ui/user-text";
import { formatUtcMinute } from "@/lib/domain/time-format";

const AUTH_SUMMARY = { none: "None", bearer: "Bearer token", basic: "Basic" } as const;

export function DataSourceRow({ source }: { source: TDataSourceView }) {
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { label, values } = source.stageLabel;

  async function remove() {
    if (!window.confirm(`Remove ${source.name}? Rules that query it will have no source.`)) return;
    setIsBusy(true);
    const result = await deleteDataSourceAction(source.id);
    setIsBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <Fragment>
      <tr className="border-b border-slate-100 align-top" data-testid="data-source">
        <td className="py-2 font-semibold text-slate-900"><UserText>{source.name}</UserText></td>
        <td className="py-2 font-mono text-xs break-all">{source.url}</td>
        <td className="py-2">
          {AUTH_SUMMARY[source.authKind]}
          {source.authKind === "basic" && source.basicUsername && <> ({source.basicUsername})</>}
          {source.authKind !== "none" && <span className="text-slate-600">{` · secret ${source.isSecretSet ? "set" : "missing"}`}</span>}
          {source.extraHeaderNames.length > 0 && <div className="text-xs text-slate-600">+ {source.extraHeaderNames.join(", ")}</div>}
        </td>
        <td className="py-2 font-mono text-xs">
          {label}: {values.canary} / {values.production}
        </td>
        <td className="py-2">{source.timeoutMs / 1000} s</td>
        <td className="py-2 text-xs" data-testid="data-source-health">
          <SourceHealth health={source.health} />
        </td>
        <td className="py-2 text-right whitespace-nowrap">
          <Button variant="ghost" aria-expanded={isEditing} onClick={() => setIsEditing(!isEditing)}>{isEditing ? "Close" : "Edit"}</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => void remove()}>Remove</Button>
          {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
        </td>
      </tr>
      {isEditing && (
        <tr className="border-b border-slate-200 bg-slate-50">
          <td colSpan={7} className="p-4">
            <DataSourceForm source={source} onSaved={() => setIsEditing(false)} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** Failing (red, with the error and since when), or fine with the last error it had, if any. */
function SourceHealth({ health }: { health: TDataSourceView["health"] }) {
  if (health.failingSince) {
    return (
      <span className="font-semibold text-red-800">
        Failing since {formatUtcMinute(health.failingSince)}: <span className="font-normal break-words">{health.lastError}</span>
      </span>
    );
  }
  if (!health.lastErrorAt) return <span className="text-slate-700">OK</span>;
  return (
    <span className="text-slate-700">
      OK · last error {formatUtcMinute(health.lastErrorAt)}: <span className="break-words">{health.lastError}</span>
    </span>
  );
}
