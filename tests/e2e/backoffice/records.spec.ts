import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createDraft, expectAccessible, LOCALES, signIn, switchLanguage, url } from './support.js';

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `backoffice-${name}.png`), fullPage: true });
}

/** A small file that is a PDF by its bytes. */
function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** The project of the walk: partners, a place on the map, sectors. */
async function createProject(page: Page, title: string): Promise<string> {
  await page.goto(url('/office/activities/new'));
  await page.locator('#title-en').fill(title);
  await page.locator('#title-sr-Latn').fill('Škola u Biljači');
  await page.locator('#default_currency').selectOption('EUR');
  await page
    .locator('select[name="participants.1.organisation_id"]')
    .selectOption({ label: 'Swiss Agency for Development and Cooperation (SDC)' });
  await page.locator('select[name="participants.1.role"]').selectOption('funding');
  const pin = page.getByRole('region', { name: 'Map of the municipalities' }).getByRole('button', {
    name: 'Biljača (Bujanovac)',
  });
  await pin.focus();
  await pin.press('Enter');
  await expect(page.locator('#locations-0')).toHaveValue('Biljača (Bujanovac)');
  await page.locator('select[name="sectors.0.code"]').selectOption({ label: 'Education' });
  await page.locator('input[name="sectors.0.percentage"]').fill('100');
  await page.locator('#activity-form button[value=save]').first().click();
  await expect(page.locator('.notice')).toContainText('Saved (version 1)');
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

test('a partner editor records money, a result and a document; once published the public API has them', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const title = `School in Biljača ${Date.now()}`;
  const partner = await signIn(browser, 'partner');
  await switchLanguage(partner, 'en');
  const id = await createProject(partner, title);

  // Money: a budget and a transaction in another currency, saved together.
  await partner
    .getByRole('navigation', { name: 'Parts of the activity' })
    .getByRole('link', { name: 'Money' })
    .click();
  await expect(partner.locator('h1')).toContainText('Money');
  await partner.locator('#budgets-0-period_start').fill('2026-01-01');
  await partner.locator('#budgets-0-period_end').fill('2026-12-31');
  await partner.locator('#budgets-0-value').fill('120000');
  await partner.locator('#transactions-0-type').selectOption({ label: 'Disbursement' });
  await partner.locator('#transactions-0-date').fill('2026-03-15');
  await partner.locator('#transactions-0-value').fill('25 000,50');
  await partner.locator('#transactions-0-currency').selectOption('USD');
  await partner
    .locator('#transactions-0-provider_org')
    .selectOption({ label: 'Swiss Agency for Development and Cooperation (SDC)' });
  await partner.locator('#transactions-0-receiver_name').fill('Municipality of Bujanovac');
  await partner.locator('#money-form button[value=save]').first().click();
  await expect(partner.locator('.notice')).toContainText('Saved (version 2)');
  await expect(partner.locator('#transactions-0-value')).toHaveValue('25000.50');
  // Totals in EUR, and the USD row converted with the rate it used, cited.
  const totals = partner.getByTestId('money-totals');
  await expect(totals.locator('tr', { hasText: 'Budget' })).toContainText('120,000.00');
  await expect(partner.getByTestId('money-transactions')).toContainText('USD:');
  await expect(partner.getByTestId('money-transactions')).toContainText('per EUR');

  // Bad rows: nothing is saved, and each problem is named beside its row and field.
  await partner.locator('#budgets-1-period_start').fill('2027-12-31');
  await partner.locator('#budgets-1-period_end').fill('2027-01-01');
  await partner.locator('#budgets-1-value').fill('5');
  await partner.locator('#transactions-0-remove').check();
  await partner.locator('#transactions-1-date').fill('2026-04-01');
  await partner.locator('#transactions-1-value').fill('lots');
  await partner.locator('#money-form button[value=save]').first().click();
  await expect(partner.getByTestId('form-errors')).toContainText('Nothing was saved');
  await expect(partner.locator('#budgets-1-period_end-error')).toContainText('before');
  await expect(partner.locator('#transactions-1-value-error')).toBeVisible();
  await expect(partner.locator('#budgets-1-period_end')).toHaveAttribute('aria-invalid', 'true');
  await partner.goto(url(`/office/activities/${id}/money`));
  await expect(partner.locator('#transactions-0-value')).toHaveValue('25000.50');
  await expect(partner.locator('#budgets-1-value')).toHaveValue('');

  // A result with an indicator and a period, its target and actual for a place.
  await partner.goto(url(`/office/activities/${id}/results`));
  await partner.getByRole('link', { name: 'New result' }).click();
  await partner.locator('#result-type').selectOption({ label: 'Output' });
  await partner.locator('#title-en').fill('Classrooms renovated');
  await partner.locator('#title-sr-Latn').fill('Obnovljene učionice');
  await expect(partner.locator('#result-form .derived').first()).toHaveText('Обновљене учионице');
  await partner.locator('[id="indicators-0-title-en"]').fill('Classrooms in use');
  await partner.locator('#ind-0-unit').fill('classrooms');
  await partner.locator('input[name="indicators.0.rows.0.period_start"]').fill('2026-01-01');
  await partner.locator('input[name="indicators.0.rows.0.period_end"]').fill('2026-12-31');
  await partner
    .locator('select[name="indicators.0.rows.0.place"]')
    .selectOption({ label: 'Biljača (Bujanovac)' });
  await partner.locator('input[name="indicators.0.rows.0.target"]').fill('6');
  await partner.locator('input[name="indicators.0.rows.0.actual"]').fill('4');
  await partner.locator('#result-form button[value=save]').first().click();
  await expect(partner.locator('.notice')).toContainText('The result is saved');
  const indicator = partner.getByTestId('indicator');
  await expect(indicator).toContainText('Classrooms in use (classrooms)');
  await expect(indicator.locator('tbody tr')).toContainText(['Biljača (Bujanovac)']);
  await shot(partner, 'results');

  // A document by upload; the wrong kind of file and one too large are refused with a message.
  await partner.goto(url(`/office/activities/${id}/documents`));
  await partner.locator('#doc-file').setInputFiles({
    name: 'plan.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('plan'),
  });
  await partner.locator('#doc-title-en').fill('Renovation plan');
  await partner.locator('#doc-title-sq').fill('Plani i renovimit');
  await partner.locator('#doc-category').selectOption('A07');
  await partner.locator('#doc-lang-en').check();
  await partner.locator('#doc-date').fill('2026-02-01');
  await partner.getByRole('button', { name: 'Upload' }).click();
  await expect(partner.locator('.notice')).toContainText('The document is uploaded');
  const link = partner.getByRole('link', { name: 'Download plan.pdf' });
  await expect(link).toBeVisible();
  const file = await partner.request.get(url((await link.getAttribute('href')) ?? ''));
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await partner.locator('#doc-file').setInputFiles({
    name: 'notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('just text, not a PDF'),
  });
  await partner.getByRole('button', { name: 'Upload' }).click();
  await expect(partner.getByTestId('upload-error')).toContainText('not accepted');
  await partner.locator('#doc-file').setInputFiles({
    name: 'big.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([pdf('big'), Buffer.alloc(4 * 1024 * 1024, 32)]),
  });
  await partner.getByRole('button', { name: 'Upload' }).click();
  await expect(partner.getByTestId('upload-error')).toContainText('too large');
  await expect(partner.getByTestId('documents').locator('tbody tr')).toHaveCount(1);

  // Submit; the coordinator approves and publishes.
  await partner.goto(url(`/office/activities/${id}/review`));
  await partner.getByRole('button', { name: 'Submit for review' }).click();
  await expect(partner.getByTestId('publication-status')).toContainText('Submitted');
  const coordinator = await signIn(browser, 'coordinator');
  await switchLanguage(coordinator, 'en');
  await coordinator.goto(url('/office/review'));
  await coordinator
    .locator('tr', { hasText: title })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(coordinator.locator('.notice')).toContainText('Approved');
  await coordinator
    .locator('tr', { hasText: title })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(coordinator.locator('.notice')).toContainText('Published');

  // The public API shows the money and the result.
  const tx = (await (await request.get(url(`/api/v1/activities/${id}/transactions`))).json()) as {
    items: {
      type: string;
      value: string;
      currency: string;
      receiver: { name: Record<string, string> };
    }[];
  };
  expect(tx.items).toMatchObject([{ type: '3', value: '25000.50', currency: 'USD' }]);
  expect(tx.items[0]?.receiver.name.en).toBe('Municipality of Bujanovac');
  const money = (await (
    await request.get(url(`/api/v1/activities/${id}/money?currency=EUR`))
  ).json()) as { measures: Record<string, { value: string; rows: number }> };
  expect(money.measures.budget).toMatchObject({ value: '120000.00', rows: 1 });
  expect(money.measures.disbursement?.rows).toBe(1);
  const results = (await (await request.get(url(`/api/v1/activities/${id}/results`))).json()) as {
    items: {
      title: Record<string, string>;
      indicators: { periods: { targets: { value: string }[]; actuals: { value: string }[] }[] }[];
    }[];
  };
  expect(results.items[0]?.title.en).toBe('Classrooms renovated');
  expect(results.items[0]?.indicators[0]?.periods[0]).toMatchObject({
    targets: [{ value: '6' }],
    actuals: [{ value: '4' }],
  });
  const docs = (await (await request.get(url(`/api/v1/activities/${id}/documents`))).json()) as {
    items: { file_name: string; category: string }[];
  };
  expect(docs.items).toMatchObject([{ file_name: 'plan.pdf', category: 'A07' }]);
});

