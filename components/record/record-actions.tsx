"use client";
import { Button } from "@/components/ui/button";

/** Print (the page has print styles), and the two exports. Hidden on paper. */
export function RecordActions({ runId }: { runId: string }) {
  const link = "inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";
  return (
    <div className="flex flex-wrap gap-2 print:hidden" data-testid="record-actions">
      <Button onClick={() => window.print()}>Print</Button>
      <a className={link} href={`/api/runs/${runId}/record?format=markdown`} download>
        Export Markdown
      </a>
      <a className={link} href={`/api/runs/${runId}/record?format=json`} download>
        Export JSON
      </a>
      <a className={link} href={`/runs/${runId}`}>
        War room
      </a>
    </div>
  );
}
