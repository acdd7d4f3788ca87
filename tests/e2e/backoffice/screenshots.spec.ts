import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createDraft, signIn, switchLanguage, url } from './support.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

async function shot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: join(DIR, `backoffice-${name}.png`), fullPage: true });
}

test('screenshots of the main screens for the documentation', async ({ browser }) => {
  const anonymous = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await anonymous.goto(url('/office/login'));
  await switchLanguage(anonymous, 'en');
  await shot(anonymous, 'sign-in');

  const partner = await signIn(browser, 'partner');
  await partner.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(partner, 'en');
  const id = await createDraft(partner, 'Water supply in Biljača', 'Biljača');
  await partner.locator('#title-sr-Latn').fill('Vodosnabdevanje u Biljači');
  await partner.locator('#title-sq').fill('Furnizimi me ujë në Bilaç');
  await partner.locator('#activity-form button[value=save]').first().click();
  await expect(partner.locator('.notice')).toContainText('version 2');
  await expect(partner.locator('.leaflet-marker-icon').first()).toBeVisible();
  await shot(partner, 'editor');
  await partner.goto(url(`/office/activities/${id}/review`));
  await partner.locator('button[value=submit]').click();
  await expect(partner.getByTestId('publication-status')).toContainText('Submitted');
  await partner.goto(url(`/office/activities/${id}/history`));
  await shot(partner, 'history');
  await partner.goto(url('/office/'));
  await shot(partner, 'activities');

  const coordinator = await signIn(browser, 'coordinator');
  await coordinator.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(coordinator, 'sr-Cyrl');
  await coordinator.goto(url('/office/review'));
  await shot(coordinator, 'review-queue-sr-Cyrl');
});
