import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, LOCALES, signIn, switchLanguage, url } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const UNDP = join(ROOT, 'tests/fixtures/iati/undp-serbia/undp-serbia-2017-excerpt.xml');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `backoffice-${name}.png`), fullPage: true });
}

/** Records a meeting through the form and returns its id. */
async function createMeeting(page: Page, title: string): Promise<string> {
  await page.goto(url('/office/meetings/new'));
  await page.locator('#kind').selectOption('meeting');
  await page.locator('#starts_at').fill('2026-03-10T10:00');
  await page.locator('[id="title.en"]').fill(title);
  await page.locator('[id="title.sr-Latn"]').fill(`Sastanak: ${title}`);
  await page.locator('#place_text').fill('Opština Bujanovac, sala 1');
  await page.locator('#participants').fill('Ana Petrović; UNDP; programme officer');
  await page.locator('[id="topic-rights-roma-community"]').check();
  await page.locator('[id="topic-rights-albanian-community"]').check();
  await page.locator('[id="decisions.en"]').fill('Repair the school roof\nReport back in May');
  await page.locator('#meeting-form button[value=save]').click();
  await expect(page.locator('.notice')).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

test('a meeting with an overdue follow-up action shows up in the follow-up view', async ({
  browser,
}) => {
  const page = await signIn(browser, 'coordinator');
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, 'en');
  const title = `Roma inclusion round table ${Date.now()}`;
  const id = await createMeeting(page, title);
  await expect(page.locator('[id="topic-rights-roma-community"]')).toBeChecked();
  await expect(page.locator('[id="decisions.en"]')).toHaveValue(
    'Repair the school roof\nReport back in May',
  );

  const task = `Send the repair estimate ${Date.now()}`;
  await page.locator('[id="action_description.en"]').fill(task);
  await page.locator('#decision_ref').fill('1');
  await page.locator('#due_on').fill('2026-01-15');
  await page.locator('#owner_organisation_id').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add the action' }).click();
  await expect(page.locator('.notice')).toHaveText('The follow-up action is saved.');
  await expect(page.getByTestId('meeting-actions')).toContainText(task);
  await expect(page.locator('[id="action_description.en"]')).toHaveValue('');
  await shot(page, 'meeting');

  await page.getByRole('link', { name: 'Follow-up actions' }).first().click();
  await page.locator('#view-overdue').check();
  await page.getByRole('button', { name: 'Filter' }).click();
  const row = page.getByTestId('actions-table').locator('tr', { hasText: task });
  await expect(row).toContainText(/overdue by \d+ days/);
  await expect(row.getByRole('link', { name: title })).toHaveAttribute(
    'href',
    `/office/meetings/${id}#actions`,
  );
  await shot(page, 'follow-up');

  // Done actions leave the overdue view.
  await page.goto(url(`/office/meetings/${id}`));
  await page.getByLabel(`New status for: ${task}`).selectOption('done');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.locator('.notice')).toHaveText('The follow-up action is saved.');
  await page.goto(url('/office/actions?view=overdue'));
  await expect(page.locator('main')).not.toContainText(task);
  await page.goto(url('/office/meetings'));
  await expect(page.locator('main')).toContainText(title);
  await expect(page.getByTestId('calendar-feed')).toHaveAttribute(
    'href',
    /\/api\/v1\/meetings\.ics/,
  );
  await shot(page, 'meetings');
});

test('a municipality records a local need that has no project yet', async ({ browser }) => {
  const page = await signIn(browser, 'municipality');
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, 'en');
  const title = `Sewage in Sijarinska Banja ${Date.now()}`;
  await page.goto(url('/office/needs/new'));
  await page.locator('#sector').selectOption({ index: 1 });
  await page.locator('[id="title.en"]').fill(title);
  await page.locator('#priority').selectOption('1');
  await page.locator('#estimated_cost').fill('125000');
  await page.getByRole('button', { name: 'Save the need' }).click();
  await expect(page.locator('.notice')).toHaveText('The local need is saved.');
  await page.goto(url('/office/needs?without_activity=true'));
  const row = page.getByTestId('needs-table').locator('tr', { hasText: title });
  await expect(row).toContainText('none yet');
  await expect(row).toContainText('Medve');
  await shot(page, 'needs');
});

