import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.js';
import { projectPath } from '../../paths.js';
import { freshTestDb } from '../../../../tests/support/db.js';
import { makeUser, testApp, uniq, type TestUser } from '../../../../tests/support/factories.js';
import { importIati, type ImportReport } from './import.service.js';
import { parsedFile } from './parsed-file.js';

let db: Database;
let dispose: () => Promise<void>;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;

const UNDP = readFileSync(
  projectPath('tests/fixtures/iati/undp-serbia/undp-serbia-2017-excerpt.xml'),
  'utf8',
);

// Tests here compare whole-table counts before and after an import: a database of their own.
beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
});

afterAll(async () => {
  await dispose();
});

async function countActivities(): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from activity');
  return row?.n ?? 0;
}

function post(xml: string, query = '', headers: Record<string, string> = coordinator.headers) {
  return app.request(`/api/v1/iati/imports${query}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/xml' },
    body: xml,
  });
}

/** A small file of our own: one publisher, activities with the given inner XML. */
function file(publisher: string, activities: { id: string; inner?: string }[]): string {
  const body = activities
    .map(
      (
        a,
      ) => `<iati-activity last-updated-datetime="2024-01-01T00:00:00Z" default-currency="EUR" xml:lang="en">
  <iati-identifier>${a.id}</iati-identifier>
  <reporting-org ref="${publisher}" type="10"><narrative>Publisher ${publisher}</narrative></reporting-org>
  <title><narrative>Activity ${a.id}</narrative></title>
  <participating-org ref="${publisher}" role="1" type="10"><narrative>Publisher ${publisher}</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2020-01-01" type="2"/>
  ${a.inner ?? ''}
</iati-activity>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">\n${body}\n</iati-activities>\n`;
}

describe('IATI import through the API', () => {
  it('imports a real publisher file, then finds nothing to change on a second import', async () => {
    const first = await post(UNDP);
    expect(first.status).toBe(200);
    const r1 = (await first.json()) as ImportReport;
    expect(r1.status).toBe('committed');
    expect(r1.iati_version).toBe('2.02');
    // Another test file on this database may have imported (and re-imported) the same file first.
    expect(r1.counts.new + r1.counts.changed + r1.counts.unchanged).toBe(5);
    const list = await app.request('/api/v1/activities?q=XM-DAC-41114-OUTPUT-00092080');
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);

    const again = (await (await post(UNDP)).json()) as ImportReport;
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 5, rejected: 0 });
    const run = await app.request(`/api/v1/iati/imports/${again.id}`, {
      headers: coordinator.headers,
    });
    expect(((await run.json()) as { status: string }).status).toBe('committed');
  });

  it('shows a changed value field by field in a dry run and writes nothing', async () => {
    await post(UNDP);
    const changed = UNDP.replace(
      'value-date="2017-06-30">100000<',
      'value-date="2017-06-30">12345.67<',
    );
    expect(changed).not.toBe(UNDP);
    const before = await countActivities();
    const res = await post(changed, '?dry_run=true');
    const r = (await res.json()) as ImportReport;
    expect(r.status).toBe('dry_run');
    expect(r.counts.changed).toBe(1);
    expect(r.changes.find((c) => c.status === 'changed')?.fields.map((f) => f.path)).toContain(
      'budgets[0].value.amount',
    );
    expect(await countActivities()).toBe(before);
    const again = (await (await post(UNDP, '?dry_run=true')).json()) as ImportReport;
    expect(again.counts.changed).toBe(0);
  });

  it('reports each problem with severity, code, activity and line, and rejects only critical activities', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const xml = file(pub, [
      { id: `${pub}-ok` },
      { id: `${pub}-bad`, inner: '<activity-date iso-date="2020-13-45" type="1"/>' },
      { id: '' },
      { id: `${pub}-ok` },
    ]);
    const r = (await (await post(xml)).json()) as ImportReport;
    expect(r.status).toBe('committed');
    expect(r.counts.new).toBeGreaterThanOrEqual(1);
    expect(r.counts.rejected).toBeGreaterThanOrEqual(2);
    const duplicate = r.problems.find((p) => p.code === 'activity.duplicate_identifier');
    expect(duplicate?.activity).toBe(`${pub}-ok`);
    expect(duplicate?.line).toBeGreaterThan(1);
    for (const p of r.problems) {
      expect(['critical', 'error', 'warning']).toContain(p.severity);
      expect(p.code).toMatch(/^[a-z_]+(\.[a-z_0-9]+)+$/);
    }
  });

  it('rejects the whole file with --strict when anything is wrong, storing nothing', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const xml = file(pub, [{ id: `${pub}-a` }, { id: `${pub}-a` }]);
    const before = await countActivities();
    const res = await post(xml, '?strict=true');
    expect(res.status).toBe(422);
    expect(((await res.json()) as ImportReport).status).toBe('rejected');
    expect(await countActivities()).toBe(before);
  });

  it('refuses imports without a token or from an editor', async () => {
    expect((await post(UNDP, '', { 'content-type': 'application/xml' })).status).toBe(401);
    const viewer = await makeUser(db, 'viewer');
    expect((await post(UNDP, '', viewer.headers)).status).toBe(403);
  });

  it('accepts a multipart upload and streams progress events when asked', async () => {
    const form = new FormData();
    form.append('file', new File([UNDP], 'undp.xml', { type: 'application/xml' }));
    const res = await app.request('/api/v1/iati/imports?dry_run=true', {
      method: 'POST',
      headers: {
        authorization: coordinator.headers.authorization ?? '',
        accept: 'text/event-stream',
      },
      body: form,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('event: report');
    const report = JSON.parse(
      /event: report\ndata: (.*)\n/.exec(text)?.[1] ?? '{}',
    ) as ImportReport;
    expect(report.status).toBe('dry_run');
  });
});

