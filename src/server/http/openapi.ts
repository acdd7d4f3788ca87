import { z } from 'zod';

/**
 * Routes describe themselves here as they are mounted, with the same zod schemas that validate
 * requests, so the OpenAPI document cannot drift from what the server accepts.
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  auth?: 'optional' | 'required';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body's media type, when not JSON (multipart/form-data for uploads, a CSV or XML file). */
  bodyType?: string;
  response?: z.ZodType;
  responseType?: string;
  status?: number;
  /** Error statuses beyond the usual ones, with what they mean here. */
  errors?: [string, string][];
}

const operations: Operation[] = [];

export function describe(op: Operation): void {
  const dup = operations.find((o) => o.method === op.method && o.path === op.path);
  if (!dup) operations.push(op);
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
}

function parameters(op: Operation): unknown[] {
  const out: unknown[] = [];
  for (const [where, obj] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!obj) continue;
    for (const [name, schema] of Object.entries(obj.shape)) {
      const s = schema as z.ZodType;
      out.push({
        name,
        in: where,
        required: where === 'path' || !s.safeParse(undefined).success,
        description: s.description,
        schema: jsonSchema(s),
      });
    }
  }
  return out;
}

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function openApiDocument(serverUrl?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const entry = (paths[path] ??= {});
    const status = String(
      op.status ?? (op.method === 'post' ? 201 : op.method === 'delete' ? 204 : 200),
    );
    const responses: Record<string, unknown> = {
      [status]: {
        description: 'Success',
        ...(op.response || op.responseType
          ? {
              content: {
                [op.responseType ?? 'application/json']: op.response
                  ? { schema: jsonSchema(op.response) }
                  : {},
              },
            }
          : {}),
      },
    };
    const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    for (const [code, description] of [
      ['400', 'Bad request (malformed query or JSON)'],
      ['401', 'No valid token'],
      ['403', 'Not allowed for this token'],
      ['404', 'Not found'],
      ['409', 'Conflict: stale version or duplicate'],
      ['422', 'Invalid body; details name the failing fields'],
      ...(op.errors ?? []),
    ] as const) {
      if ((code === '401' || code === '403') && !op.auth) continue;
      responses[code] = { description, content: errorContent };
    }
    entry[op.method] = {
      summary: op.summary,
      tags: op.tags,
      operationId: `${op.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: parameters(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { [op.bodyType ?? 'application/json']: { schema: jsonSchema(op.body) } },
            },
          }
        : op.bodyType
          ? {
              requestBody: {
                required: true,
                content: { [op.bodyType]: { schema: { type: 'string' } } },
              },
            }
          : {}),
      ...(op.auth === 'required' ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Koordinata API',
      version: '1',
      description:
        'Registry of partners, programmes, projects and places of the Coordination Body for Preševo, Bujanovac and Medveđa. Anonymous callers read published records; writes need `Authorization: Bearer <token>`.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