test('an IATI file is previewed and imported through the screen', async ({ browser }) => {
  const page = await signIn(browser, 'coordinator');
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, 'en');
  await page.goto(url('/office/iati'));
  await page.locator('#file').setInputFiles(UNDP);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('h1')).toContainText('undp-serbia-2017-excerpt.xml');
  const planned = Number(await page.getByTestId('count-new').last().textContent());
  const changed = Number(await page.getByTestId('count-changed').last().textContent());
  expect(planned + changed).toBeGreaterThan(0);
  await expect(page.locator('h2', { hasText: 'Problems reported' })).toBeVisible();
  await shot(page, 'iati-preview');

  await page.getByRole('button', { name: 'Import this file' }).click();
  await expect(page.getByTestId('import-state')).toContainText('The file is imported.', {
    timeout: 60_000,
  });
  const result = page.getByTestId('import-counts').first();
  await expect(result).toContainText('What the import did');
  expect(Number(await result.getByTestId('count-new').textContent())).toBe(planned);
  await expect(page.getByRole('button', { name: 'Import this file' })).toHaveCount(0);

  // The same file again changes nothing.
  await page.goto(url('/office/iati'));
  await page.locator('#file').setInputFiles(UNDP);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByTestId('count-new')).toHaveText('0');
  await expect(page.getByTestId('count-changed')).toHaveText('0');

  // A changed title is shown field by field before anything is written.
  const edited = readFileSync(UNDP, 'utf8').replace(
    '<narrative>Good Governance</narrative>',
    '<narrative>Good Governance, renamed</narrative>',
  );
  await page.goto(url('/office/iati'));
  await page.locator('#file').setInputFiles({
    name: 'undp-edited.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(edited),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByTestId('count-changed')).toHaveText('1');
  const diff = page.getByTestId('import-changes');
  await expect(diff.locator('del')).toContainText(['Good Governance']);
  await expect(diff.locator('ins')).toContainText(['Good Governance, renamed']);
});

test('the IATI import works without JavaScript', async ({ browser }) => {
  const page = await signIn(browser, 'admin', false);
  await switchLanguage(page, 'en');
  const edited = readFileSync(UNDP, 'utf8').replace(
    '<narrative>Policy Advice for Good Governance outcome</narrative>',
    '<narrative>Policy advice, without JavaScript</narrative>',
  );
  await page.goto(url('/office/iati'));
  await page.locator('#file').setInputFiles({
    name: 'undp-nojs.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(edited),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('h1')).toContainText('undp-nojs.xml');
  await page.getByRole('button', { name: 'Import this file' }).click();
  await expect(page.getByTestId('import-state')).toContainText('The file is imported.', {
    timeout: 60_000,
  });
});

for (const locale of LOCALES) {
  test(`the dialogue, needs, quality and import screens in ${locale} pass axe`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const page = await signIn(browser, 'coordinator');
    await switchLanguage(page, 'en');
    const meeting = await createMeeting(page, `Accessible meeting ${Date.now()}`);
    await page.goto(url('/office/iati'));
    await page.locator('#file').setInputFiles(UNDP);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByTestId('import-counts')).toBeVisible();
    const upload = new URL(page.url()).pathname;
    await switchLanguage(page, locale);
    for (const path of [
      '/office/meetings',
      '/office/meetings/new',
      `/office/meetings/${meeting}`,
      '/office/actions?view=all',
      '/office/needs',
      '/office/needs/new',
      '/office/quality',
      '/office/iati',
      upload,
    ]) {
      await page.goto(url(path));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expectAccessible(page, `${path} in ${locale}`);
    }
    if (locale === 'sq') {
      await page.goto(url('/office/quality'));
      await page.setViewportSize({ width: 1280, height: 800 });
      await shot(page, 'quality-sq');
    }
  });
}