test('organisations: a partner editor changes only their own; the office creates them', async ({
  browser,
}) => {
  const partner = await signIn(browser, 'partner');
  await switchLanguage(partner, 'en');
  await partner.getByRole('link', { name: 'Organisations' }).click();
  await partner.locator('#org-q').fill('UNDP');
  await partner.getByRole('button', { name: 'Filter' }).click();
  await partner
    .getByTestId('organisations')
    .getByRole('link', { name: /United Nations Development/ })
    .click();
  await expect(partner.getByTestId('read-only')).toHaveCount(0);
  await partner.locator('#org-name-sr-Latn').fill('Program Ujedinjenih nacija za razvoj u Srbiji');
  await expect(partner.getByTestId('org-name-cyrl')).toHaveText(
    'Програм Уједињених нација за развој у Србији',
  );
  await expect(partner.locator('#org-kind')).toBeDisabled();
  await partner.locator('#org-form button[type=submit]').click();
  await expect(partner.locator('.notice')).toContainText('Saved');
  await expect(partner.getByTestId('org-name-cyrl')).toHaveText(
    'Програм Уједињених нација за развој у Србији',
  );

  // Someone else's organisation: shown, not editable.
  await partner.goto(url('/office/organisations?q=SDC'));
  await partner
    .getByTestId('organisations')
    .getByRole('link', { name: /Swiss Agency/ })
    .click();
  await expect(partner.getByTestId('read-only')).toBeVisible();
  await expect(partner.locator('#org-name-en')).toBeDisabled();
  await expect(partner.getByRole('link', { name: 'New organisation' })).toHaveCount(0);

  const coordinator = await signIn(browser, 'coordinator');
  await switchLanguage(coordinator, 'en');
  await coordinator.goto(url('/office/organisations/new'));
  const ref = `XM-TEST-${Date.now()}`;
  await coordinator.locator('#org-name-en').fill('Roma Women’s Network');
  await coordinator.locator('#org-name-sq').fill('Rrjeti i Grave Rome');
  await coordinator.locator('#org-name-sr-Latn').fill('Mreža romskih žena');
  await coordinator.locator('#org-iati_ref').fill('bad ref with spaces');
  await coordinator.locator('#org-iati_type').selectOption('22');
  await coordinator.locator('#org-form button[type=submit]').click();
  await expect(coordinator.locator('#iati_ref-error')).toBeVisible();
  await coordinator.locator('#org-iati_ref').fill(ref);
  await coordinator.locator('#org-form button[type=submit]').click();
  await expect(coordinator.locator('.notice')).toContainText('Saved (version 1)');
  await expect(coordinator.getByTestId('org-name-cyrl')).toHaveText('Мрежа ромских жена');
  await shot(coordinator, 'organisation');
});

