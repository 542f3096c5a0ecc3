import { formatBudget } from "@/lib/domain/time-format";
import type { TPlaybook } from "@/lib/domain/template-definition";
import { UserText } from "@/components/ui/user-text";

type TItem = { id: string; text: string; depth: number; required: boolean; command: string | null };
type TSection = { id: string; title: string; intervalMinutes: number | null; command: string | null; items: TItem[] };
type TPhase = { id: string; title: string; budgetMinMinutes: number; budgetMaxMinutes: number; sections: TSection[] };

export type TTemplateOverview = {
  name: string;
  description: string;
  expectedDurationMinMinutes: number;
  expectedDurationMaxMinutes: number;
  phases: TPhase[];
  playbook: TPlaybook;
};

/** The runbook at a glance: phases in order with their budgets, sections and checklist items. */
export function TemplateOverview({ template }: { template: TTemplateOverview }) {
  const itemCount = template.phases.flatMap((p) => p.sections.flatMap((s) => s.items)).length;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Default template</p>
          <h1 className="text-3xl font-bold text-slate-900" data-testid="template-name"><UserText>{template.name}</UserText></h1>
          <p className="mt-1 text-slate-700">
            {template.phases.length} phases · {itemCount} checklist items · expected{" "}
            {formatBudget(template.expectedDurationMinMinutes, template.expectedDurationMaxMinutes)}
          </p>
        </div>
      </div>
      <ol className="grid items-start gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Phases">
        {template.phases.map((phase, index) => (
          <li key={phase.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="template-phase">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="text-lg font-bold text-slate-900">
                <span className="text-slate-500">{index + 1}.</span> <UserText>{phase.title}</UserText>
              </h3>
              <span className="shrink-0 rounded bg-slate-100 px-2 py-0.5 text-sm font-medium text-slate-700">
                Budget {formatBudget(phase.budgetMinMinutes, phase.budgetMaxMinutes)}
              </span>
            </div>
            <ul className="mt-3 space-y-2">
              {phase.sections.map((section) => (
                <li key={section.id}>
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-slate-800">
                      <UserText>{section.title}</UserText>{" "}
                      <span className="text-slate-600">
                        ({section.items.length} {section.items.length === 1 ? "item" : "items"}
                        {section.intervalMinutes ? `, every ${section.intervalMinutes} min` : ""})
                      </span>
                    </summary>
                    <ul className="mt-1 space-y-1 pl-4 text-sm text-slate-700">
                      {section.items.map((item) => (
                        <li key={item.id} className={item.depth ? "pl-4" : ""}>
                          ☐ <UserText>{item.text}</UserText>
                          {!item.required && <span className="text-slate-500"> (optional)</span>}
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <div className="grid gap-4 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h3 className="font-bold text-slate-900">Go / No-Go questions</h3>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
            {template.playbook.goNoGoQuestions.map((q) => <li key={q}>{q}</li>)}
          </ul>
        </section>
        <section className="rounded-lg border border-red-200 bg-white p-5 shadow-sm">
          <h3 className="font-bold text-red-800">Rollback triggers</h3>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
            {template.playbook.rollbackTriggers.map((t) => <li key={t.label}><UserText>{t.label}</UserText></li>)}
            {template.playbook.manualRollbackTriggers.map((t) => <li key={t.label}><UserText>{t.label}</UserText></li>)}
          </ul>
        </section>
      </div>
    </div>
  );
}
