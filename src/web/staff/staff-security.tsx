import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../shared/contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useRowAction } from '../ui/use-row-action.js';

const REQUIREMENTS = ['default', 'required', 'optional'] as const;

/**
 * On the staff accounts page (administrators, issue 11): who has which second factor, the rule for each agent
 * (the default of STAFF_MFA_AGENTS, or required / optional for that agent), and a reset of a colleague's factors.
 */
export function StaffFactorsSection({ accounts, meId }: { accounts: StaffAccount[]; meId: string | undefined }) {
  const { t } = useTranslation('security');
  const factors = useResource('security.staffFactors');
  const action = useRowAction();
  const [resetting, setResetting] = useState<StaffAccount | null>(null);
  const byId = new Map((factors.data ?? []).map((f) => [f.accountId, f]));

  function setRule(a: StaffAccount, requirement: (typeof REQUIREMENTS)[number]) {
    void action.run(a.id, async () => {
      await call('security.setRequirement', { params: { accountId: a.id }, body: { requirement } });
      return t('staffAccounts.requirementSaved', { name: a.displayName });
    }, factors.reload);
  }

  function reset() {
    const a = resetting;
    if (!a) return;
    void action.run(a.id, async () => {
      await call('security.reset', { params: { accountId: a.id } });
      setResetting(null);
      return t('staffAccounts.resetDone', { name: a.displayName });
    }, factors.reload);
  }

  return (
    <section aria-labelledby="staff-mfa-title">
      <h2 id="staff-mfa-title">{t('staffAccounts.heading')}</h2>
      <p>{t('staffAccounts.intro')}</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={factors.loading && factors.data === null} error={factors.error} />
      {factors.data && (
        <Table caption={t('staffAccounts.caption')} head={[t('staffAccounts.name'), t('staffAccounts.factors'), t('staffAccounts.rule'), t('staffAccounts.actions')]}>
          {accounts.map((a) => {
            const f = byId.get(a.id);
            if (!f) return null;
            const methods = [f.totp ? t('staffAccounts.totp') : null, f.passkeys ? t('staffAccounts.passkeys', { count: f.passkeys }) : null].filter(Boolean).join(', ');
            return (
              <tr key={a.id}>
                <td>{a.displayName}</td>
                <td>{methods || <span className="muted">{t('staffAccounts.noFactor')}</span>}</td>
                <td>
                  {a.role === 'admin' ? (
                    t('staffAccounts.adminRule')
                  ) : (
                    <>
                      <StatusTag tone={f.required ? 'info' : 'neutral'}>{f.required ? t('staffAccounts.requiredTag') : t('staffAccounts.optionalTag')}</StatusTag>
                      <SelectField
                        name={`mfa-rule-${a.id}`}
                        label={t('staffAccounts.requirementLabel', { name: a.displayName })}
                        value={f.requirement}
                        onValueChange={(v) => setRule(a, v as (typeof REQUIREMENTS)[number])}
                        options={REQUIREMENTS.map((r) => ({ value: r, label: t(`staffAccounts.requirement.${r}`) }))}
                        disabled={action.busyId === a.id}
                      />
                    </>
                  )}
                </td>
                <td>
                  {a.id !== meId && (f.totp || f.passkeys > 0) && (
                    <Button variant="warning" className="button--small" busy={action.busyId === a.id} onClick={() => setResetting(a)}>
                      <Trans t={t} i18nKey="staffAccounts.reset" values={{ name: a.displayName }} components={{ hidden: <span className="visually-hidden" /> }} />
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <ConfirmDialog
        title={resetting ? t('staffAccounts.resetTitle', { name: resetting.displayName }) : ''}
        isOpen={resetting !== null}
        confirmLabel={t('staffAccounts.resetConfirm')}
        onConfirm={reset}
        onCancel={() => setResetting(null)}
        busy={action.busyId !== null}
      >
        <p>{t('staffAccounts.resetText')}</p>
      </ConfirmDialog>
    </section>
  );
}
