// Reading templates for pages.
import { db } from "../db/client";

export async function getDefaultTemplate() {
  return db().template.findFirst({
    where: { isDefault: true },
    orderBy: { createdAt: "asc" },
    include: {
      phases: {
        orderBy: { position: "asc" },
        include: { sections: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
      },
    },
  });
}

/** Templates to pick from when creating a run: the default first. */
export async function listTemplateChoices() {
  return db().template.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: { id: true, name: true, isDefault: true, expectedDurationMinMinutes: true, expectedDurationMaxMinutes: true },
  });
}
