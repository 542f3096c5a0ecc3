"use client";
// The runbook's decision trees as guides: offered when their signal happens (a failed staging item, a
// rollback rule firing during the canary) with the evidence shown, walked one question at a time with
// every choice on the timeline, and ended by applying the final action. A rollback moves the run to
// rolled back through the status command and opens the rollback announcement, prefilled.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TSend } from "@/components/poll/look";
import type { TWalkView } from "@/lib/domain/decision-events";
import { ACTION_LABELS, decisionEffect, decisionSignals, unansweredSignals, walkTrail, type TDecisionSignal, type TDecisionTree } from "@/lib/domain/decision-trees";
import { can, type TRole } from "@/lib/domain/roles";
import { isTerminal } from "@/lib/domain/run-status";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { formatUtcMinute } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";
import { RollBackButton } from "@/components/runs/roll-back";

/** "active": what needs deciding now (offers, guides under way), shown at the top; "menu": the guides to open by hand and the ones applied, further down. */
/**
 * The guide this screen just started from the menu further down: its walk, which shows at the top,
 * is brought to the person who asked for it (and only to them).
 */
let startedHere: string | null = null;

type TProps = { snapshot: TRunSnapshot; role: TRole; send: TSend; part: "active" | "menu" };

function useCommand(send: TSend) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function run(name: Parameters<TSend>[0], input: Record<string, unknown>): Promise<boolean> {
    setIsBusy(true);
    setError(null);
    const reply = await send(name, input);
    setIsBusy(false);
    if ("error" in reply) setError(reply.error.message);
    return !("error" in reply);
  }
  return { error, isBusy, run };
}

function Evidence({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm" data-testid="decision-evidence">
      {lines.map((line) => (
        <li key={line} className="font-medium">• {line}</li>
      ))}
    </ul>
  );
}

function Offer({ signal, canWalk, onDismiss, send }: { signal: TDecisionSignal; canWalk: boolean; onDismiss: () => void; send: TSend }) {
  const { error, isBusy, run } = useCommand(send);
  return (
    <section aria-label={`Decision guide offered: ${signal.treeTitle}`} data-testid="decision-offer" data-tree={signal.treeKey} className="space-y-2 rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-amber-950">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-lg font-bold">
          <span aria-hidden="true">⚑ </span>
          <UserText>{signal.treeTitle}</UserText>: the runbook has a decision guide for this
        </p>
        <div className="ml-auto flex gap-2">
          {canWalk && (
            <Button disabled={isBusy} onClick={() => void run("decision:start", { treeKey: signal.treeKey, signal: signal.signal, evidence: signal.evidence })}>
              Walk the guide
            </Button>
          )}
          <Button variant="ghost" onClick={onDismiss}>Not now</Button>
        </div>
      </div>
      <Evidence lines={signal.evidence} />
      {error && <p role="alert" className="text-sm text-red-800">⚠ {error}</p>}
    </section>
  );
}

