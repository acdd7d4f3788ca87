import { expect, test } from '@playwright/test';
import { createDraft, signIn, switchLanguage, url } from './support.js';

test('two people edit the same record: the second is told what changed and loses nothing', async ({
  browser,
}) => {
  const first = await signIn(browser, 'partner');
  await switchLanguage(first, 'en');
  const id = await createDraft(first, `Shared record ${Date.now()}`, 'Miratovac');

  const second = await signIn(browser, 'coordinator');
  await switchLanguage(second, 'en');
  // Both open version 1.
  await first.goto(url(`/office/activities/${id}`));
  await second.goto(url(`/office/activities/${id}`));

  await first.locator('#title-en').fill('Title by the first person');
  await first.locator('#description-en').fill('Description by the first person');
  await first.locator('#activity-form button[value=save]').first().click();
  await expect(first.locator('.notice')).toContainText('version 2');

  await second.locator('#title-en').fill('Title by the second person');
  await second.locator('#title-sq').fill('Titulli nga personi i dytë');
  await second.locator('#activity-form button[value=save]').first().click();

  const conflict = second.getByTestId('conflict');
  await expect(conflict).toContainText('Someone else saved this record');
  await expect(conflict).toContainText('Description (English): Description by the first person');
  await expect(conflict.locator('table')).toContainText('Title by the first person');
  // The form keeps the second person's changes and takes the first person's elsewhere.
  await expect(second.locator('#title-en')).toHaveValue('Title by the second person');
  await expect(second.locator('#title-sq')).toHaveValue('Titulli nga personi i dytë');
  await expect(second.locator('#description-en')).toHaveValue('Description by the first person');
  await expect(second.locator('#locations-0')).toHaveValue('Miratovac (Preševo)');

  await second.locator('#activity-form button[value=save]').first().click();
  await expect(second.locator('.notice')).toContainText('version 3');
  await expect(second.locator('#description-en')).toHaveValue('Description by the first person');
  await expect(second.locator('#title-sq')).toHaveValue('Titulli nga personi i dytë');

  // The history lists all three versions, and an earlier one can be restored.
  await second.getByRole('link', { name: 'History' }).click();
  await expect(second.locator('main section')).toHaveCount(3);
  await second
    .locator('main section', { hasText: 'version 2' })
    .getByRole('button', { name: /Restore this version/ })
    .click();
  await expect(second.locator('.notice')).toContainText('version 4');
  await expect(second.locator('#title-en')).toHaveValue('Title by the first person');
  await expect(second.locator('#title-sq')).toHaveValue('');
});
