import summary from './axe-summary.json';
import { KNOWN_GAPS } from './known-gaps.js';

/** The aggregate of the browser tests' axe runs (scripts/accessibility-report.ts writes axe-summary.json). */
export interface AxeSummary {
  /** when the runs were made (the latest), ISO */
  generatedAt: string | null;
  axeVersion: string | null;
  browser: string | null;
  statesChecked: number;
  violations: number;
  /** rule ids that failed at least once */
  rulesViolated: string[];
  /** per e2e file (« quotient » for tests/e2e/quotient.e2e.ts) */
  areas: { area: string; states: number; violations: number }[];
}

export type ComplianceState = 'total' | 'partial' | 'none';

/**
 * The RGAA compliance state the statement declares: « non conforme » without any test result, « partiellement
 * conforme » while a violation was found or a known gap is listed, « totalement conforme » otherwise.
 */
export function complianceState(s: Pick<AxeSummary, 'statesChecked' | 'violations'>, knownGaps: number): ComplianceState {
  if (s.statesChecked === 0) return 'none';
  if (s.violations > 0 || knownGaps > 0) return 'partial';
  return 'total';
}

export const AXE_SUMMARY: AxeSummary = summary as AxeSummary;
export const STATEMENT_STATE: ComplianceState = complianceState(AXE_SUMMARY, KNOWN_GAPS.length);
