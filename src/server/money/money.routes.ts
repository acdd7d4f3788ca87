import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { Uuid } from '../shared/schemas.js';
import {
  BudgetIn,
  BudgetOut,
  DeleteQuery,
  MoneyQuery,
  MoneySummaryOut,
  PlannedDisbursementIn,
  PlannedDisbursementOut,
  RowParams,
  SummaryQuery,
  TransactionIn,
  TransactionOut,
} from './money.schemas.js';
import {
  createMoney,
  getMoney,
  listMoney,
  moneySummary,
  removeMoney,
  replaceMoney,
  type MoneyKind,
} from './money.service.js';

const IdParam = z.object({ id: Uuid });
const tags = ['Money'];

const KINDS: { kind: MoneyKind; what: string; body: z.ZodType; out: z.ZodType }[] = [
  { kind: 'transactions', what: 'transaction', body: TransactionIn, out: TransactionOut },
  {
    kind: 'planned-disbursements',
    what: 'planned disbursement',
    body: PlannedDisbursementIn,
    out: PlannedDisbursementOut,
  },
  { kind: 'budgets', what: 'budget', body: BudgetIn, out: BudgetOut },
];

for (const { kind, what, body, out } of KINDS) {
  const base = `/api/v1/activities/:id/${kind}`;
  describe({
    method: 'get',
    path: base,
    summary: `The activity’s ${what}s, each in its own currency; ?currency= adds converted values`,
    tags,
    params: IdParam,
    query: MoneyQuery,
    response: z.object({ items: z.array(out) }),
  });
  describe({
    method: 'post',
    path: base,
    summary: `Add a ${what} (raises the activity’s version)`,
    tags,
    auth: 'required',
    params: IdParam,
    body,
    response: out,
  });
  describe({
    method: 'get',
    path: `${base}/:rid`,
    summary: `One ${what}`,
    tags,
    params: RowParams,
    query: MoneyQuery,
    response: out,
  });
  describe({
    method: 'put',
    path: `${base}/:rid`,
    summary: `Replace a ${what} (raises the activity’s version)`,
    tags,
    auth: 'required',
    params: RowParams,
    body,
    response: out,
  });
  describe({
    method: 'delete',
    path: `${base}/:rid`,
    summary: `Delete a ${what} (raises the activity’s version)`,
    tags,
    auth: 'required',
    params: RowParams,
    query: DeleteQuery,
  });
}

describe({
  method: 'get',
  path: '/api/v1/activities/:id/money',
  summary:
    'Totals per measure (budget, planned disbursement, incoming funds, commitment, disbursement, expenditure) in one currency, with the rows that had no rate',
  tags,
  params: IdParam,
  query: SummaryQuery,
  response: MoneySummaryOut,
});

function rowParams(params: Record<string, string>) {
  const { id, rid } = parseWith(RowParams, params);
  return { id, rid };
}

const app = new Hono<AppEnv>().get('/:id/money', async (c) => {
  const { id } = parseWith(IdParam, c.req.param());
  const { currency } = parseQuery(c, SummaryQuery);
  return c.json(await moneySummary(c.var.db, c.var.actor, id, currency));
});

for (const { kind, body } of KINDS) {
  app
    .get(`/:id/${kind}`, async (c) => {
      const { id } = parseWith(IdParam, c.req.param());
      const { currency } = parseQuery(c, MoneyQuery);
      return c.json(await listMoney(c.var.db, c.var.actor, kind, id, currency));
    })
    .post(`/:id/${kind}`, async (c) => {
      const { id } = parseWith(IdParam, c.req.param());
      const input = (await parseBody(c, body)) as Parameters<typeof createMoney>[4];
      return c.json(await createMoney(c.var.db, c.var.actor, kind, id, input), 201);
    })
    .get(`/:id/${kind}/:rid`, async (c) => {
      const { id, rid } = rowParams(c.req.param());
      const { currency } = parseQuery(c, MoneyQuery);
      return c.json(await getMoney(c.var.db, c.var.actor, kind, id, rid, currency));
    })
    .put(`/:id/${kind}/:rid`, async (c) => {
      const { id, rid } = rowParams(c.req.param());
      const input = (await parseBody(c, body)) as Parameters<typeof replaceMoney>[5];
      return c.json(await replaceMoney(c.var.db, c.var.actor, kind, id, rid, input));
    })
    .delete(`/:id/${kind}/:rid`, async (c) => {
      const { id, rid } = rowParams(c.req.param());
      const { version } = parseQuery(c, DeleteQuery);
      await removeMoney(c.var.db, c.var.actor, kind, id, rid, version ?? null);
      return c.body(null, 204);
    });
}

/** Mounted beside the activity routes, under /api/v1/activities. */
export const moneyRoutes = app;
