// The pipeline API's answers for runbooks as code (/api/v1/templates/…): the import preview and the
// imported template's id. The OpenAPI document is generated from these.
import { z } from "zod";
import { UNDERSTOOD_KINDS } from "../domain/runbook-markdown/types";

export const ZApiTemplateParams = z.object({ id: z.string().min(1).max(64).meta({ description: "The template's id" }) });

export const ZApiRunbookPreview = z
  .object({
    name: z.string(),
    preview: z.object({
      understood: z.object(Object.fromEntries(UNDERSTOOD_KINDS.map((k) => [k, z.number().int()])) as Record<(typeof UNDERSTOOD_KINDS)[number], z.ZodNumber>),
      notUnderstood: z.array(z.object({ line: z.number().int(), text: z.string(), keptAs: z.string().meta({ description: "Where it was kept: “note on “Section””" }) })),
      assumed: z.array(z.string()).meta({ description: "What the runbook lacked that a template needs, and what was used instead" }),
    }),
    phases: z.array(z.object({ title: z.string(), sections: z.array(z.object({ title: z.string(), items: z.number().int(), notes: z.number().int() })) })),
  })
  .meta({ id: "RunbookPreview" });

export const ZApiImportedTemplate = ZApiRunbookPreview.extend({ id: z.string() }).meta({ id: "ImportedTemplate" });
