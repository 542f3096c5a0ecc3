// What a server-action request body may look like before Next decodes it. React's reply decoder
// throws on shapes no browser of ours produces (a reference to a part that is not there, a Map or a
// stream where Warroom's actions take plain data, a body that is not a list of arguments), and Next
// answers those throws with a 500 before any Warroom code runs. This check refuses them with a 400
// instead; everything React's client really sends for Warroom's actions passes unchanged.

export type TActionBodyVerdict = { ok: true } | { ok: false; message: string };

/** Next rejects more arguments than this itself (with a 500). */
export const MAX_ACTION_ARGUMENTS = 1000;

const ACCEPTED: TActionBodyVerdict = { ok: true };
const refused = (message: string): TActionBodyVerdict => ({ ok: false, message });

/**
 * Which requests Next treats as a server action (its getServerActionRequestMetadata): a POST to a
 * page with a `next-action` header (a fetch action), or a multipart form posted to a page before its
 * JavaScript loaded. Route handlers under /api never are.
 */
export function isPossibleServerAction(method: string | undefined, url: string, headers: Record<string, string | string[] | undefined>): boolean {
  if (method !== "POST" || url.startsWith("/api/") || url.startsWith("/_next/")) return false;
  return headers["next-action"] !== undefined || isMultipart(headers["content-type"]);
}

/**
 * Next's own CSRF rule for actions (the Origin's host must be the host the client asked for; a
 * request without Origin is let through, as Next does), checked here because Next answers a mismatch
 * with a 500. The host and scheme are the request's trusted view (lib/security/trusted-view.ts): a
 * forwarded host counts only from TRUSTED_PROXIES, and when such a proxy says which scheme the client
 * used, the Origin must have that scheme too.
 */
export function isFromOwnOrigin(origin: string | string[] | undefined, view: { host: string | undefined; proto: "http" | "https" | undefined }): boolean {
  if (origin === undefined) return true;
  if (Array.isArray(origin) || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (view.host === undefined || parsed.host !== view.host.toLowerCase()) return false;
  return view.proto === undefined || parsed.protocol === `${view.proto}:`;
}

/**
 * APP_URL's origin is Warroom's own whatever Host a proxy forwards (nginx's `$host` drops the port,
 * a proxy may send its upstream's name), as the socket handshake's origin check already accepts it.
 */
export function isAppOrigin(origin: string | string[] | undefined, appUrl: string): boolean {
  if (typeof origin !== "string" || origin === "null") return false;
  try {
    return new URL(origin).origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}

function isMultipart(contentType: string | string[] | undefined): boolean {
  return typeof contentType === "string" && contentType.startsWith("multipart/form-data");
}

/** Checks a whole server-action body (at most MAX_BODY_BYTES, already read). */
export async function checkActionBody(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<TActionBodyVerdict> {
  const contentType = headers["content-type"];
  const isFetchAction = headers["next-action"] !== undefined;
  if (!isMultipart(contentType)) {
    // A fetch action without files is its argument list as JSON text.
    return isFetchAction ? checkArguments(body.toString("utf8"), () => undefined) : ACCEPTED;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": String(contentType) } }).formData();
  } catch {
    return refused("The form data could not be read: it is not well-formed multipart/form-data.");
  }
  const textPart = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  if (isFetchAction) {
    const root = textPart("0");
    if (root === undefined) return refused("The action's arguments are missing (form field 0).");
    return checkArguments(root, (id) => textPart(String(id)));
  }
  return checkProgressiveForm(form, textPart);
}

/**
 * A form submitted before hydration names its action either directly ($ACTION_ID_<id>, nothing to
 * decode) or as a reference with bound arguments ($ACTION_REF_<n>, $ACTION_<n>:0 = {id, bound}).
 */
function checkProgressiveForm(form: FormData, textPart: (name: string) => string | undefined): TActionBodyVerdict {
  for (const name of form.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(name);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const head = parseJson(textPart(`${prefix}0`));
    if (!head.ok || typeof head.value !== "object" || head.value === null || Array.isArray(head.value)) {
      return refused(`Form field ${prefix}0 must describe the action as a JSON object.`);
    }
    const { id, bound } = head.value as { id?: unknown; bound?: unknown };
    if (typeof id !== "string") return refused(`Form field ${prefix}0 has no action id.`);
    if (bound === null || bound === undefined) continue;
    const promise = typeof bound === "string" ? /^\$@([0-9a-f]+)$/.exec(bound) : null;
    if (!promise) return refused(`Form field ${prefix}0: "bound" must be null or a reference to the bound arguments.`);
    const verdict = checkArguments(textPart(`${prefix}${parseInt(promise[1], 16)}`), (partId) => textPart(`${prefix}${partId}`));
    if (!verdict.ok) return verdict;
  }
  return ACCEPTED;
}

/** The root model must be a list of arguments; every reference in it must resolve (see checkModel). */
function checkArguments(json: string | undefined, part: (id: number) => string | undefined): TActionBodyVerdict {
  const root = parseJson(json);
  if (!root.ok) return refused("The action's arguments are not valid JSON.");
  if (!Array.isArray(root.value)) return refused("The action's arguments must be a JSON list.");
  if (root.value.length > MAX_ACTION_ARGUMENTS) return refused(`An action takes at most ${MAX_ACTION_ARGUMENTS} arguments.`);
  return checkModel(root.value, part);
}

// Strings React's client writes for the values Warroom's actions take: escaped text ("$$…"), dates,
// big integers, undefined and the non-finite numbers, temporary references, FormData ("$K"), and
// outlined parts ("$<hex>", "$@<hex>"), which must exist in the body.
const PLAIN_REFERENCE = /^\$(\$|D|T|K[0-9a-f]+$|n-?\d+$|undefined$|NaN$|Infinity$|-Infinity$|-0$)/;
const PART_REFERENCE = /^\$@?([0-9a-f]+)$/;

/** Walks the decoded JSON (without recursion: depth is the sender's choice) and each part it references once. */
function checkModel(root: unknown, part: (id: number) => string | undefined): TActionBodyVerdict {
  const pending: unknown[] = [root];
  const visitedParts = new Set<number>();
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (!value.startsWith("$") || PLAIN_REFERENCE.test(value)) continue;
      const reference = PART_REFERENCE.exec(value);
      if (!reference) return refused(`Unsupported value ${JSON.stringify(value.slice(0, 24))} in the action's arguments.`);
      const id = parseInt(reference[1], 16);
      if (visitedParts.has(id)) continue;
      visitedParts.add(id);
      const referenced = parseJson(part(id));
      if (!referenced.ok) return refused(`The action's arguments refer to part ${id}, which is missing or not JSON.`);
      pending.push(referenced.value);
    } else if (value !== null && typeof value === "object") {
      // A loop, not push(...values): a 1 MiB body can hold more items than a call takes arguments.
      for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push(item);
    }
  }
  return ACCEPTED;
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
