// `warroom templates import FILE.md` and `warroom templates export ID`: runbooks as code from a
// repository. Import prints what was understood and what was not (with line numbers), then the new
// template's id on the last line; --dry-run only previews; export prints the Markdown.
import type { Command } from "commander";
import type { TClient } from "./client";
import { readInput } from "./input";

type TPreview = {
  id?: string;
  name: string;
  preview: {
    understood: Record<string, number>;
    notUnderstood: { line: number; text: string; keptAs: string }[];
    assumed: string[];
  };
};

const LABELS: Record<string, string> = {
  phases: "phases",
  sections: "sections",
  items: "checklist items",
  goNoGoQuestions: "go/no-go questions",
  thresholds: "thresholds",
  rollbackTriggers: "rollback triggers",
  decisionTrees: "decision trees",
  communicationTemplates: "communication templates",
};

/** The summary a person reads in a terminal: understood counts, then each line kept as a note. */
export function describePreview(answer: TPreview): string[] {
  const { understood, notUnderstood, assumed } = answer.preview;
  const lines = [`Understood: ${Object.entries(understood).map(([kind, n]) => `${n} ${LABELS[kind] ?? kind}`).join(", ")}`];
  lines.push(notUnderstood.length ? `Not understood (${notUnderstood.length}, kept as notes):` : "Not understood: nothing");
  for (const n of notUnderstood) lines.push(`  line ${n.line}: ${n.text.split("\n")[0].slice(0, 80)} → ${n.keptAs}`);
  for (const a of assumed) lines.push(`Assumed: ${a}`);
  return lines;
}

export function addTemplateCommands(program: Command, client: () => TClient) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const templates = program.command("templates").description("Templates as Markdown runbooks");
  templates
    .command("import")
    .description("Import a Markdown runbook as a new template; prints what was understood and the new id (last line)")
    .argument("<file>", "the runbook (.md); “-” reads standard input")
    .option("--name <name>", "the template's name (default: the runbook's # title)")
    .option("--dry-run", "only preview: create nothing")
    .option("--json", "print the answer as JSON")
    .action(async (file: string, o: { name?: string; dryRun?: boolean; json?: boolean }) => {
      const markdown = await readInput(file, "the runbook");
      const path = o.dryRun ? "/api/v1/templates/import/preview" : "/api/v1/templates/import";
      const answer = await client().call<TPreview>({ method: "POST", path, body: { markdown, ...(o.name && { name: o.name }) } });
      if (o.json) {
        out(JSON.stringify(answer));
        return;
      }
      describePreview(answer).forEach(out);
      if (answer.id) {
        out(`Created template “${answer.name}”:`);
        out(answer.id);
      } else out(`Dry run: “${answer.name}” was not created.`);
    });
  templates
    .command("export")
    .description("Print a template as a Markdown runbook (warroom templates export ID > runbook.md)")
    .argument("<id>", "the template's id")
    .action(async (id: string) => {
      const markdown = await client().call<string>({ path: `/api/v1/templates/${encodeURIComponent(id)}/export`, isText: true, headers: { accept: "text/markdown" } });
      process.stdout.write(markdown);
    });
}