describe('IATI import: hostile input stores nothing', () => {
  const cases: [string, string][] = [
    [
      'a DOCTYPE with an external entity',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity>&e;</iati-activity></iati-activities>',
    ],
    [
      'a billion laughs',
      `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${'&' + (i === 0 ? 'a' : 'b'.repeat(i)) + ';'}".repeat(10)}">`).join('')}]><iati-activities version="2.03">&bbbbbbbbb;</iati-activities>`,
    ],
    ['a truncated file', file('XM-TRUNC', [{ id: 'XM-TRUNC-1' }]).slice(0, -60)],
    [
      'a version 1 file',
      '<?xml version="1.0"?><iati-activities version="1.05"><iati-activity><iati-identifier>X-1</iati-identifier></iati-activity></iati-activities>',
    ],
    ['not IATI at all', '<?xml version="1.0"?><html><body>hello</body></html>'],
  ];
  for (const [name, xml] of cases) {
    it(`refuses ${name} with a critical problem`, async () => {
      const before = await countActivities();
      const res = await post(xml);
      const r = (await res.json()) as ImportReport;
      expect(
        r.problems.some((p) => p.severity === 'critical'),
        JSON.stringify(r.problems),
      ).toBe(true);
      expect(r.counts.new).toBe(0);
      expect(await countActivities()).toBe(before);
      if (name === 'a truncated file') expect(r.status).toBe('rejected');
    });
  }

  it('refuses a file in another encoding', async () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><iati-activities version="2.03"><iati-activity><iati-identifier>Pre\u0161evo</iati-identifier></iati-activity></iati-activities>',
      'latin1',
    );
    const res = await app.request('/api/v1/iati/imports', {
      method: 'POST',
      headers: { ...coordinator.headers, 'content-type': 'application/xml' },
      body: latin1,
    });
    const r = (await res.json()) as ImportReport;
    expect(r.problems.map((p) => p.code)).toContain('xml.encoding');
  });
});

describe('IATI import: atomicity', () => {
  it('leaves the registry exactly as it was when the import fails midway', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const xml = file(pub, [{ id: `${pub}-1` }, { id: `${pub}-2` }, { id: `${pub}-3` }]);
    const before = await countActivities();
    const actor = coordinator.actor;
    let seen = 0;
    await expect(
      importIati(db, actor, parsedFile(Readable.from([xml]), { maxBytes: 1e9 }), {
        fileName: 'crash.xml',
        dryRun: false,
        strict: false,
        onProgress: () => {
          if (++seen === 3) throw new Error('simulated crash after two activities were written');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await countActivities()).toBe(before);
    const rows = await db.query('select id from activity where iati_identifier like $1', [
      `${pub}-%`,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('IATI import: batches', () => {
  const tx = (n: number) =>
    `<transaction><transaction-type code="3"/><transaction-date iso-date="2021-0${n}-01"/><value currency="EUR" value-date="2021-0${n}-01">${n}000.50</value></transaction>`;

  it('writes every activity and its rows across several batches, keeping the first of a repeated identifier', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const ids = [1, 2, 3, 4, 5, 6, 7].map((n) => `${pub}-${n}`);
    const xml = file(pub, [
      ...ids.map((id, i) => ({ id, inner: tx(i + 1) + tx(i + 2) })),
      { id: ids[1] ?? '', inner: tx(9) }, // the same identifier again, in a later batch
    ]);
    const r = await importIati(
      db,
      coordinator.actor,
      parsedFile(Readable.from([xml]), { maxBytes: 1e9 }),
      { fileName: 'batches.xml', dryRun: false, strict: false, batchActivities: 2 },
    );
    expect(r.status).toBe('committed');
    expect(r.counts).toMatchObject({ new: 7, rejected: 1 });
    expect(r.problems.map((p) => p.code)).toContain('activity.duplicate_identifier');
    const rows = await db.query<{ iati_identifier: string; n: number; total: string }>(
      `select a.iati_identifier, count(t.id)::int as n, sum(t.value)::text as total
         from activity a join activity_transaction t on t.activity_id = a.id
        where a.iati_identifier like $1 group by a.iati_identifier order by a.iati_identifier`,
      [`${pub}-%`],
    );
    expect(rows.map((x) => x.iati_identifier)).toEqual(ids);
    expect(rows.every((x) => x.n === 2)).toBe(true);
    // The second activity keeps its own transactions (2,000.50 + 3,000.50), not the copy's.
    expect(rows[1]?.total).toBe('5001.00');
    const sources = await db.query<{ n: number }>(
      `select count(*)::int as n from iati_source s join activity a on a.id = s.activity_id
        where a.iati_identifier like $1`,
      [`${pub}-%`],
    );
    expect(sources[0]?.n).toBe(7);
    const again = await importIati(
      db,
      coordinator.actor,
      parsedFile(Readable.from([xml]), { maxBytes: 1e9 }),
      { fileName: 'batches.xml', dryRun: false, strict: false, batchActivities: 3 },
    );
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 7, rejected: 1 });
  });

  it('leaves the registry as it was when the import fails after batches were written', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const xml = file(
      pub,
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `${pub}-${n}`, inner: tx(n) })),
    );
    const before = await countActivities();
    let seen = 0;
    await expect(
      importIati(db, coordinator.actor, parsedFile(Readable.from([xml]), { maxBytes: 1e9 }), {
        fileName: 'crash.xml',
        dryRun: false,
        strict: false,
        batchActivities: 2,
        onProgress: () => {
          // Two batches have been written by now and a third is being written.
          if (++seen === 7) throw new Error('simulated crash after three batches');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await countActivities()).toBe(before);
    const rows = await db.query('select id from activity where iati_identifier like $1', [
      `${pub}-%`,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('IATI import: places and publishers', () => {
  it('links locations to the gazetteer by name in any script, by point and by code', async () => {
    const pub = `XM-TEST-${uniq()}`;
    const xml = file(pub, [
      {
        id: `${pub}-geo`,
        inner: `<location><name><narrative>Прешево</narrative></name></location>
  <location><name><narrative>Somewhere</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>42.46 21.77</pos></point></location>
  <location><name><narrative>Not in the gazetteer</narrative></name></location>`,
      },
    ]);
    const r = (await (await post(xml)).json()) as ImportReport;
    expect(r.counts.new).toBe(1);
    // The municipality each location lies in: the town of Preševo is a settlement of Preševo.
    const rows = await db.query<{ municipality: string | null; kind: string | null }>(
      `select coalesce(m.code, p.code) as municipality, p.kind
         from activity a join activity_location l on l.activity_id = a.id
         left join place p on p.id = l.place_id
         left join place m on m.id = p.parent_id and p.kind = 'settlement'
        where a.iati_identifier = $1 order by l.position`,
      [`${pub}-geo`],
    );
    expect(rows.map((x) => x.municipality)).toEqual(['70963', '70351', null]);
    expect(rows.map((x) => x.kind)).toEqual(['settlement', 'municipality', null]);
    const found = await app.request(`/api/v1/activities?municipality=70963&q=${pub}-geo`);
    expect(((await found.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('links a funder’s record and its implementer’s record of the same money', async () => {
    const funder = `XM-FUND-${uniq()}`;
    const implementer = `XM-IMPL-${uniq()}`;
    const fundedId = `${funder}-P1`;
    const implementedId = `${implementer}-P1`;
    await post(
      file(funder, [
        {
          id: fundedId,
          inner: `<transaction><transaction-type code="3"/><transaction-date iso-date="2021-01-01"/><value value-date="2021-01-01">1000</value><receiver-org ref="${implementer}" receiver-activity-id="${implementedId}"><narrative>Implementer</narrative></receiver-org></transaction>`,
        },
      ]),
    );
    await post(
      file(implementer, [
        {
          id: implementedId,
          inner: `<transaction><transaction-type code="1"/><transaction-date iso-date="2021-01-05"/><value value-date="2021-01-05">1000</value><provider-org ref="${funder}" provider-activity-id="${fundedId}"><narrative>Funder</narrative></provider-org></transaction>`,
        },
      ]),
    );
    const links = await db.query<{ from_id: string; to_id: string; reason: string }>(
      `select f.iati_identifier as from_id, t.iati_identifier as to_id, l.reason from activity_link l
         join activity f on f.id = l.activity_id join activity t on t.id = l.linked_activity_id
        where f.iati_identifier in ($1, $2) order by 1`,
      [fundedId, implementedId],
    );
    expect(links).toContainEqual({
      from_id: implementedId,
      to_id: fundedId,
      reason: 'provider_activity',
    });
    // The funder's file came first; its reference to the implementer's record is linked too.
    expect(links).toContainEqual({
      from_id: fundedId,
      to_id: implementedId,
      reason: 'receiver_activity',
    });
  });
});
