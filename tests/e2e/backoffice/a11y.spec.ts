import { expect, test } from '@playwright/test';
import { createDraft, expectAccessible, LOCALES, signIn, switchLanguage, url } from './support.js';

for (const locale of LOCALES) {
  test(`every screen in ${locale} has no serious or critical axe violation`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const partner = await signIn(browser, 'partner');
    await switchLanguage(partner, 'en');
    const id = await createDraft(partner, `Accessible ${Date.now()}`, 'Miratovac');
    await partner.goto(url(`/office/activities/${id}/review`));
    await partner.locator('button[value=submit]').click();
    await expect(partner.getByTestId('publication-status')).toContainText('Submitted');

    const admin = await signIn(browser, 'admin');
    const anonymous = await (await browser.newContext()).newPage();
    const screens: [string, typeof admin][] = [
      ['/office/', admin],
      ['/office/activities/new', admin],
      [`/office/activities/${id}`, admin],
      [`/office/activities/${id}/history`, admin],
      [`/office/activities/${id}/review`, admin],
      ['/office/review', admin],
      ['/office/users', admin],
      ['/office/account', admin],
      ['/office/login', anonymous],
      ['/office/invitation/unknown', anonymous],
    ];
    for (const page of [admin, anonymous]) {
      await page.goto(url('/office/login'));
      await switchLanguage(page, locale);
    }
    for (const [path, page] of screens) {
      await page.goto(url(path));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expectAccessible(page, `${path} in ${locale}`);
    }
  });
}
