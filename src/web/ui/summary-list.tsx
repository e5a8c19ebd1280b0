import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

/** A definition list of label → value rows (a read-only view of a record). Empty values read « Non renseigné ». */
export function SummaryList({ rows }: { rows: [label: string, value: ReactNode][] }) {
  const { t } = useTranslation('common');
  return (
    <dl className="summary-list">
      {rows.map(([label, value]) => (
        <div className="summary-list__row" key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span className="muted">{t('notGiven')}</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
