import { expect, test } from '@playwright/test';
import { signIn, switchLanguage, url } from './support.js';

test('forms work before JavaScript: sign in, add a row, save', async ({ browser }) => {
  const page = await signIn(browser, 'partner', false);
  await switchLanguage(page, 'sq');
  await page.goto(url('/office/activities/new'));
  await expect(page.locator('h1')).toHaveText('Aktivitet i ri');
  const title = `Pa JavaScript ${Date.now()}`;
  await page.locator('#title-sq').fill(title);
  await page.locator('#locations-0').fill('biljaca');
  await page.locator('select[name="sectors.0.code"]').selectOption({ label: 'Arsimi' });
  await page.locator('input[name="sectors.0.percentage"]').fill('100');
  await page.locator('fieldset', { hasText: 'Partnerët' }).getByRole('button').click();
  await expect(page.locator('select[name="participants.1.organisation_id"]')).toBeVisible();
  await expect(page.locator('#title-sq')).toHaveValue(title);
  await page.locator('#activity-form button[value=save]').first().click();
  await expect(page.locator('.notice')).toContainText('U ruajt');
  await expect(page.locator('#locations-0')).toHaveValue('Biljača (Bujanoc)');
  // A wrong percentage is explained in the page's language and nothing typed is lost.
  await page.locator('input[name="sectors.0.percentage"]').fill('60');
  await page.locator('#activity-form button[value=save]').first().click();
  await expect(page.getByTestId('form-errors')).toContainText('Sektorët');
  await expect(page.locator('input[name="sectors.0.percentage"]')).toHaveValue('60');
});
