/**
 * The queue of reservation requests (issue 4): staff accept or refuse each pending day, or a whole reservation;
 * a refusal needs a reason, sent to the family by e-mail with the decision.
 */
import { useState } from 'react';
import type { PendingRequest, ReservationLine } from '../../shared/booking-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { LINE_ACTION_LABELS, dayLabel } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
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

export function BookingRequestsPage() {
  const catalog = useStaffCatalog();
  const [activityId, setActivityId] = useState('');
  const list = useResource('staffBooking.requests', { query: { activityId } });
  const requests = (list.data ?? []);
  const action = useRowAction();
  const [refusing, setRefusing] = useState<Refusal | null>(null);
  usePageTitle('Demandes de réservation');

  function accept(r: PendingRequest, line: ReservationLine | null) {
    void action.run(
      line ? `line-${line.id}` : `res-${r.number}`,
      async () => {
        await call('staffBooking.decide', { params: { reservationId: r.number }, body: { decision: 'accept', lineIds: line ? [line.id] : null } });
        return line
          ? `${LINE_ACTION_LABELS[line.action]} du ${lineText(line)} acceptée pour ${who(r)} (n° ${r.number}). La famille est prévenue par courriel.`
          : `Tous les jours en attente de la réservation n° ${r.number} (${who(r)}) sont acceptés. La famille est prévenue par courriel.`;
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Demandes de réservation</PageHeading>
      <p>
        Les demandes faites hors délai, ou pour les activités dont chaque réservation doit être acceptée, et les demandes d’annulation. Acceptez ou
        refusez chaque jour, ou toute la demande ; la famille reçoit un courriel.
      </p>
      <div className="filters">
        <ActivitySelect activities={catalog.activities} value={activityId} onChange={setActivityId} name="filter-activity" placeholder="Toutes les activités" />
      </div>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && requests.length === 0 && <p className="empty">Aucune demande en attente.</p>}
      {requests.map((r) => {
        const pending = r.lines.filter((l) => l.state === 'pending');
        return (
          <section key={r.number} className="request" aria-labelledby={`demande-${r.number}`}>
            <h2 id={`demande-${r.number}`} className="request__title">
              {r.kind === 'cancellation' ? 'Demande d’annulation' : 'Réservation'} n° {r.number} — {who(r)}
            </h2>
            <p className="muted">
              Famille {r.familyName} · {r.activity.name}, {r.period.label} · reçue le {formatDateTime(r.createdAt)}
            </p>
            <div className="table-wrap" role="region" aria-labelledby={`jours-demande-${r.number}`} tabIndex={0}>
              <table className="table">
                <caption id={`jours-demande-${r.number}`} className="visually-hidden">
                  Jours de la demande n° {r.number}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Jour</th>
                    <th scope="col">Unité</th>
                    <th scope="col">Demande</th>
                    <th scope="col">État</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {r.lines.map((l) => (
                    <tr key={l.id}>
                      <ReservationLineCells line={l} />
                      <td>
                        {l.state === 'pending' && (
                          <>
                            <Button className="button--small" busy={action.busyId === `line-${l.id}`} onClick={() => accept(r, l)}>
                              Accepter<span className="visually-hidden"> {lineText(l)} pour {who(r)}</span>
                            </Button>{' '}
                            <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRefusing({ request: r, line: l }); }}>
                              Refuser<span className="visually-hidden"> {lineText(l)} pour {who(r)}</span>
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
                <Button busy={action.busyId === `res-${r.number}`} onClick={() => accept(r, null)}>
                  Tout accepter<span className="visually-hidden"> (demande n° {r.number})</span>
                </Button>
                <Button variant="warning" onClick={() => { action.clear(); setRefusing({ request: r, line: null }); }}>
                  Tout refuser<span className="visually-hidden"> (demande n° {r.number})</span>
                </Button>
              </ButtonGroup>
            )}
          </section>
        );
      })}
      <Dialog title="Refuser la demande" isOpen={refusing !== null} onOpenChange={(open) => !open && setRefusing(null)}>
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
  const { request: r, line } = refusal;
  return (
    <ReasonForm
      wide={false}
      rows={3}
      intro={
        line ? (
          <>
            {LINE_ACTION_LABELS[line.action]} du <strong>{lineText(line)}</strong> pour {who(r)} (demande n° {r.number}).
          </>
        ) : (
          <>Tous les jours en attente de la demande n° {r.number} pour {who(r)}.</>
        )
      }
      hint="Il sera envoyé par courriel à la famille : soyez clair et courtois."
      submitLabel="Refuser"
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staffBooking.decide', { params: { reservationId: r.number }, body: { decision: 'refuse', lineIds: line ? [line.id] : null, reason: reason.trim() } });
        onDone(
          line
            ? `${LINE_ACTION_LABELS[line.action]} du ${lineText(line)} refusée pour ${who(r)} (n° ${r.number}). Le motif est envoyé par courriel à la famille.`
            : `Les jours en attente de la demande n° ${r.number} (${who(r)}) sont refusés. Le motif est envoyé par courriel à la famille.`,
        );
      }}
    />
  );
}
