/**
 * The queue of reservation requests (issue 4): staff accept or refuse each pending day, or a whole reservation;
 * a refusal needs a reason, sent to the family by e-mail with the decision.
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PendingRequest, ReservationLine } from '../../shared/booking-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { dayLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useRowAction } from '../ui/use-row-action.js';
import { ReservationLineCells } from '../views/reservation-view.js';
import { ActivitySelect, useStaffCatalog } from './booking-filters.js';
import '../ui/booking.css';
import { ReasonForm } from '../ui/reason-form.js';

interface Refusal {
  request: PendingRequest;
  /** null: every pending day */
  line: ReservationLine | null;
}

const who = (r: PendingRequest) => `${r.child.firstName} ${r.child.lastName.toUpperCase()}`;
const lineText = (l: ReservationLine) => `${dayLabel(l.day, true)}, ${l.unitLabel}`;

const hidden = { hidden: <span className="visually-hidden" /> };

export function BookingRequestsPage() {
  const { t } = useTranslation(['staff', 'labels']);
  const catalog = useStaffCatalog();
  const [activityId, setActivityId] = useState('');
  const list = useResource('staffBooking.requests', { query: { activityId } });
  const requests = (list.data ?? []);
  const action = useRowAction();
  const [refusing, setRefusing] = useState<Refusal | null>(null);
  // issue 17: « Accepter » asks first (the family is mailed at once): a slip of the mouse no longer decides
  const [accepting, setAccepting] = useState<Refusal | null>(null);
  usePageTitle(t('requests.title'));

  function accept(r: PendingRequest, line: ReservationLine | null) {
    void action.run(
      line ? `line-${line.id}` : `res-${r.number}`,
      async () => {
        await call('staffBooking.decide', { params: { reservationId: r.number }, body: { decision: 'accept', lineIds: line ? [line.id] : null } });
        return line
          ? t('requests.acceptedLine', { action: t(`labels:lineAction.${line.action}`), line: lineText(line), who: who(r), number: r.number })
          : t('requests.acceptedAll', { number: r.number, who: who(r) });
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('requests.title')}</PageHeading>
      <p>{t('requests.intro')}</p>
      <div className="filters">
        <ActivitySelect activities={catalog.activities} value={activityId} onChange={setActivityId} name="filter-activity" placeholder={t('requests.allActivities')} />
      </div>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && requests.length === 0 && <p className="empty">{t('requests.empty')}</p>}
      {requests.map((r) => {
        const pending = r.lines.filter((l) => l.state === 'pending');
        return (
          <section key={r.number} className="request" aria-labelledby={`demande-${r.number}`}>
            <h2 id={`demande-${r.number}`} className="request__title">
              {t('requests.heading', {
                kind: r.kind === 'cancellation' ? t('labels:reservationKind.cancellation') : t('labels:reservationKind.booking'),
                number: r.number,
                who: who(r),
              })}
            </h2>
            <p className="muted">
              {t('requests.meta', { family: r.familyName, activity: r.activity.name, period: r.period.label, date: formatDateTime(r.createdAt) })}
            </p>
            <div className="table-wrap" role="region" aria-labelledby={`jours-demande-${r.number}`} tabIndex={0}>
              <table className="table">
                <caption id={`jours-demande-${r.number}`} className="visually-hidden">
                  {t('requests.daysCaption', { number: r.number })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('requests.head.day')}</th>
                    <th scope="col">{t('requests.head.unit')}</th>
                    <th scope="col">{t('requests.head.request')}</th>
                    <th scope="col">{t('requests.head.state')}</th>
                    <th scope="col">{t('shared.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.lines.map((l) => (
                    <tr key={l.id}>
                      <ReservationLineCells line={l} />
                      <td>
                        {l.state === 'pending' && (
                          <>
                            <Button className="button--small" busy={action.busyId === `line-${l.id}`} onClick={() => { action.clear(); setAccepting({ request: r, line: l }); }}>
                              <Trans t={t} i18nKey="requests.accept" values={{ line: lineText(l), who: who(r) }} components={hidden} />
                            </Button>{' '}
                            <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRefusing({ request: r, line: l }); }}>
                              <Trans t={t} i18nKey="requests.refuse" values={{ line: lineText(l), who: who(r) }} components={hidden} />
                            </Button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pending.length > 1 && (
              <ButtonGroup>
                <Button busy={action.busyId === `res-${r.number}`} onClick={() => { action.clear(); setAccepting({ request: r, line: null }); }}>
                  <Trans t={t} i18nKey="requests.acceptAll" values={{ number: r.number }} components={hidden} />
                </Button>
                <Button variant="warning" onClick={() => { action.clear(); setRefusing({ request: r, line: null }); }}>
                  <Trans t={t} i18nKey="requests.refuseAll" values={{ number: r.number }} components={hidden} />
                </Button>
              </ButtonGroup>
            )}
          </section>
        );
      })}
      <ConfirmDialog
        title={t('requests.confirmTitle')}
        isOpen={accepting !== null}
        tone="primary"
        confirmLabel={t('requests.confirmSubmit')}
        onCancel={() => setAccepting(null)}
        onConfirm={() => {
          const a = accepting!;
          setAccepting(null);
          accept(a.request, a.line);
        }}
      >
        {accepting && (
          <p>
            {accepting.line
              ? t('requests.confirmLine', { line: lineText(accepting.line), who: who(accepting.request) })
              : t('requests.confirmAll', { number: accepting.request.number, who: who(accepting.request) })}
          </p>
        )}
      </ConfirmDialog>
      <Dialog title={t('requests.refuseTitle')} isOpen={refusing !== null} onOpenChange={(open) => !open && setRefusing(null)}>
        {refusing && (
          <RefuseForm
            key={`${refusing.request.number}-${refusing.line?.id ?? 'all'}`}
            refusal={refusing}
            onCancel={() => setRefusing(null)}
            onDone={(text) => {
              setRefusing(null);
              action.setDone(text);
              list.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function RefuseForm({ refusal, onCancel, onDone }: { refusal: Refusal; onCancel: () => void; onDone: (text: string) => void }) {
  const { t } = useTranslation(['staff', 'labels']);
  const { request: r, line } = refusal;
  return (
    <ReasonForm
      wide={false}
      rows={3}
      intro={
        line ? (
          <Trans
            t={t}
            i18nKey="requests.refuseIntroLine"
            values={{ action: t(`labels:lineAction.${line.action}`), line: lineText(line), who: who(r), number: r.number }}
            components={{ strong: <strong /> }}
          />
        ) : (
          t('requests.refuseIntroAll', { number: r.number, who: who(r) })
        )
      }
      hint={t('shared.reasonHint')}
      submitLabel={t('requests.refuseSubmit')}
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staffBooking.decide', { params: { reservationId: r.number }, body: { decision: 'refuse', lineIds: line ? [line.id] : null, reason: reason.trim() } });
        onDone(
          line
            ? t('requests.refusedLine', { action: t(`labels:lineAction.${line.action}`), line: lineText(line), who: who(r), number: r.number })
            : t('requests.refusedAll', { number: r.number, who: who(r) }),
        );
      }}
    />
  );
}
