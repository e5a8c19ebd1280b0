import { ACCOUNT_STATUS_LABELS, OUTBOX_STATUS_LABELS } from '../i18n/fr.js';
import { StatusTag } from '../ui/status-message.js';

type AccountStatus = keyof typeof ACCOUNT_STATUS_LABELS;

export const ACCOUNT_STATUS_OPTIONS = (Object.keys(ACCOUNT_STATUS_LABELS) as AccountStatus[]).map((value) => ({
  value,
  label: ACCOUNT_STATUS_LABELS[value].replace(/^./, (c) => c.toUpperCase()),
}));

const ACCOUNT_TONES = { pending: 'warning', active: 'success', rejected: 'danger', disabled: 'neutral' } as const;

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  return <StatusTag tone={ACCOUNT_TONES[status]}>{ACCOUNT_STATUS_LABELS[status]}</StatusTag>;
}

type OutboxStatus = keyof typeof OUTBOX_STATUS_LABELS;
const OUTBOX_TONES = { sent: 'success', pending: 'info', failed: 'danger', not_sent: 'warning' } as const;

export function OutboxStatusTag({ status }: { status: OutboxStatus }) {
  return <StatusTag tone={OUTBOX_TONES[status]}>{OUTBOX_STATUS_LABELS[status]}</StatusTag>;
}