function Walk({ walk, tree, snapshot, canWalk, send }: { walk: TWalkView; tree: TDecisionTree; snapshot: TRunSnapshot; canWalk: boolean; send: TSend }) {
  const { error, isBusy, run } = useCommand(send);
  const trail = walkTrail(tree, walk.path) ?? [tree.root];
  const current = trail.at(-1)!;
  const effect = decisionEffect(walk.action, snapshot.status);
  const step = (input: Record<string, unknown>) => run("decision:step", { walkId: walk.id, version: walk.version, ...input });

  const isRollingBack = effect.kind === "status" && effect.to === "rolled_back";
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (startedHere !== walk.treeKey) return;
    startedHere = null;
    sectionRef.current?.scrollIntoView({ block: "start" });
    sectionRef.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [walk.treeKey]);
  const trailText = `${tree.title}: ${trail.slice(1).map((n) => n.label).join(" → ")}`;

  // A rollback is applied through the one rollback action (RollBackButton), which opens the notice.
  const apply = () => run("decision:apply", { walkId: walk.id, version: walk.version });

  return (
    <section ref={sectionRef} aria-labelledby={`walk-${walk.id}`} data-testid="decision-walk" data-tree={walk.treeKey} data-status={walk.status} className="scroll-mt-40 space-y-3 rounded-lg border-2 border-slate-800 bg-white p-4">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id={`walk-${walk.id}`} tabIndex={-1} className="text-lg font-bold text-slate-900">Decision guide: <UserText>{tree.title}</UserText></h2>
        <p className="text-xs text-slate-600">started by <UserText>{walk.startedByName}</UserText> at {formatUtcMinute(walk.startedAt)}</p>
      </div>
      {walk.evidence.length > 0 && (
        <div className="rounded-md bg-amber-50 px-3 py-2 text-amber-950">
          <p className="text-xs font-bold tracking-wide uppercase">Evidence</p>
          <Evidence lines={walk.evidence} />
        </div>
      )}
      {tree.steps.length > 0 && (
        <div>
          <p className="text-xs font-bold tracking-wide text-slate-600 uppercase">First</p>
          <ol className="list-inside list-decimal text-sm text-slate-800">
            {tree.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </div>
      )}
      {/* Only once a choice is made: at the start the trail would just repeat the question below. */}
      {trail.length > 1 && (
        <nav aria-label="Choices so far" className="flex flex-wrap items-center gap-1 text-sm text-slate-700" data-testid="decision-trail">
          {trail.map((node, i) => (
            <span key={node.id} className={i === trail.length - 1 ? "font-semibold text-slate-900" : ""}>
              {i > 0 && <span aria-hidden="true"> → </span>}
              <UserText>{node.label}</UserText>
            </span>
          ))}
        </nav>
      )}
      {walk.status === "open" && current.children && (
        <fieldset className="space-y-2">
          <legend className="text-base font-bold text-slate-900"><UserText>{current.label}</UserText></legend>
          <div className="flex flex-wrap gap-2">
            {current.children.map((child) => (
              <Button key={child.id} variant={child.action === "rollback" ? "danger" : "secondary"} disabled={!canWalk || isBusy} onClick={() => void step({ step: { kind: "choose", nodeId: child.id } })}>
                <UserText>{child.label}</UserText>
              </Button>
            ))}
          </div>
        </fieldset>
      )}
      {walk.status === "decided" && (
        <div className="space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3" data-testid="decision-final">
          <p className="text-base font-bold text-slate-900">
            Decision: <UserText>{current.label}</UserText> {walk.action && <span className="text-sm font-semibold text-slate-700">({ACTION_LABELS[walk.action]})</span>}
          </p>
          <p className="text-sm text-slate-800" data-testid="decision-effect">{effect.preview}.</p>
          {canWalk &&
            (isRollingBack ? (
              // The one rollback action: same words and confirmation as the header's and the banner's.
              <RollBackButton
                runName={snapshot.name}
                fixedReason={trailText}
                issue={walk.evidence[0] ?? trailText}
                notice={`The run is rolling back (${tree.title}): tell everyone now.`}
                disabled={isBusy}
                onRollBack={async () => {
                  const reply = await send("decision:apply", { walkId: walk.id, version: walk.version });
                  return "error" in reply ? reply.error.message : null;
                }}
              />
            ) : (
              <Button variant={effect.kind === "status" ? "danger" : "primary"} disabled={isBusy} onClick={() => void apply()}>
                Apply: {walk.action ? ACTION_LABELS[walk.action] : "record"}
              </Button>
            ))}
        </div>
      )}
      {canWalk && (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-2">
          <Button variant="ghost" disabled={isBusy || walk.path.length === 0} onClick={() => void step({ step: { kind: "back" } })}>← Back</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => void run("decision:abandon", { walkId: walk.id, version: walk.version })}>Close without acting</Button>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-800">⚠ {error}</p>}
    </section>
  );
}

export function DecisionGuides({ snapshot, role, send, part }: TProps) {
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const { error, isBusy, run } = useCommand(send);
  const canWalk = can(role, "decisions.walk");
  const { trees, walks } = snapshot.decisions;
  if (trees.length === 0) return null;
  const active = walks.filter((w) => w.status === "open" || w.status === "decided");
  const offers = unansweredSignals(decisionSignals(snapshot, trees), walks).filter((s) => !dismissed.has(`${s.treeKey}@${s.at}`));
  const isOver = isTerminal(snapshot.status);
  const finished = walks.filter((w) => w.status === "applied").slice(-3).reverse();

  if (part === "active") {
    const shownOffers = isOver ? [] : offers;
    if (shownOffers.length === 0 && active.length === 0) return null;
    return (
      <div className="space-y-3" data-testid="decision-guides">
        {shownOffers.map((signal) => (
          <Offer key={`${signal.treeKey}@${signal.at}`} signal={signal} canWalk={canWalk} send={send} onDismiss={() => setDismissed((d) => new Set(d).add(`${signal.treeKey}@${signal.at}`))} />
        ))}
        {active.map((walk) => {
          const tree = trees.find((t) => t.key === walk.treeKey);
          return tree ? <Walk key={walk.id} walk={walk} tree={tree} snapshot={snapshot} canWalk={canWalk} send={send} /> : null;
        })}
      </div>
    );
  }

  const hasMenu = canWalk && !isOver && snapshot.status !== "planned";
  if (finished.length === 0 && !hasMenu) return null;
  return (
    <div className="space-y-3" data-testid="decision-guides-menu">
      {finished.map((walk) => (
        <p key={walk.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-800" data-testid="decision-applied">
          <span className="font-semibold"><UserText>{walk.treeTitle}</UserText>:</span> {walk.action ? ACTION_LABELS[walk.action] : "Decision"} applied by <UserText>{walk.endedByName}</UserText> at {walk.endedAt && formatUtcMinute(walk.endedAt)} — <UserText>{walk.outcome}</UserText>
        </p>
      ))}
      {hasMenu && (
        <details className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
          <summary className="cursor-pointer font-semibold text-slate-900">Decision guides ({trees.length})</summary>
          <div className="mt-2 flex flex-wrap gap-2">
            {trees.map((tree) => (
              <Button key={tree.key} variant="secondary" disabled={isBusy || active.some((w) => w.treeKey === tree.key)} onClick={() => {
                  startedHere = tree.key;
                  void run("decision:start", { treeKey: tree.key });
                }}>
                <UserText>{tree.title}</UserText>
              </Button>
            ))}
          </div>
          {error && <p role="alert" className="mt-1 text-xs text-red-800">⚠ {error}</p>}
        </details>
      )}
    </div>
  );
}
