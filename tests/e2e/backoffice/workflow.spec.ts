import { expect, test, type Page } from '@playwright/test';
import { signIn, switchLanguage, url } from './support.js';

const TITLE = `Water supply in Biljača ${Date.now()}`;

async function fillProject(page: Page) {
  await page.goto(url('/office/activities/new'));
  await page.locator('#title-en').fill(TITLE);
  await page.locator('#title-sq').fill('Furnizimi me ujë në Bilaç');
  await page.locator('#title-sr-Latn').fill('Vodosnabdevanje u Biljači');
  // The other Serbian script is derived as one types.
  await expect(page.getByTestId('title-cyrl')).toHaveText('Водоснабдевање у Биљачи');
  await page.locator('#planned_start').fill('2026-01-01');
  await page.locator('#planned_end').fill('2027-12-31');

  // Partners: the editor's own organisation is there; add the funder.
  await expect(
    page.locator('select[name="participants.0.organisation_id"] option:checked'),
  ).toHaveText(/UNDP/);
  await page
    .locator('select[name="participants.1.organisation_id"]')
    .selectOption({ label: 'Swiss Agency for Development and Cooperation (SDC)' });
  await page.locator('select[name="participants.1.role"]').selectOption('funding');

  // A place chosen on the map (its pins are buttons, reachable by keyboard too).
  const pin = page.getByRole('region', { name: 'Map of the municipalities' }).getByRole('button', {
    name: 'Biljača (Bujanovac)',
  });
  await pin.focus();
  await pin.press('Enter');
  await expect(page.locator('#locations-0')).toHaveValue('Biljača (Bujanovac)');
  await expect(page.getByTestId('map-chosen')).toContainText('Biljača');

  // Sectors with the live percentage check.
  await page.locator('select[name="sectors.0.code"]').selectOption({ label: 'Infrastructure' });
  await page.locator('input[name="sectors.0.percentage"]').fill('70');
  await expect(page.getByTestId('sector-total')).toHaveClass(/total-bad/);
  await page
    .locator('fieldset', { hasText: 'Sectors' })
    .getByRole('button', { name: 'Add a row' })
    .click();
  await page.locator('select[name="sectors.1.code"]').selectOption({ label: 'Health care' });
  await page.locator('input[name="sectors.1.percentage"]').fill('30');
  await expect(page.getByTestId('sector-total')).toHaveClass(/total-ok/);
  // Rows added through the form keep what was typed before.
  await expect(page.locator('#title-en')).toHaveValue(TITLE);
  await expect(page.locator('#locations-0')).toHaveValue('Biljača (Bujanovac)');

  // Money: a budget row with its currency.
  await page.locator('input[name="budgets.0.period_start"]').fill('2026-01-01');
  await page.locator('input[name="budgets.0.period_end"]').fill('2026-12-31');
  await page.locator('input[name="budgets.0.value"]').fill('150000.50');
  await page.locator('select[name="budgets.0.currency"]').selectOption('EUR');
}

test('a partner editor creates and submits a project; the coordinator publishes it', async ({
  browser,
  request,
}) => {
  const partner = await signIn(browser, 'partner');
  await switchLanguage(partner, 'en');
  await fillProject(partner);
  await partner.locator('#activity-form button[value=save]').first().click();
  await expect(partner.locator('.notice')).toContainText('Saved (version 1)');
  const id = new URL(partner.url()).pathname.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  // What was saved comes back in the form.
  await expect(partner.locator('select[name="sectors.1.code"] option:checked')).toHaveText(
    'Health care',
  );
  await expect(partner.locator('input[name="budgets.0.value"]')).toHaveValue('150000.50');
  await expect(partner.getByTestId('title-cyrl')).toHaveText('Водоснабдевање у Биљачи');

  await partner.getByRole('link', { name: 'Review' }).click();
  await partner.getByRole('button', { name: 'Submit for review' }).click();
  await expect(partner.getByTestId('publication-status')).toContainText('Submitted');

  // Not public yet.
  const before = await request.get(url(`/api/v1/activities/${id}`));
  expect(before.status()).toBe(404);

  const coordinator = await signIn(browser, 'coordinator');
  await switchLanguage(coordinator, 'en');
  await coordinator.goto(url('/office/review'));
  const row = coordinator.locator('tr', { hasText: TITLE });
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(coordinator.locator('.notice')).toContainText('Approved');
  await coordinator
    .locator('tr', { hasText: TITLE })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(coordinator.locator('.notice')).toContainText('Published');
  await expect(coordinator.locator('tr', { hasText: TITLE })).toHaveCount(0);

  const after = await request.get(url(`/api/v1/activities/${id}`));
  expect(after.status()).toBe(200);
  const body = (await after.json()) as {
    publication_status: string;
    participants: { role: string; organisation: { acronym: string | null } }[];
    locations: { place: { names: Record<string, string> } | null }[];
    sectors: { code: string; percentage: string }[];
    budgets: { value: string; currency: string }[];
  };
  expect(body.publication_status).toBe('published');
  expect(body.participants.map((p) => `${p.organisation.acronym}:${p.role}`).sort()).toEqual([
    'SDC:funding',
    'UNDP:implementing',
  ]);
  expect(body.locations[0]?.place?.names['sr-Latn']).toBe('Biljača');
  expect(body.sectors.map((s) => `${s.code}:${Number(s.percentage)}`)).toEqual([
    'infrastructure:70',
    'health:30',
  ]);
  expect(body.budgets).toMatchObject([{ value: '150000.50', currency: 'EUR' }]);

  // The review trail names each step.
  await coordinator.goto(url(`/office/activities/${id}/review`));
  await expect(coordinator.locator('table')).toContainText('submitted');
  await expect(coordinator.locator('table')).toContainText('published');
});

test('a place is found by its name in any script', async ({ browser }) => {
  const partner = await signIn(browser, 'partner');
  await switchLanguage(partner, 'en');
  await partner.goto(url('/office/activities/new'));
  await partner.locator('#title-en').fill(`Cyrillic place ${Date.now()}`);
  await partner.locator('#locations-0').fill('Миратовац');
  await partner.locator('#activity-form button[value=save]').first().click();
  await expect(partner.locator('.notice')).toContainText('Saved');
  await expect(partner.locator('#locations-0')).toHaveValue('Miratovac (Preševo)');
});
