import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { PASSWORD, USERS } from './server.js';

export function base(): string {
  const url = process.env.KOORDINATA_E2E_URL;
  if (!url) throw new Error('KOORDINATA_E2E_URL is not set: run through the Playwright config');
  return url;
}

export function url(path: string): string {
  return base() + path;
}

export type Who = keyof typeof USERS;

/** Signs in through the form, as a person would, in a browser context of its own. */
export async function signIn(browser: Browser, who: Who, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(url('/office/login'));
  await page.locator('#email').fill(USERS[who].email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('main button[type=submit]').click();
  await expect(page.locator('header form.signout')).toBeVisible();
  return page;
}

/** Switches the interface language with the switch on every page. */
export async function switchLanguage(page: Page, locale: string): Promise<void> {
  await page.locator('#locale-select').selectOption(locale);
  await page.locator('form.lang button[type=submit]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** axe-core's WCAG 2.1 A and AA rules: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `${what}: serious or critical accessibility violations`,
  ).toEqual([]);
}

export const LOCALES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;

/** Creates a draft through the editor with a title and a place typed by name; returns its id. */
export async function createDraft(page: Page, title: string, place: string): Promise<string> {
  await page.goto(url('/office/activities/new'));
  await page.locator('#title-en').fill(title);
  await page.locator('#locations-0').fill(place);
  await page.locator('#activity-form button[value=save]').first().click();
  await expect(page.locator('.notice')).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}
