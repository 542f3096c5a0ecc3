// The bridge's dark tile: a small caps label over content sized to be read across a room.
export function Panel({
  label,
  children,
  className = "",
  testId,
  retained,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  /** What the tile keeps in memory (chart points, events): e2e/bench/page-heap.ts reads it on screens left open all day. */
  retained?: { points?: number; events?: number };
}) {
  return (
    <section aria-label={label} data-testid={testId} data-retained-points={retained?.points} data-retained-events={retained?.events} className={`rounded-2xl border border-slate-800 bg-slate-900 px-6 py-5 ${className}`}>
      <h2 className="text-xl font-semibold tracking-widest text-slate-400 uppercase">{label}</h2>
      {children}
    </section>
  );
}

/** A thick bar: colour shows the part done, the text beside it says it in words. */
export function Bar({ value, max, label, tone = "bg-sky-400" }: { value: number; max: number; label: string; tone?: string }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className="h-8 w-full overflow-hidden rounded-full bg-slate-700"
    >
      <div className={`h-full rounded-full ${tone} transition-[width] duration-500`} style={{ width: `${percent}%` }} />
    </div>
  );
}
