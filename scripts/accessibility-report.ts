/**
 * `npm run a11y:statement`: aggregates the browser tests' axe runs into the accessibility statement's summary.
 *
 *   AXE_REPORT=data/axe-report.jsonl npm run test:e2e     # each checked state appended as one JSON line
 *   npm run a11y:statement                                # → src/shared/accessibility/axe-summary.json (committed)
 *
 * The report file is read from AXE_REPORT (default data/axe-report.jsonl). A state checked several times (a file run
 * again) counts once, its latest result. The page « Déclaration d'accessibilité » reads the summary and computes
 * its compliance state from it and the known gaps (src/shared/accessibility/). Prints the summary as JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeSummary } from '../src/shared/accessibility/statement.js';

interface Line {
  file: string;
  state: string;
  violations: number;
  rules: string[];
  axeVersion: string;
  browser: string | null;
  at: string;
}

export function summarize(lines: Line[]): AxeSummary {
  const latest = new Map<string, Line>();
  for (const l of lines) {
    const key = `${l.file}\u0000${l.state}`;
    const seen = latest.get(key);
    if (!seen || seen.at <= l.at) latest.set(key, l);
  }
  const kept = [...latest.values()];
  const last = kept.reduce<Line | null>((a, l) => (!a || l.at > a.at ? l : a), null);
  const areas = new Map<string, { area: string; states: number; violations: number }>();
  for (const l of kept) {
    const a = areas.get(l.file) ?? { area: l.file, states: 0, violations: 0 };
    a.states += 1;
    a.violations += l.violations;
    areas.set(l.file, a);
  }
  return {
    generatedAt: last?.at ?? null,
    axeVersion: last?.axeVersion ?? null,
    browser: last?.browser ?? null,
    statesChecked: kept.length,
    violations: kept.reduce((n, l) => n + l.violations, 0),
    rulesViolated: [...new Set(kept.flatMap((l) => l.rules))].sort(),
    areas: [...areas.values()].sort((a, b) => a.area.localeCompare(b.area)),
  };
}

function main(): void {
  const report = process.env.AXE_REPORT ?? 'data/axe-report.jsonl';
  const text = readFileSync(report, 'utf8');
  const lines = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
  const summary = summarize(lines);
  const out = path.resolve('src/shared/accessibility/axe-summary.json');
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) main();
