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
