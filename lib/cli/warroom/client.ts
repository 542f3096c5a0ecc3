// The warroom CLI's one way to the server: WARROOM_URL and WARROOM_TOKEN (a workspace or run key),
// JSON in and out, and every failure — unreachable, refused, a 4xx naming the field — turned into
// one CliError line with exit code 4.
export const EXIT_ERROR = 4;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_ERROR,
  ) {
    super(message);
  }
}

export type TRequest = {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer the body as text (a Markdown export) rather than JSON. */
  isText?: boolean;
};

export type TClient = { baseUrl: string; call: <T>(request: TRequest) => Promise<T> };

export function clientFromEnv(env: Record<string, string | undefined> = process.env): TClient {
  const baseUrl = env.WARROOM_URL?.trim().replace(/\/+$/, "");
  const token = env.WARROOM_TOKEN?.trim();
  if (!baseUrl) throw new CliError("WARROOM_URL is not set (the Warroom to talk to, e.g. https://warroom.example.com)");
  if (!URL.canParse(baseUrl)) throw new CliError(`WARROOM_URL is not a URL: ${baseUrl}`);
  if (!token) throw new CliError("WARROOM_TOKEN is not set (an API key: admins create workspace keys, leads create run keys in the war room)");
  return {
    baseUrl,
    call: async <T>({ method = "GET", path, query, body, headers = {}, isText = false }: TRequest): Promise<T> => {
      const url = new URL(`${baseUrl}${path}`);
      for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body !== undefined && { "content-type": "application/json" }), ...headers },
          body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(`cannot reach ${baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (!response.ok) {
        const problem = (json as { error?: { message?: string; field?: string } } | null)?.error;
        const field = problem?.field ? ` [${problem.field}]` : "";
        throw new CliError(`HTTP ${response.status}${field}: ${problem?.message ?? (text.slice(0, 200) || response.statusText)}`);
      }
      return (isText ? text : json) as T;
    },
  };
}
