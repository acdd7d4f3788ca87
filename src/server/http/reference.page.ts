import { escapeHtml } from './html.js';

interface OperationDoc {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: unknown;
  }[];
  requestBody?: unknown;
}

/** A readable, script-free reference of the OpenAPI document, for people rather than tools. */
export function apiReferencePage(doc: Record<string, unknown>): string {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, OperationDoc>>;
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> <small>(${escapeHtml(p.in)}${p.required ? ', required' : ''})</small>${p.description ? ' — ' + escapeHtml(p.description) : ''}</li>`,
        )
        .join('');
      const body = op.requestBody
        ? `<details><summary>Request body schema</summary><pre>${escapeHtml(JSON.stringify(op.requestBody, null, 2))}</pre></details>`
        : '';
      sections.push(`<section>
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${op.security ? ' <small>🔒 token</small>' : ''}</h3>
  <p>${escapeHtml(op.summary ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${body}
</section>`);
    }
  }
  const info = (doc.info ?? {}) as { title?: string; description?: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title ?? 'API')} — reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
section{border-top:1px solid #ccc;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;font-size:.8rem;padding:.1rem .4rem;border-radius:.3rem;background:#eee}
.get{background:#d8ecff}.post{background:#d9f5dd}.patch{background:#fff1cc}.delete{background:#ffd9d9}pre{overflow:auto;background:#f6f6f6;padding:.5rem}</style></head>
<body><h1>${escapeHtml(info.title ?? 'API')}</h1><p>${escapeHtml(info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
${sections.join('\n')}</body></html>`;
}