for (const locale of LOCALES) {
  test(`the money, results, documents and organisation screens in ${locale} pass axe`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const partner = await signIn(browser, 'partner');
    await switchLanguage(partner, 'en');
    const id = await createDraft(partner, `Accessible records ${Date.now()}`, 'Miratovac');
    if (locale === 'en') {
      await partner.setViewportSize({ width: 1280, height: 800 });
      await partner.goto(url(`/office/activities/${id}/money`));
      await partner.locator('#budgets-0-period_start').fill('2026-01-01');
      await partner.locator('#budgets-0-period_end').fill('2026-12-31');
      await partner.locator('#budgets-0-value').fill('80000');
      await partner.locator('#transactions-0-date').fill('2026-05-01');
      await partner.locator('#transactions-0-value').fill('1500000');
      await partner.locator('#transactions-0-currency').selectOption('RSD');
      await partner.locator('#money-form button[value=save]').first().click();
      await expect(partner.locator('.notice')).toBeVisible();
      await shot(partner, 'money');
      await partner.goto(url(`/office/activities/${id}/documents`));
      await shot(partner, 'documents');
    }
    await switchLanguage(partner, locale);
    const screens = [
      `/office/activities/${id}/money`,
      `/office/activities/${id}/results?edit=new`,
      `/office/activities/${id}/documents`,
      '/office/organisations',
    ];
    for (const path of screens) {
      await partner.goto(url(path));
      await expect(partner.locator('html')).toHaveAttribute('lang', locale);
      await expectAccessible(partner, `${path} in ${locale}`);
    }
    const coordinator = await signIn(browser, 'coordinator');
    await coordinator.goto(url('/office/organisations/new'));
    await switchLanguage(coordinator, locale);
    await expectAccessible(coordinator, `/office/organisations/new in ${locale}`);
  });
}

