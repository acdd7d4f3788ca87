import { expect, test } from '@playwright/test';
import { createDraft, signIn, switchLanguage, url } from './support.js';

test("a municipality editor is refused another municipality's record", async ({ browser }) => {
  const partner = await signIn(browser, 'partner');
  await switchLanguage(partner, 'en');
  const title = `Bujanovac school ${Date.now()}`;
  const id = await createDraft(partner, title, 'Biljača');

  const medvedja = await signIn(browser, 'municipality');
  await switchLanguage(medvedja, 'en');
  await medvedja.goto(url(`/office/activities/${id}`));
  await expect(medvedja.getByTestId('read-only')).toContainText(
    'may read this record but not change it',
  );
  await expect(medvedja.locator('#activity-form button[value=save]')).toHaveCount(0);

  // Posting the form anyway is refused by the server, and nothing changes.
  const csrf = await medvedja.locator('input[name=_csrf]').first().inputValue();
  const res = await medvedja.request.post(url(`/office/activities/${id}`), {
    form: { _csrf: csrf, version: '1', intent: 'save', 'title.en': 'Taken over' },
  });
  expect(res.status()).toBe(403);
  await partner.goto(url(`/office/activities/${id}`));
  await expect(partner.locator('#title-en')).toHaveValue(title);

  // And a form without the session's CSRF token is refused before it reaches the editor.
  const forged = await medvedja.request.post(url(`/office/activities/${id}`), {
    form: { _csrf: 'x'.repeat(43), version: '1', intent: 'save', 'title.en': 'Forged' },
  });
  expect(forged.status()).toBe(403);
});
