// The runs list's filters and page as they travel in the URL (/runs?q=…&service=…&status=…&from=…&to=…&after=…),
// so a filtered list can be shared. Pages are keyset pages, newest first by (createdAt, id): `after`
// names the last run of the previous page, so a page costs the same however deep it is. Pure.
import { z } from "zod";
import { RUN_STATUSES } from "./run-status";

/** Runs on one page of the list. */
export const RUNS_PAGE_SIZE = 50;

export type TRunsCursor = { createdAt: string; id: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZDay = z
  .string()
  .trim()
  .regex(DAY, "must be a date written YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "is not a calendar date");

/** A cursor as written in the URL: the run's creation instant and its id, joined by "_". */
const ZCursor = z
  .string()
  .trim()
  .transform((value, ctx): TRunsCursor => {
    const cut = value.lastIndexOf("_");
    const createdAt = value.slice(0, cut);
    const id = value.slice(cut + 1);
    if (cut < 1 || !/^[a-z0-9]{1,40}$/i.test(id) || Number.isNaN(Date.parse(createdAt))) {
      ctx.addIssue({ code: "custom", message: "is not a page of this list (follow the list's own links)" });
      return z.NEVER;
    }
    return { createdAt: new Date(createdAt).toISOString(), id };
  });

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const ZRunsFilter = z
  .strictObject({
    q: z.preprocess(blankToUndefined, z.string().trim().max(100, "must be at most 100 characters").optional()),
    service: z.preprocess(blankToUndefined, z.string().trim().max(100, "must be at most 100 characters").optional()),
    status: z.preprocess(blankToUndefined, z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(", ")}` }).optional()),
    from: z.preprocess(blankToUndefined, ZDay.optional()),
    to: z.preprocess(blankToUndefined, ZDay.optional()),
    after: z.preprocess(blankToUndefined, ZCursor.optional()),
  }, { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}` : undefined) })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "must not be after “to”", path: ["from"] });

export type TRunsFilter = z.infer<typeof ZRunsFilter>;

export type TRunsFilterProblem = { field: string; message: string };

/**
 * The filter in a URL's search parameters, or what is wrong with it, field by field. A parameter
 * given twice is a problem too (a hand-edited link), rather than one of its values picked silently.
 */
export function parseRunsFilter(params: Record<string, string | string[] | undefined>): { ok: true; filter: TRunsFilter } | { ok: false; problems: TRunsFilterProblem[] } {
  const repeated = Object.entries(params).filter(([, value]) => Array.isArray(value)).map(([field]) => ({ field, message: "is given more than once" }));
  if (repeated.length > 0) return { ok: false, problems: repeated };
  const parsed = ZRunsFilter.safeParse(Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)));
  if (parsed.success) return { ok: true, filter: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "query", message: issue.message })) };
}

/** The planned-start window of `from`/`to` (whole UTC days, `to` inclusive). */
export function plannedStartWindow(filter: Pick<TRunsFilter, "from" | "to">): { gte?: Date; lt?: Date } {
  const window: { gte?: Date; lt?: Date } = {};
  if (filter.from) window.gte = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to) window.lt = new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000);
  return window;
}

export function encodeRunsCursor(cursor: TRunsCursor): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

/** The list's URL for a filter (empty fields left out), optionally at a page. */
export function runsListHref(filter: Omit<TRunsFilter, "after">, after?: TRunsCursor): string {
  const params = new URLSearchParams();
  for (const key of ["q", "service", "status", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (after) params.set("after", encodeRunsCursor(after));
  const query = params.toString();
  return query ? `/runs?${query}` : "/runs";
}

export const isFiltered = (filter: TRunsFilter) => Boolean(filter.q || filter.service || filter.status || filter.from || filter.to);