test('money, results and documents work before JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, 'partner', false);
  await switchLanguage(page, 'sr-Latn');
  const id = await createDraft(page, `Bez JavaScript-a ${Date.now()}`, 'Miratovac');

  await page.goto(url(`/office/activities/${id}/money`));
  await page.locator('#budgets-0-period_start').fill('2026-01-01');
  await page.locator('#budgets-0-period_end').fill('2026-12-31');
  await page.locator('#budgets-0-value').fill('1000');
  // "Add a row" keeps what was typed and adds a row.
  await page
    .locator('fieldset', { hasText: 'Budžeti' })
    .getByRole('button', { name: 'Dodaj red' })
    .click();
  await expect(page.locator('#budgets-0-value')).toHaveValue('1000');
  await page.locator('#budgets-1-period_start').fill('2027-01-01');
  await page.locator('#budgets-1-period_end').fill('2027-12-31');
  await page.locator('#budgets-1-value').fill('2000');
  await page.locator('#money-form button[value=save]').first().click();
  await expect(page.locator('.notice')).toContainText('Sačuvano');
  await expect(page.getByTestId('money-totals').locator('tr', { hasText: 'Budžet' })).toContainText(
    '3.000,00',
  );

  await page.goto(url(`/office/activities/${id}/results?edit=new`));
  await page.locator('#title-sr-Latn').fill('Obnovljen put');
  await page.locator('[id="indicators-0-title-sr-Latn"]').fill('Kilometri puta');
  await page.locator('input[name="indicators.0.rows.0.period_start"]').fill('2026-01-01');
  await page.locator('input[name="indicators.0.rows.0.period_end"]').fill('2026-12-31');
  await page.locator('input[name="indicators.0.rows.0.target"]').fill('12');
  await page.locator('#result-form button[value=save]').first().click();
  // The service's rule, named in the page's language, and nothing typed is lost.
  await expect(page.getByTestId('form-errors')).toContainText('Indikator 1 › Jedinica mere');
  await expect(page.locator('input[name="indicators.0.rows.0.target"]')).toHaveValue('12');
  await page.locator('#ind-0-unit').fill('km');
  await page.locator('#result-form button[value=save]').first().click();
  await expect(page.locator('.notice')).toContainText('Rezultat je sačuvan');
  await expect(page.getByTestId('indicator')).toContainText('Kilometri puta');

  await page.goto(url(`/office/activities/${id}/documents`));
  await page.locator('#doc-file').setInputFiles({
    name: 'izvestaj.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('izvestaj'),
  });
  await page.locator('#doc-title-sr-Latn').fill('Izveštaj');
  await page.getByRole('button', { name: 'Otpremi' }).click();
  await expect(page.locator('.notice')).toContainText('Dokument je otpremljen');
  await expect(page.getByTestId('documents')).toContainText('Izveštaj');
});
