import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdView } from '../../shared/household-contracts.js';
import type { CustodyKind } from '../../shared/custody.js';
import { call, errorMessage, type ResponseOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { formatDate } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DateInput } from '../ui/date-input.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { custodyText } from '../views/custody-text.js';

/**
 * « Foyers » of a child's record (issue 11, separated parents): the households the child belongs to, linking it into
 * a second one (after checking identity), the custody schedule, unlinking (never the last household).
 */
export function StaffHouseholds({ childId }: { childId: string }) {
  const { t } = useTranslation('households');
  const loaded = useResource('staffChildren.households', { params: { childId } });
  const [rows, setRows] = useState<HouseholdView[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const households = rows ?? loaded.data ?? [];

  const changed = (next: HouseholdView[], message: string) => {
    setRows(next);
    setDone(message);
  };

  return (
    <section aria-labelledby="foyers" className="households">
      <h2 id="foyers">{t('staff.heading')}</h2>
      <p>{t('staff.intro')}</p>
      {done && (
        <StatusMessage tone="success">
          <p>{done}</p>
        </StatusMessage>
      )}
      {households.length > 0 && <HouseholdTable childId={childId} households={households} onChanged={changed} />}
      {households.length === 1 && <LinkForm childId={childId} households={households} onChanged={changed} />}
      {households.length >= 2 && <CustodyForm key={households.map((h) => h.familyId).join()} childId={childId} households={households} onChanged={changed} />}
    </section>
  );
}

type Changed = (next: HouseholdView[], message: string) => void;

function HouseholdTable({ childId, households, onChanged }: { childId: string; households: HouseholdView[]; onChanged: Changed }) {
  const { t } = useTranslation('households');
  const [target, setTarget] = useState<HouseholdView | null>(null);
  const form = useForm();

  function share(h: HouseholdView) {
    void form.submit(async () => {
      const next = await call('staffChildren.sharing', { params: { childId, familyId: h.familyId }, body: { seesOther: !h.seesOther } });
      onChanged(next, t(h.seesOther ? 'staff.revoked' : 'staff.allowed'));
    });
  }

  function unlink() {
    if (!target) return;
    void form.submit(async () => {
      const next = await call('staffChildren.unlinkHousehold', { params: { childId, familyId: target.familyId } });
      setTarget(null);
      onChanged(next, t('staff.unlinked'));
    });
  }

  return (
    <>
      <ErrorSummary {...form.summary} />
      <Table caption={t('staff.list')} head={[t('staff.family'), t('staff.linkedAt'), t('staff.custody'), t('staff.sharing'), '']}>
        {households.map((h) => (
          <tr key={h.familyId}>
            <td>
              <Link to={`/agent/familles/${encodeURIComponent(h.familyId)}`}>{h.familyName || h.familyId}</Link>{' '}
              {h.first && <StatusTag tone="neutral">{t('staff.first')}</StatusTag>}
            </td>
            <td>{formatDate(h.linkedAt)}</td>
            <td>{households.length > 1 ? `${t(`custody.kind.${h.custody.kind}`)} — ${custodyText(t, h.custody)}` : '—'}</td>
            <td>
              {households.length > 1 ? (
                <>
                  {t(h.seesOther ? 'staff.sharingOn' : 'staff.sharingOff')}{' '}
                  <Button variant="secondary" onClick={() => share(h)} busy={form.busy}>
                    {t(h.seesOther ? 'staff.revoke' : 'staff.allow')}
                    <span className="visually-hidden"> ({h.familyName})</span>
                  </Button>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {households.length > 1 && (
                <Button variant="secondary" onClick={() => setTarget(h)}>
                  {t('staff.unlink')}
                  <span className="visually-hidden"> ({h.familyName})</span>
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        title={t('staff.unlinkTitle', { name: target?.familyName ?? '' })}
        isOpen={target !== null}
        confirmLabel={t('staff.unlinkConfirm')}
        onConfirm={unlink}
        onCancel={() => setTarget(null)}
        busy={form.busy}
      >
        <p>{t('staff.unlinkBody')}</p>
      </ConfirmDialog>
    </>
  );
}

type FamilyRow = ResponseOf<'staff.families'>[number];

function LinkForm({ childId, households, onChanged }: { childId: string; households: HouseholdView[]; onChanged: Changed }) {
  const { t } = useTranslation('households');
  const form = useForm({ search: '', identityNote: '', identityChecked: false as boolean });
  const [found, setFound] = useState<FamilyRow[] | null>(null);
  const [chosen, setChosen] = useState<FamilyRow | null>(null);
  const searchForm = useForm();

  function search(e: FormEvent) {
    e.preventDefault();
    const q = form.values.search.trim();
    if (!q) return;
    void searchForm.submit(async () => {
      const rows = await call('staff.families', { query: { q } });
      setFound(rows.filter((r) => !households.some((h) => h.familyId === r.familyId)));
    });
  }

  function link(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        const next = await call('staffChildren.linkHousehold', {
          params: { childId },
          body: { familyId: chosen!.familyId, identityChecked: form.values.identityChecked, identityNote: form.values.identityNote },
        });
        setChosen(null);
        setFound(null);
        onChanged(next, t('staff.linked'));
      },
      {
        required: ['identityChecked', 'identityNote'],
        check: () => (chosen ? [] : [{ path: 'search', message: errorMessage('required', 'familyId') }]),
        mapErrors: (list) => list.map((x) => (x.path === 'familyId' ? { ...x, path: 'search' } : x)),
      },
    );
  }

  return (
    <section aria-labelledby="rattacher">
      <h3 id="rattacher">{t('staff.link')}</h3>
      <ErrorSummary {...form.summary} />
      <ErrorSummary {...searchForm.summary} />
      <form noValidate onSubmit={search} className="search" role="search" aria-label={t('staff.search')}>
        <Field {...form.field('search')} label={t('staff.search')} type="search" autoComplete="off" width="medium" />
        <div className="field">
          <Button type="submit" variant="secondary" busy={searchForm.busy}>
            {t('staff.searchButton')}
          </Button>
        </div>
      </form>
      {found !== null &&
        (found.length === 0 ? (
          <p className="empty" role="status">
            {t('staff.noFamily')}
          </p>
        ) : (
          <ul className="link-list" aria-live="polite">
            {found.slice(0, 10).map((r) => (
              <li key={r.familyId}>
                <Button variant="link" onClick={() => setChosen(r)}>
                  {t('staff.choose', { name: `${r.guardian1Name} — ${[r.postalCode, r.city].filter(Boolean).join(' ')}` })}
                </Button>
              </li>
            ))}
          </ul>
        ))}
      {chosen && (
        <form noValidate onSubmit={link}>
          <p role="status">
            <strong>{t('staff.chosen', { name: chosen.guardian1Name })}</strong>
          </p>
          <Checkbox
            name="identityChecked"
            label={t('staff.identityChecked')}
            required
            checked={form.values.identityChecked}
            onCheckedChange={(v) => form.set('identityChecked', v)}
            error={form.errorFor('identityChecked')}
          />
          <Field {...form.field('identityNote')} label={t('staff.identityHow')} hint={t('staff.identityHowHint')} required />
          <Button type="submit" busy={form.busy}>
            {t('staff.linkButton')}
          </Button>
        </form>
      )}
    </section>
  );
}

function CustodyForm({ childId, households, onChanged }: { childId: string; households: HouseholdView[]; onChanged: Changed }) {
  const { t } = useTranslation('households');
  const current = households[0].custody;
  const firstWeek = households.find((h) => h.custody.kind === 'alternate_weeks' && h.custody.anchor && h.custody.anchor <= (households.find((o) => o !== h)?.custody.anchor ?? ''));
  const form = useForm({
    kind: current.kind as CustodyKind,
    referenceMonday: firstWeek?.custody.anchor ?? '',
    referenceFamilyId: firstWeek?.familyId ?? households[0].familyId,
  });
  const [weekdays, setWeekdays] = useState<Record<string, number[]>>(Object.fromEntries(households.map((h) => [h.familyId, h.custody.kind === 'weekdays' ? h.custody.weekdays : []])));

  function toggle(familyId: string, day: number, on: boolean) {
    setWeekdays((w) => ({ ...w, [familyId]: on ? [...new Set([...(w[familyId] ?? []), day])].sort() : (w[familyId] ?? []).filter((d) => d !== day) }));
  }

  function save(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    void form.submit(
      async () => {
        const next = await call('staffChildren.custody', {
          params: { childId },
          body:
            v.kind === 'alternate_weeks'
              ? { kind: v.kind, referenceMonday: v.referenceMonday, referenceFamilyId: v.referenceFamilyId }
              : v.kind === 'weekdays'
                ? { kind: v.kind, weekdays }
                : { kind: v.kind },
        });
        onChanged(next, t('staff.custodySaved'));
      },
      { required: v.kind === 'alternate_weeks' ? ['referenceMonday'] : [] },
    );
  }

  const kinds = (['free', 'alternate_weeks', 'weekdays'] as const).map((k) => ({ value: k, label: t(`custody.kind.${k}`) }));
  return (
    <section aria-labelledby="garde">
      <h3 id="garde">{t('staff.custodyTitle')}</h3>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={save}>
        <Radios name="kind" legend={t('staff.custodyKind')} options={kinds} value={form.values.kind} onValueChange={(k) => form.set('kind', k)} error={form.errorFor('kind')} />
        {form.values.kind === 'alternate_weeks' && (
          <>
            <DateInput {...form.field('referenceMonday')} label={t('staff.referenceMonday')} required />
            <Radios
              name="referenceFamilyId"
              legend={t('staff.referenceFamily')}
              options={households.map((h) => ({ value: h.familyId, label: h.familyName || h.familyId }))}
              value={form.values.referenceFamilyId}
              onValueChange={(id) => form.set('referenceFamilyId', id)}
              error={form.errorFor('referenceFamilyId')}
            />
          </>
        )}
        {form.values.kind === 'weekdays' && (
          <>
            {form.errorFor('weekdays') && <p className="field__error">{form.errorFor('weekdays')}</p>}
            {households.map((h) => (
              <Fieldset key={h.familyId} kind="question" legend={t('staff.weekdaysOf', { name: h.familyName })}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <Checkbox
                    key={d}
                    name={`weekdays.${h.familyId}.${d}`}
                    label={t(`weekdays.${String(d) as '1'}`)}
                    checked={(weekdays[h.familyId] ?? []).includes(d)}
                    onCheckedChange={(on) => toggle(h.familyId, d, on)}
                  />
                ))}
              </Fieldset>
            ))}
          </>
        )}
        <Button type="submit" busy={form.busy}>
          {t('staff.saveCustody')}
        </Button>
      </form>
    </section>
  );
}
