import { beforeAll, describe, expect, it } from 'vitest';
import { createActivity } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeUser,
  municipality,
  SYSTEM,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import type { ResultOut } from './results.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;
let viewer: TestUser;
const tag = `res${uniq()}`;
let a: string;
let b: string;
let presevo: string;
let bujanovac: string;

function send(method: string, path: string, body: unknown, user: TestUser) {
  return app.request(path, { method, headers: user.headers, body: JSON.stringify(body) });
}

const road = (place: string, target: string, actual: string) => ({
  type: '1',
  title: { en: 'Roads rebuilt' },
  indicators: [
    {
      measure: '1',
      title: { en: 'Road rebuilt', 'sr-Latn': 'Rekonstruisan put' },
      unit: 'km of road rebuilt',
      baselines: [{ year: '2022', value: '1', place_id: place }],
      periods: [
        {
          period_start: '2024-01-01',
          period_end: '2024-12-31',
          targets: [{ value: target, place_id: place }],
          actuals: [{ value: actual, place_id: place }],
        },
      ],
    },
    { measure: '2', title: { en: 'Share of roads in good state' }, unit: '%' },
  ],
});

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
  viewer = await makeUser(db, 'viewer');
  presevo = (await municipality(db, '70963')).id;
  bujanovac = (await municipality(db, '70351')).id;
  const make = async () =>
    (
      await createActivity(db, SYSTEM, {
        title: { en: `Roads ${tag} ${uniq()}` },
        status: '2',
        publication_status: 'published',
      })
    ).id;
  a = await make();
  b = await make();
});

describe('results API', () => {
  it('creates, reads, replaces and deletes a result with nested indicators', async () => {
    const res = await send(
      'POST',
      `/api/v1/activities/${a}/results`,
      road(presevo, '10.5', '4.25'),
      coordinator,
    );
    expect(res.status).toBe(201);
    const r = (await res.json()) as ResultOut;
    expect(r.indicators[0]).toMatchObject({ unit: 'km of road rebuilt', unit_key: 'km' });
    expect(r.indicators[0]?.periods[0]?.targets[0]).toMatchObject({
      value: '10.5',
      place_id: presevo,
    });
    const list = (await (await app.request(`/api/v1/activities/${a}/results`)).json()) as {
      items: ResultOut[];
    };
    expect(list.items.map((x) => x.id)).toEqual([r.id]);

    const put = await send(
      'PUT',
      `/api/v1/results/${r.id}`,
      { ...road(presevo, '12', '5'), version: 1 },
      coordinator,
    );
    expect(put.status).toBe(200);
    expect(((await put.json()) as ResultOut).version).toBe(2);
    const stale = await send(
      'PUT',
      `/api/v1/results/${r.id}`,
      { ...road(presevo, '1', '1'), version: 1 },
      coordinator,
    );
    expect(stale.status).toBe(409);
    const forbidden = await send(
      'PUT',
      `/api/v1/results/${r.id}`,
      { ...road(presevo, '1', '1'), version: 2 },
      viewer,
    );
    expect(forbidden.status).toBe(403);

    const del = await app.request(`/api/v1/results/${r.id}?version=2`, {
      method: 'DELETE',
      headers: coordinator.headers,
    });
    expect(del.status).toBe(204);
    expect((await app.request(`/api/v1/results/${r.id}`)).status).toBe(404);
  });

  it('names each invalid field: dates, measure, numbers, unit, place', async () => {
    const res = await send(
      'POST',
      `/api/v1/activities/${a}/results`,
      {
        type: '7',
        title: { en: 'x' },
        indicators: [
          {
            measure: '1',
            title: { en: 'no unit' },
            periods: [
              { period_start: '2024-05-01', period_end: '2024-01-01', targets: [{ value: '1,5' }] },
            ],
          },
        ],
      },
      coordinator,
    );
    expect(res.status).toBe(422);
    const paths = (
      (await res.json()) as { error: { details: { path: string }[] } }
    ).error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'type',
        'indicators.0.periods.0.period_end',
        'indicators.0.periods.0.targets.0.value',
      ]),
    );
    const noUnit = await send(
      'POST',
      `/api/v1/activities/${a}/results`,
      { type: '1', title: { en: 'x' }, indicators: [{ measure: '1', title: { en: 'n' } }] },
      coordinator,
    );
    expect(noUnit.status).toBe(422);
    expect(await noUnit.text()).toContain('indicators.0.unit');
  });

  it('rolls up km across projects and lists the percentage indicators without summing', async () => {
    expect(
      (await send('POST', `/api/v1/activities/${a}/results`, road(presevo, '10', '4'), coordinator))
        .status,
    ).toBe(201);
    expect(
      (
        await send(
          'POST',
          `/api/v1/activities/${b}/results`,
          road(bujanovac, '2.5', '3'),
          coordinator,
        )
      ).status,
    ).toBe(201);
    const res = await app.request(`/api/v1/stats/results?q=${tag}&unit=km`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      units: {
        unit_key: string;
        projects: number;
        baseline: string;
        target: string;
        actual: string;
        by_year: unknown[];
        by_municipality: { municipality: { code: string } | null; target: string }[];
      }[];
    };
    expect(body.units).toHaveLength(1);
    expect(body.units[0]).toMatchObject({
      unit_key: 'km',
      projects: 2,
      baseline: '2',
      target: '12.5',
      actual: '7',
    });
    expect(body.units[0]?.by_year).toEqual([{ year: 2024, target: '12.5', actual: '7' }]);
    expect(
      body.units[0]?.by_municipality.map((m) => [m.municipality?.code, m.target]).sort(),
    ).toEqual([
      ['70351', '2.5'],
      ['70963', '10'],
    ]);
    const all = (await (await app.request(`/api/v1/stats/results?q=${tag}`)).json()) as {
      not_summed: { reason: string }[];
    };
    expect(all.not_summed.map((n) => n.reason)).toEqual(['percentage', 'percentage']);

    const csv = await app.request(`/api/v1/stats/results.csv?q=${tag}&unit=km&lang=en`);
    expect(csv.status).toBe(200);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(
      'Unit,Units as written,Municipality,Projects,Baseline,Target,Actual',
    );
    expect(text.split('\r\n')[1]).toBe('km,km of road rebuilt,,2,2,12.5,7');
  });
});
