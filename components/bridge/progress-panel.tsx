import { progress } from "@/lib/domain/checklist";
import { allItems, type TRunSnapshot } from "@/lib/domain/run-snapshot";
import { Bar, Panel } from "./panel";

/** The whole checklist: done (ticked or skipped with a reason) out of all items. */
export function ProgressPanel({ snapshot }: { snapshot: TRunSnapshot }) {
  const items = allItems(snapshot);
  const { done, total } = progress(items);
  const failed = items.filter((i) => i.state === "failed").length;
  return (
    <Panel label="Checklist" testId="bridge-progress" className="flex flex-col gap-4">
      <p className="text-8xl leading-none font-black text-white tabular-nums">
        {done} <span className="text-4xl font-semibold text-slate-300">of</span> {total}{" "}
        <span className="text-4xl font-semibold text-slate-300">done</span>
      </p>
      <Bar value={done} max={total} label="Checklist progress" tone={failed ? "bg-amber-400" : "bg-emerald-400"} />
      <p className={`text-3xl font-semibold ${failed ? "text-amber-300" : "text-slate-400"}`}>
        {failed ? (
          <><span aria-hidden="true">⚠ </span>{failed} failed</>
        ) : (
          "No failed items"
        )}
      </p>
    </Panel>
  );
}
