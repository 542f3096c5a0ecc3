// The pipeline API's reference as one server-rendered page, read from the OpenAPI document itself:
// every operation with its scope, parameters, body and answers, then every named schema. No scripts
// (the CSP allows none from elsewhere, and a reference needs none).
type TJson = Record<string, unknown>;

const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A schema as one line a person reads: `Run`, `string (enum: a | b)`, `array of Item`. */
function typeOf(schema: TJson | undefined): string {
  if (!schema) return "";
  if (typeof schema.$ref === "string") return `<a href="#schema-${escape(schema.$ref.split("/").pop())}">${escape(schema.$ref.split("/").pop())}</a>`;
  if (Array.isArray(schema.enum)) return `${escape(schema.type ?? "")} (one of ${schema.enum.map(escape).join(" | ")})`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TJson[]).map(typeOf).join(" or ");
  if (schema.type === "array") return `array of ${typeOf(schema.items as TJson)}`;
  return escape(Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any"));
}

function propertiesTable(schema: TJson): string {
  const properties = (schema.properties ?? {}) as Record<string, TJson>;
  const required = new Set((schema.required ?? []) as string[]);
  if (Object.keys(properties).length === 0) return `<p>${typeOf(schema)}</p>`;
  const rows = Object.entries(properties).map(
    ([name, p]) => `<tr><td><code>${escape(name)}</code>${required.has(name) ? "" : " <small>(optional)</small>"}</td><td>${typeOf(p)}</td><td>${escape(p.description ?? "")}</td></tr>`,
  );
  return `<table><thead><tr><th>Field</th><th>Type</th><th>About</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function operationSection(path: string, method: string, operation: TJson): string {
  const parameters = (operation.parameters ?? []) as TJson[];
  const body = (operation.requestBody as { content: Record<string, { schema: TJson }> } | undefined)?.content["application/json"]?.schema;
  const responses = Object.entries((operation.responses ?? {}) as Record<string, { description: string; content?: Record<string, { schema: TJson }> }>);
  return `<section id="op-${escape(operation.operationId)}">
<h3><code>${method.toUpperCase()} ${escape(path)}</code></h3>
<p>${escape(operation.summary)}${operation["x-scope"] ? ` — scope <code>${escape(operation["x-scope"])}</code>` : " — no key needed"}</p>
${parameters.length ? `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>About</th></tr></thead><tbody>${parameters.map((p) => `<tr><td><code>${escape(p.name)}</code>${p.required ? "" : " <small>(optional)</small>"}</td><td>${escape(p.in)}</td><td>${typeOf(p.schema as TJson)}</td><td>${escape(p.description ?? "")}</td></tr>`).join("")}</tbody></table>` : ""}
${body ? `<h4>Body</h4><p>${typeOf(body)}</p>` : ""}
<h4>Answers</h4><ul>${responses.map(([code, r]) => `<li><code>${escape(code)}</code> ${escape(r.description)}${r.content ? ` — ${typeOf(Object.values(r.content)[0].schema)}` : ""}</li>`).join("")}</ul>
</section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}section{border-top:1px solid #ddd;margin-top:1.5rem}h3{margin-bottom:0}`;

export function renderReference(document: TJson): string {
  const info = document.info as { title: string; description: string };
  const paths = document.paths as Record<string, Record<string, TJson>>;
  const schemas = ((document.components as TJson).schemas ?? {}) as Record<string, TJson>;
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escape(info.title)}</h1>
<p>Send an API key as <code>Authorization: Bearer wrm_…</code>. ${escape(info.description)} The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<h2>Operations</h2><ul>${operations.map(({ path, method, op }) => `<li><a href="#op-${escape(op.operationId)}"><code>${method.toUpperCase()} ${escape(path)}</code></a> ${escape(op.summary)}</li>`).join("")}</ul>
${operations.map(({ path, method, op }) => operationSection(path, method, op)).join("\n")}
<h2>Schemas</h2>
${Object.entries(schemas).map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3>${propertiesTable(schema)}</section>`).join("\n")}
</body></html>`;
}
