import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivity } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  municipality,
  SYSTEM,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let viewer: TestUser;
const tag = `exp${uniq()}`;

function parseCsv(text: string): string[][] {
  // Enough of RFC 4180 for these rows: quoted fields with doubled quotes, CRLF line ends.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  viewer = await makeUser(db, 'viewer');
  const funder = await makeOrganisation(db, { kind: 'eu', acronym: `EU${tag}` });
  const presevo = await municipality(db, '70963');
  for (const [i, status] of (['published', 'published', 'draft'] as const).entries()) {
    await createActivity(db, SYSTEM, {
      title: { 'sr-Latn': `Put Preševo ${tag} ${i}, "deo"`, sq: `Rruga Preshevë ${tag} ${i}` },
      status: '2',
      planned_start: '2024-03-01',
      publication_status: status,
      participants: [{ organisation_id: funder.id, role: 'funding' }],
      locations: [{ place_id: presevo.id }],
    });
  }
});

describe('list exports', () => {
  it('gives the filtered activity list as CSV for Excel, published rows only for anonymous callers', async () => {
    const res = await app.request(`/api/v1/activities.csv?q=${tag}&lang=sr-Latn`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="activities-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const header = rows[0] ?? [];
    expect(header).toContain('Naziv');
    expect(header).toContain('Opštine');
    const title = header.indexOf('Naziv');
    const muni = header.indexOf('Opštine');
    const funders = header.indexOf('Donatori');
    const start = header.indexOf('Planirani početak');
    expect(
      rows
        .slice(1)
        .map((r) => r[title])
        .sort(),
    ).toEqual([`Put Preševo ${tag} 0, "deo"`, `Put Preševo ${tag} 1, "deo"`]);
    expect(rows[1]?.[muni]).toBe('Preševo');
    expect(rows[1]?.[funders]).toBe(`EU${tag}`);
    expect(rows[1]?.[start]).toBe('2024-03-01');
  });

  it('shows drafts to signed-in readers and writes XLSX with dates as dates', async () => {
    const res = await app.request(`/api/v1/activities.xlsx?q=${tag}&lang=sq`, {
      headers: viewer.headers,
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Activities');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.rowCount).toBe(4);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const title = header.indexOf('Titulli') + 1;
    const start = header.indexOf('Fillimi i planifikuar') + 1;
    const titles = [2, 3, 4].map((r) => sheet.getRow(r).getCell(title).value).sort();
    expect(titles).toEqual([0, 1, 2].map((i) => `Rruga Preshevë ${tag} ${i}`));
    expect(sheet.getRow(2).getCell(start).value).toEqual(new Date('2024-03-01T00:00:00Z'));
  });

  it('exports organisations with the list filters', async () => {
    const res = await app.request(`/api/v1/organisations.csv?q=EU${tag}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(
      Buffer.from(await res.arrayBuffer())
        .subarray(3)
        .toString('utf8'),
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[rows[0]?.indexOf('Acronym') ?? -1]).toBe(`EU${tag}`);
  });

  it('refuses bad filters with the JSON error before any file starts', async () => {
    const res = await app.request('/api/v1/activities.xlsx?year_from=abc');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain('year_from');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    for (const p of ['activities', 'organisations'])
      for (const f of ['csv', 'xlsx']) expect(doc.paths[`/api/v1/${p}.${f}`]).toBeDefined();
  });
});
