// Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core: no browser download.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请先 apt-get install chromium（.ci/run 会自动安装）`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where screenshots go (git-ignored; CI keeps them as artifacts). */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Opens a window's console and signs in as its A post (first-use PIN), until the live connection is up. */
export async function signInConsole(page: Page, url: string, windowNo: number): Promise<void> {
  await page.goto(`${url}/console/${windowNo}`);
  await page.fill('input[name=staffId]', `w${windowNo}a`);
  await page.fill('input[name=pin]', '246810');
  await page.keyboard.press('Enter');
  await page.locator('.conn.ok').waitFor();
}

/** The applicant the console's acceptance form asks for (issue 24 ⑦): a typed name and phone. */
export async function fillApplicant(
  scope: import('playwright-core').Locator,
  applicant: { name: string; phone: string } = { name: '张小三', phone: '13812341234' },
): Promise<void> {
  await scope.locator('input[name=applicantName]').fill(applicant.name);
  await scope.locator('input[name=applicantPhone]').fill(applicant.phone);
}
