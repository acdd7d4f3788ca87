import type { z } from 'zod';
import { BadRequestError, ValidationError, type FieldIssue } from '../errors.js';
import type { AppContext } from './context.js';

function issues(err: z.ZodError): FieldIssue[] {
  return err.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
    code: i.code,
  }));
}

/** Query strings that do not parse are the caller's mistake in the URL: 400, naming the parameter. */
export function parseQuery<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) raw[k] = v.length === 1 ? (v[0] ?? '') : v;
  const res = schema.safeParse(raw);
  if (!res.success) {
    const list = issues(res.error);
    throw new BadRequestError(
      'Invalid query parameters: ' + list.map((i) => `${i.path}: ${i.message}`).join('; '),
      list,
    );
  }
  return res.data;
}

/** Bodies that are not JSON get 400; JSON that breaks the schema gets 422 with each field's path. */
export async function parseBody<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new BadRequestError('Send the body as JSON with Content-Type: application/json.');
  }
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
  const res = schema.safeParse(json);
  if (!res.success) throw new ValidationError(issues(res.error));
  return res.data;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const res = schema.safeParse(value);
  if (!res.success) throw new ValidationError(issues(res.error));
  return res.data;
}
