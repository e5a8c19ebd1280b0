import { describe, expect, it } from 'vitest';
import { AXE_SUMMARY, complianceState, STATEMENT_STATE } from './statement.js';
import { KNOWN_GAPS } from './known-gaps.js';

describe('the accessibility statement’s compliance state', () => {
  it('is « non conforme » without test results, partial with a violation or a known gap, total otherwise', () => {
    expect(complianceState({ statesChecked: 0, violations: 0 }, 0)).toBe('none');
    expect(complianceState({ statesChecked: 12, violations: 1 }, 0)).toBe('partial');
    expect(complianceState({ statesChecked: 12, violations: 0 }, 2)).toBe('partial');
    expect(complianceState({ statesChecked: 12, violations: 0 }, 0)).toBe('total');
  });

  it('the committed summary adds up and the page declares the state it computes', () => {
    expect(AXE_SUMMARY.areas.reduce((n, a) => n + a.states, 0)).toBe(AXE_SUMMARY.statesChecked);
    expect(AXE_SUMMARY.areas.reduce((n, a) => n + a.violations, 0)).toBe(AXE_SUMMARY.violations);
    expect(STATEMENT_STATE).toBe(complianceState(AXE_SUMMARY, KNOWN_GAPS.length));
  });
});
