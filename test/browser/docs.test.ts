/**
 * The API docs page (/docs) in headless Chromium: readable on a phone-sized screen as well as on
 * a desktop. Needs Debian's chromium (npm run test:browser).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';
import { launchChromium } from './chromium.ts';
import { screenshot } from './screenshot.ts';

let browser: Browser;
let v: TestVendor;

beforeAll(async () => {
  browser = await launchChromium();
  v = await startTestVendor();
});
afterAll(async () => {
  await browser?.close();
  await v?.close();
});

async function openDocs(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${v.url}/docs`);
  return page;
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('the /docs page', () => {
  it('fits a 420 px wide phone: the contents stack above the page, code scrolls inside itself, the page never sideways', async () => {
    const page = await openDocs(420);
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
      const nav = await box(page, 'nav');
      const main = await box(page, 'main');
      expect(nav.width).toBeLessThanOrEqual(420);
      expect(nav.y + nav.height).toBeLessThanOrEqual(main.y + 1);
      expect(main.width).toBeLessThanOrEqual(420);
      // Wide things scroll within themselves: every code block and table stays inside the screen.
      const tooWide = await page.locator('main pre, main table').evaluateAll((els) =>
        els.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(tooWide).toEqual([]);
      expect(await page.locator('main pre').first().evaluate((pre) => getComputedStyle(pre).overflowX)).toBe('auto');
      await screenshot(page, 'docs-420px');
      await page.locator('main pre').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'docs-420px-code');
    } finally {
      await page.close();
    }
  });

  it('keeps the contents in a sidebar beside the page on a desktop', async () => {
    const page = await openDocs(1280);
    try {
      const nav = await box(page, 'nav');
      const main = await box(page, 'main');
      expect(nav.x + nav.width).toBeLessThanOrEqual(main.x + 1);
      expect(nav.width).toBeLessThan(1280 / 3);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await screenshot(page, 'docs-1280px');
    } finally {
      await page.close();
    }
  });
});
