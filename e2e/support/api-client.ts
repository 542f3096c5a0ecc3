// Calls the pipeline API's route handlers (app/api/v1/**/route.ts) in-process, as Next would: the
// route file is found from the URL, so tests exercise exactly the handlers the app serves.
import { readdirSync } from "node:fs";
import path from "node:path";
import { TEST_APP_URL } from "./integration";

const ROOT = process.cwd();

/** Every app/api/v1 route file, as its URL template: "/api/v1/runs/[id]/items". */
export function apiV1Routes(): { file: string; template: string }[] {
  return readdirSync(path.join(ROOT, "app/api/v1"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => {
      const file = path.relative(ROOT, path.join(e.parentPath, e.name));
      return { file, template: "/" + path.dirname(file).replace(/^app\//, "") };
    });
}

function match(pathname: string): { file: string; params: Record<string, string> } {
  for (const { file, template } of apiV1Routes()) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\[(\w+)\]/g, (_, name: string) => (names.push(name), "([^/]+)")).replace(/\./g, "\\.")}$`);
    const found = pattern.exec(pathname);
    if (found) return { file, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
  }
  throw new Error(`no app/api/v1 route answers ${pathname}`);
}

export type TApiCall = { key?: string; body?: unknown; headers?: Record<string, string> };
export type TApiAnswer = { status: number; json: unknown; text: string; headers: Headers };

export async function callApi(method: string, url: string, { key, body, headers = {} }: TApiCall = {}): Promise<TApiAnswer> {
  const { pathname } = new URL(url, TEST_APP_URL);
  const { file, params } = match(pathname);
  const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>;
  const handler = module[method];
  if (!handler) throw new Error(`${file} has no ${method}`);
  const init: RequestInit = { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(new URL(url, TEST_APP_URL), init), { params: Promise.resolve(params) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}
