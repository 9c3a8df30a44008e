import { chromium, type Browser } from 'playwright-core';
import type { TestApp } from './test-app';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The test app listening on a free loopback port, and a headless Chromium to open it in. */
export async function servedToChromium(t: TestApp): Promise<{ base: string; browser: Browser }> {
  await t.app.listen(0, '127.0.0.1');
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { base, browser: await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }) };
}

/** Signs in to the console with a token through its form; the session cookie, or the refused answer. */
export async function consoleSignIn(t: TestApp, token: string): Promise<{ cookie: string | null; status: number; text: string }> {
  const form = await t.http().get('/console/sign-in');
  const preCookie = String(form.headers['set-cookie']?.[0] ?? '').split(';')[0];
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1];
  const res = await t.http().post('/console/sign-in').set('Cookie', preCookie).type('form').send({ csrf, token, next: '/console/overview' });
  const session = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('dvc_console='));
  return { cookie: session ? session.split(';')[0] : null, status: res.status, text: res.text };
}

/** The figures of one row of an overview table (data-key), by column (data-col), as numbers. */
export function overviewRow(html: string, section: string, key: string): Record<string, number | string> {
  const table = html.slice(html.indexOf(`id="${section}"`));
  const row = new RegExp(`<tr[^>]*data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</tr>`).exec(table);
  if (!row) throw new Error(`no row ${key} in ${section}`);
  const cells: Record<string, number | string> = {};
  for (const [, col, value] of row[1].matchAll(/data-col="([A-Za-z]+)">([^<]*)</g)) {
    cells[col] = col === 'onTimeRate' ? value : Number(value.replace(/\./g, ''));
  }
  return cells;
}
