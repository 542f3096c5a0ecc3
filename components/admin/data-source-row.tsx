"use client";
// One data source in the admin list: what it points at (never its secrets), edit in place, remove.
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { deleteDataSourceAction } from "@/lib/datasources/actions";
import type { TDataSourceView } from "@/lib/datasources/views";
import { DataSourceForm } from "./data-source-form";
import { UserText } from "@/components/ui/user-text";

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
        <td className="py-2 text-right whitespace-nowrap">
          <Button variant="ghost" aria-expanded={isEditing} onClick={() => setIsEditing(!isEditing)}>{isEditing ? "Close" : "Edit"}</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => void remove()}>Remove</Button>
          {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
        </td>
      </tr>
      {isEditing && (
        <tr className="border-b border-slate-200 bg-slate-50">
          <td colSpan={6} className="p-4">
            <DataSourceForm source={source} onSaved={() => setIsEditing(false)} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
