import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n.js';
import { StatusTag } from '../ui/status-message.js';

type AccountStatus = 'pending' | 'active' | 'rejected' | 'disabled';
const ACCOUNT_STATUSES: AccountStatus[] = ['pending', 'active', 'rejected', 'disabled'];

/** The account statuses for a select, capitalised; each label is read in the current language when rendered. */
export const ACCOUNT_STATUS_OPTIONS: { value: AccountStatus; readonly label: string }[] = ACCOUNT_STATUSES.map((value) => ({
  value,
  get label() {
    return i18n.t(`labels:accountStatus.${value}`).replace(/^./, (c) => c.toUpperCase());
  },
}));

const ACCOUNT_TONES = { pending: 'warning', active: 'success', rejected: 'danger', disabled: 'neutral' } as const;

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const { t } = useTranslation('labels');
  return <StatusTag tone={ACCOUNT_TONES[status]}>{t(`accountStatus.${status}`)}</StatusTag>;
}

type OutboxStatus = 'sent' | 'pending' | 'failed' | 'not_sent';
const OUTBOX_TONES = { sent: 'success', pending: 'info', failed: 'danger', not_sent: 'warning' } as const;

export function OutboxStatusTag({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation('labels');
  return <StatusTag tone={OUTBOX_TONES[status]}>{t(`outboxStatus.${status}`)}</StatusTag>;
}
