import { Writable } from 'node:stream';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { buildApp } from '../../src/server/app.js';
import { systemClock } from '../../src/server/clock.js';
import { dialectOf } from '../../src/server/db/database.js';
import type { AppContext } from '../../src/server/context.js';
import { smtpTransport } from '../../src/server/modules/mail/mail.transport.js';
import { deliverDueMail } from '../../src/server/modules/mail/mail.service.js';
import { generateKey } from '../../src/server/crypto/health-crypto.js';
import { createTestDatabase } from '../support/database.js';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink.js';

export interface Portal {
  baseUrl: string;
  ctx: AppContext;
  smtp: SmtpSink;
  /** waits until a mail to `address` matching `subject` arrives (the outbox relay runs every 200 ms) */
  waitForMail: (address: string, subject: RegExp, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

/**
 * The real portal (built web app + API) listening on loopback, with a real SMTP server receiving its mail.
 *
 * Two-factor login (issue 11): these journeys sign administrators in with the password alone, so the portal they
 * start does not require a second factor of administrators (`staffMfa.admins: 'optional'`, a setting no environment
 * variable reaches: production always requires it). tests/e2e/security.e2e.ts passes the production rule.
 */
export async function startPortal(opts: { config?: Partial<Config> } = {}): Promise<Portal> {
  const { db, close: closeDb } = await createTestDatabase();
  const smtp = new SmtpSink();
  const smtpUrl = await smtp.start();
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  // the tests' push service listens on loopback (tests/support/fake-push.ts)
  const base = loadConfig({ PUSH_SERVICE_HOSTS: '127.0.0.1' });
  const config: Config = { ...base, demo: false, smtpUrl, healthDataKey: generateKey(), staffMfa: { admins: 'optional', agents: 'optional' }, ...opts.config };
  const ctx: AppContext = {
    config,
    db,
    dialect: dialectOf(db),
    clock: systemClock,
    mailer: smtpTransport(smtpUrl),
    logger: createLogger('warn', sink),
  };
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  config.publicUrl = baseUrl;
  let stopped = false;
  const relay = (async () => {
    while (!stopped) {
      await deliverDueMail(ctx).catch(() => 0);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    baseUrl,
    ctx,
    smtp,
    async waitForMail(address, subject, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const found = smtp.to(address).filter((m) => subject.test(m.subject));
        if (found.length) return found[found.length - 1];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${address} matching ${subject}; got: ${smtp.to(address).map((m) => m.subject).join(' | ')}`);
    },
    async close() {
      stopped = true;
      await relay;
      await app.close();
      ctx.mailer?.close();
      await smtp.stop();
      await closeDb();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export const axeReport: { page: string; violations: number }[] = [];

/** Runs axe (WCAG 2.1 A/AA rules) on the page as it is now; fails listing every violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  axeReport.push({ page: label, violations: result.violations.length });
  if (process.env.AXE_REPORT) appendAxeLine(process.env.AXE_REPORT, page, label, result);
  const readable = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(readable, `axe violations on « ${label} »`).toEqual([]);
}

/**
 * With AXE_REPORT=<file>, each checked state is appended to that file as one JSON line (the test file, the state, its
 * violations, axe's and the browser's versions): `npm run a11y:statement` aggregates the lines into the accessibility
 * statement's summary (src/shared/accessibility/axe-summary.json). Without it nothing is written.
 */
function appendAxeLine(file: string, page: Page, label: string, result: Awaited<ReturnType<AxeBuilder['analyze']>>): void {
  const line = {
    file: path.basename(expect.getState().testPath ?? 'unknown').replace(/\.e2e\.ts$/, ''),
    state: label,
    violations: result.violations.length,
    rules: result.violations.map((v) => v.id),
    axeVersion: result.testEngine.version,
    browser: page.context().browser()?.version() ?? null,
    at: new Date().toISOString(),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** The link in a mail that points at `pagePath` on the portal. */
export function linkIn(mail: ReceivedMail, pagePath: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === pagePath);
  if (!link) throw new Error(`no link to ${pagePath} in « ${mail.subject} »: ${mail.links.join(', ')}`);
  return link;
}

/** A fresh page (its own cookies) in French, at `width` px, that accepts downloads and fails a wait after 10 s. */
export async function openPage(browser: Browser, width = 1024, height = 800): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** A field's label exactly, with or without the asterisk of a mandatory field. */
export function label(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}\\s*\\*?$`);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Signs in from the home page's « Connexion à votre espace » block. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(label('Identifiant (adresse e-mail)')).fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The error summary (in `scope`: the page or a window) is shown, has focus, and lists `atLeast` problems. */
export async function expectErrorSummary(scope: Page | Locator, atLeast: number): Promise<Locator> {
  const summary = scope.getByRole('alert').filter({ hasText: 'Il y a un problème' });
  await summary.waitFor();
  expect(await summary.getByRole('listitem').count()).toBeGreaterThanOrEqual(atLeast);
  await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
  return summary;
}

/** Prints one JSON line: how many page states axe checked in this file, and the violations found. */
export function printAxeSummary(file: string): void {
  const violations = axeReport.reduce((n, r) => n + r.violations, 0);
  console.log(JSON.stringify({ axe: { file, pagesChecked: axeReport.length, violations } }));
}
