/**
 * The icons of the planning grid and of the reservations (guide §5.1: « réservation acceptée », « demande de
 * réservation »…). Inline SVG with distinct shapes (never colour alone); decorative by default because the text next
 * to them or the control's name says the same thing; with `label` they become an image with that text alternative.
 */
import type { ReactNode } from 'react';

export type IconKind =
  | 'available'
  | 'accepted'
  | 'requested'
  | 'waitlisted'
  | 'cancel'
  | 'cancel_requested'
  | 'full'
  | 'deadline_passed'
  | 'closed'
  | 'holiday'
  | 'age_not_allowed'
  | 'not_open'
  | 'refused'
  | 'partial';

const PATHS: Record<IconKind, ReactNode> = {
  // issue 17: a dashed circle, not an empty square — the square looked like a check box to tick (« Cochez » on the
  // invoices page invited a click on it)
  available: <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3.3 2.4" />,
  accepted: (
    <>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  requested: (
    <>
      <path d="M6 3h12M6 21h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M7 3c0 5 5 6 5 9s-5 4-5 9h10c0-5-5-6-5-9s5-4 5-9z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M9.5 19h5l-2.5-3z" fill="currentColor" />
    </>
  ),
  waitlisted: (
    <>
      <circle cx="5" cy="6" r="1.8" fill="currentColor" />
      <circle cx="5" cy="12" r="1.8" fill="currentColor" />
      <circle cx="5" cy="18" r="1.8" fill="currentColor" />
      <path d="M10 6h10M10 12h10M10 18h6" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </>
  ),
  cancel: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" fill="currentColor" />
      <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </>
  ),
  cancel_requested: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M5.6 5.6l12.8 12.8" stroke="currentColor" strokeWidth="2.2" />
      <path d="M12 7v5l3 2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  full: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M6 8h12M6 12h12M6 16h12" stroke="currentColor" strokeWidth="2.4" />
    </>
  ),
  deadline_passed: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 7v5h4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M4 20L20 4" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  closed: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M7 12h10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  holiday: (
    <>
      <circle cx="12" cy="12" r="4" fill="currentColor" />
      <path
        d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </>
  ),
  age_not_allowed: (
    <>
      <circle cx="12" cy="6" r="3" fill="currentColor" />
      <path d="M7 21v-6a5 5 0 0110 0v6" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M3 21L21 3" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  not_open: (
    <>
      <rect x="5" y="10" width="14" height="11" rx="2" fill="currentColor" />
      <path d="M8 10V7a4 4 0 018 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  refused: (
    <>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </>
  ),
  partial: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 3a9 9 0 010 18z" fill="currentColor" />
    </>
  ),
};

export function StateIcon({ kind, label, className }: { kind: IconKind; label?: string; className?: string }) {
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true as const };
  return (
    <svg
      {...a11y}
      className={['state-icon', `state-icon--${kind}`, className].filter(Boolean).join(' ')}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      focusable="false"
    >
      {PATHS[kind]}
    </svg>
  );
}
