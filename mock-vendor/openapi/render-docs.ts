import type { JsonSchema } from './json-schemas.ts';
import { escapeHtml, inlineMarkdown, miniMarkdown, slug } from './mini-markdown.ts';
import { HTTP_METHODS, type OpenApiDocument, type OperationObject, type ParameterObject, type Ref, type ResponseObject } from './openapi-document.ts';
import { ALWAYS_SENT, RATE_LIMIT_HEADERS } from './response-headers.ts';
import { sampleValue } from './sample-value.ts';

const PREFERRED_ERROR_EXAMPLE = ['422', '404', '409', '400', '401'];

const STYLE = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde2ea; --bg: #f7f8fa; --accent: #2456c7; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 1.5rem 2rem; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.mock { display: inline-block; padding: .1rem .5rem; border-radius: 4px; background: #fff4d6; border: 1px solid #f0d48a; font-size: .85rem; }
.layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 1rem 1.25rem; border-right: 1px solid var(--line); font-size: .9rem; }
nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 1rem 0 .3rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li { margin: .15rem 0; }
nav a { color: var(--ink); text-decoration: none; }
nav a:hover { color: var(--accent); }
main { padding: 1rem 2.5rem 4rem; max-width: 70rem; min-width: 0; }
main p, main li, main h3 code, .meta { overflow-wrap: anywhere; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
p code, li code, td code { background: var(--bg); padding: .05rem .3rem; border-radius: 3px; }
pre { background: #10141c; color: #e6e9ef; padding: .8rem 1rem; border-radius: 6px; overflow: auto; max-height: 28rem; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .5rem; }
th { color: var(--muted); font-weight: 600; }
.op { border: 1px solid var(--line); border-radius: 8px; padding: .3rem 1.2rem 1rem; margin: 1.2rem 0; }
.op h3 { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; font-size: 1.05rem; }
.method { font: 700 12px/1 ui-monospace, monospace; padding: .3rem .5rem; border-radius: 4px; color: #fff; text-transform: uppercase; }
.get { background: #2f7d4f; } .post { background: #2456c7; } .patch { background: #8a5a00; } .put { background: #6b3fa0; } .delete { background: #b3261e; }
.deprecated { color: #b3261e; font-size: .8rem; font-weight: 600; }
.meta { color: var(--muted); font-size: .85rem; }
.scope { background: #e8efff; }
/* Phones and narrow windows: the contents stack above the page (in a box of their own, they are
   long), and what is too wide for the screen (tables, code) scrolls inside itself, never the page. */
@media (max-width: 760px) {
  header { padding: 1rem; }
  header h1 { font-size: 1.3rem; }
  .layout { grid-template-columns: minmax(0, 1fr); }
  nav { position: static; max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
  main { padding: .5rem 1rem 3rem; }
  main table { display: block; overflow-x: auto; }
  .op { padding: .2rem .8rem .8rem; }
}
`;

type Params = Array<ParameterObject | Ref>;

/**
 * The `/docs` page: one self-contained HTML document (no scripts, no external assets) rendered
 * from an OpenAPI document, so a docs variant changes the page and `/openapi.json` alike.
 */
export function renderDocs(document: OpenApiDocument, variant: string): string {
  const schemas = document.components.schemas;
  const guide = miniMarkdown(document.info.description, 'guide-');
  const deliveries = Object.entries(document.webhooks ?? {}).flatMap(([name, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ path: `(your webhook URL: ${name})`, method, op: item[method] }] : [])),
  );
  const operations = [...listOperations(document), ...deliveries];
  const byTag = new Map<string, Array<{ path: string; method: string; op: OperationObject }>>();
  for (const entry of operations) {
    const tag = entry.op.tags[0] ?? 'Other';
    byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  }
  const tags = [...document.tags.filter((t) => byTag.has(t.name)), ...[...byTag.keys()].filter((n) => !document.tags.some((t) => t.name === n)).map((name) => ({ name, description: '' }))];
  const scopes = scopesOf(document);

  const nav = [
    '<h2>Guide</h2><ul>',
    ...guide.headings.map((h) => `<li><a href="#${escapeHtml(h.id)}">${inlineMarkdown(h.title)}</a></li>`),
    scopes.length ? '<li><a href="#scopes">Scopes</a></li>' : '',
    '</ul>',
    ...tags.map(
      (tag) =>
        `<h2><a href="#tag-${slug(tag.name)}">${escapeHtml(tag.name)}</a></h2><ul>` +
        byTag
          .get(tag.name)!
          .map(({ op }) => `<li><a href="#op-${escapeHtml(op.operationId)}">${escapeHtml(op.summary)}</a></li>`)
          .join('') +
        '</ul>',
    ),
  ].join('\n');

  const body = [
    guide.html,
    scopes.length ? scopesSection(scopes) : '',
    ...tags.map(
      (tag) =>
        `<section id="tag-${slug(tag.name)}"><h2>${escapeHtml(tag.name)}</h2>${tag.description ? `<p>${inlineMarkdown(tag.description)}</p>` : ''}` +
        byTag
          .get(tag.name)!
          .map((e) => operationHtml(e.path, e.method, e.op, document, schemas))
          .join('\n') +
        '</section>',
    ),
  ].join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} — documentation</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.info.title)}</h1>
<span class="mock">Mock vendor for the Integration Lab · ${escapeHtml(document.info.version)} · docs: ${escapeHtml(variant)}</span>
<p class="meta">Base URL <code>${escapeHtml(document.servers[0]?.url ?? '')}</code> · OpenAPI 3.1: <a href="/openapi.json?variant=${encodeURIComponent(variant)}">/openapi.json</a></p>
</header>
<div class="layout">
<nav>${nav}</nav>
<main>
${body}
</main>
</div>
</body>
</html>
`;
}

export function listOperations(document: OpenApiDocument): Array<{ path: string; method: string; op: OperationObject }> {
  const out: Array<{ path: string; method: string; op: OperationObject }> = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push({ path, method, op });
    }
  }
  return out;
}

function scopesOf(document: OpenApiDocument): Array<[string, string]> {
  for (const scheme of Object.values(document.components.securitySchemes) as Array<{ type?: string; flows?: { clientCredentials?: { scopes?: Record<string, string> } } }>) {
    const scopes = scheme.type === 'oauth2' ? scheme.flows?.clientCredentials?.scopes : undefined;
    if (scopes) return Object.entries(scopes);
  }
  return [];
}

function scopesSection(scopes: Array<[string, string]>): string {
  const rows = scopes.map(([name, description]) => `<tr><td><code>${escapeHtml(name)}</code></td><td>${inlineMarkdown(description)}</td></tr>`).join('');
  return `<section id="scopes"><h2>Scopes</h2><table><thead><tr><th>Scope</th><th>Allows</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function operationHtml(path: string, method: string, op: OperationObject, document: OpenApiDocument, schemas: Record<string, JsonSchema>): string {
  const parts: string[] = [];
  parts.push(
    `<article class="op" id="op-${escapeHtml(op.operationId)}">` +
      `<h3><span class="method ${method}">${method.toUpperCase()}</span><code>${escapeHtml(path)}</code>${op.deprecated ? '<span class="deprecated">deprecated</span>' : ''}</h3>` +
      `<p><strong>${escapeHtml(op.summary)}</strong> <span class="meta">operationId <code>${escapeHtml(op.operationId)}</code></span></p>`,
  );
  if (op.description) parts.push(miniMarkdown(op.description).html);
  parts.push(`<p><strong>Authorization:</strong> ${authText(op)}</p>`);

  const params = resolveParams(op.parameters ?? [], document);
  if (params.length) {
    const rows = params
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escapeHtml(typeOf(p.schema))}</code></td><td>${inlineMarkdown(p.description ?? '')}</td></tr>`,
      )
      .join('');
    parts.push(`<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  if (op.requestBody) {
    for (const [type, media] of Object.entries(op.requestBody.content)) {
      const example = media.example ?? sampleValue(media.schema, schemas);
      parts.push(`<p><strong>Request body</strong> <code>${escapeHtml(type)}</code>${schemaName(media.schema)}</p>${pre(type, example)}`);
    }
  }

  const rows = Object.entries(op.responses)
    .map(([status, response]) => {
      const headers = headerList(Object.keys(response.headers ?? {}));
      const types = Object.keys(response.content ?? {});
      return `<tr><td><code>${escapeHtml(status)}</code></td><td>${inlineMarkdown(response.description)}</td><td>${types.map((t) => `<code>${escapeHtml(t)}</code>`).join(' ')}</td><td>${headers.join(' ')}</td></tr>`;
    })
    .join('');
  parts.push(`<table><thead><tr><th>Status</th><th>Meaning</th><th>Body</th><th>Headers</th></tr></thead><tbody>${rows}</tbody></table>`);

  const success = Object.entries(op.responses).find(([status, r]) => status.startsWith('2') && r.content);
  if (success) parts.push(responseExample(success[0], success[1], schemas));
  const errors = Object.entries(op.responses).filter(([status, r]) => !status.startsWith('2') && r.content);
  const firstError = PREFERRED_ERROR_EXAMPLE.map((status) => errors.find(([s]) => s === status)).find(Boolean) ?? errors[0];
  if (firstError) parts.push(responseExample(firstError[0], firstError[1], schemas));
  parts.push('</article>');
  return parts.join('\n');
}

/** Response headers worth a mention: the ones every answer has are explained once, in the guide. */
function headerList(names: string[]): string[] {
  const rateLimit = RATE_LIMIT_HEADERS.every((h) => names.includes(h));
  const shown = names.filter((h) => !(ALWAYS_SENT as readonly string[]).includes(h) && !(rateLimit && (RATE_LIMIT_HEADERS as readonly string[]).includes(h)));
  return [...shown.map((h) => `<code>${escapeHtml(h)}</code>`), ...(rateLimit ? ['<a href="#guide-rate-limits">rate-limit headers</a>'] : [])];
}

function responseExample(status: string, response: ResponseObject, schemas: Record<string, JsonSchema>): string {
  const [type, media] = Object.entries(response.content!)[0]!;
  const example = media.example ?? sampleValue(media.schema, schemas);
  return `<p><strong>Example ${escapeHtml(status)}</strong> <code>${escapeHtml(type)}</code>${schemaName(media.schema)}</p>${pre(type, example)}`;
}

function pre(type: string, example: unknown): string {
  if (type === 'application/x-www-form-urlencoded' && example && typeof example === 'object') {
    const form = new URLSearchParams(Object.entries(example as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
    return `<pre>${escapeHtml(form)}</pre>`;
  }
  if (type === 'text/html') return '<pre>&lt;!doctype html&gt;…</pre>';
  return `<pre>${escapeHtml(JSON.stringify(example, null, 2))}</pre>`;
}

function schemaName(schema: JsonSchema | undefined): string {
  const ref = schema?.['$ref'];
  return typeof ref === 'string' ? ` <span class="meta">schema <code>${escapeHtml(ref.split('/').pop()!)}</code></span>` : '';
}

function authText(op: OperationObject): string {
  const security = op.security ?? [];
  if (security.length === 0) return 'none.';
  const scopes = security.flatMap((s) => Object.values(s).flat());
  if (scopes.length) return `access token with scope ${scopes.map((s) => `<code class="scope">${escapeHtml(s)}</code>`).join(', ')}.`;
  return 'OAuth client authentication: HTTP Basic (<code>client_secret_basic</code>) or <code>client_id</code> and <code>client_secret</code> in the body (<code>client_secret_post</code>).';
}

function resolveParams(params: Params, document: OpenApiDocument): ParameterObject[] {
  return params
    .map((p) => ('$ref' in p ? document.components.parameters[p.$ref.split('/').pop()!] : p))
    .filter((p): p is ParameterObject => p !== undefined);
}

function typeOf(schema: JsonSchema): string {
  if (typeof schema['$ref'] === 'string') return (schema['$ref'] as string).split('/').pop()!;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[]).join(' | ') : String(schema['type'] ?? 'any');
  const bounds = [schema['minimum'] !== undefined ? `≥ ${schema['minimum']}` : '', schema['maximum'] !== undefined ? `≤ ${schema['maximum']}` : '', schema['default'] !== undefined ? `default ${JSON.stringify(schema['default'])}` : '']
    .filter(Boolean)
    .join(', ');
  return bounds ? `${type} (${bounds})` : type;
}
