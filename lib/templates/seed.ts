// Seeds the runbook template on first start. Idempotent: an existing seeded template (found by its
// key) is left alone, so edits and runs that copied it are never disturbed.
import { defaultTemplate } from "../../prisma/seed/default-template";
import { db } from "../db/client";
import { createTemplate } from "./create-template";

export async function seedDefaultTemplate(): Promise<{ isCreated: boolean }> {
  const key = defaultTemplate.key;
  if (key && (await db().template.findUnique({ where: { key }, select: { id: true } }))) {
    return { isCreated: false };
  }
  try {
    await createTemplate(defaultTemplate, { isDefault: true });
    return { isCreated: true };
  } catch (error) {
    // Another instance seeded it at the same moment: the unique key settled the race.
    if ((error as { code?: string }).code === "P2002") return { isCreated: false };
    throw error;
  }
}
