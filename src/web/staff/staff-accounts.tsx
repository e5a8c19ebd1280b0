import type { FormEvent } from 'react';
import type { StaffAccount } from '../../shared/contracts.js';
import { call, type BodyOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { ROLE_LABELS, STAFF_STATUS_LABELS } from '../i18n/fr.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { useRowAction } from '../ui/use-row-action.js';

const ROLES = [
  { value: 'agent', label: 'Agent : valide les comptes et consulte les familles' },
  { value: 'admin', label: 'Administrateur : en plus, gère les agents, le journal et les courriels' },
] as const;

const STATUS_TONES = { pending: 'info', active: 'success', rejected: 'danger', disabled: 'neutral' } as const;

/** Staff accounts (administrators): invite an agent, change a role, disable or enable an account. */
export function StaffAccountsPage() {
  const { account: me } = useSession();
  const list = useResource('staff.staffAccounts');
  const rows = (list.data ?? []);
  const form = useForm({ email: '', displayName: '', role: '' as '' | 'agent' | 'admin' });
  const action = useRowAction();
  const { done, setDone, busyId } = action;
  usePageTitle('Comptes des agents', form.errors.length > 0);

  function onCreate(e: FormEvent) {
    e.preventDefault();
    action.clear();
    void form.submit(async () => {
      // no role: the server says « obligatoire »
      await call('staff.createStaffAccount', { body: { ...form.values, role: (form.values.role || undefined) as BodyOf<'staff.createStaffAccount'>['role'] } });
      setDone(`Invitation envoyée à ${form.values.email.trim()} : l’agent choisira son mot de passe avec le lien reçu par courriel.`);
      form.setValues({ email: '', displayName: '', role: '' });
      list.reload();
    });
  }

  function change(a: StaffAccount, body: { role?: 'admin' | 'agent'; disabled?: boolean }, message: string) {
    return action.run(
      a.id,
      async () => {
        await call('staff.updateStaffAccount', { params: { accountId: a.id }, body });
        return message;
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Comptes des agents</PageHeading>
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null && (
        <Table caption="Agents et administrateurs" head={['Nom', 'Adresse e-mail', 'Rôle', 'Statut', 'Dernière connexion', 'Actions']}>
          {rows.map((a) => {
            const self = a.id === me?.id;
            const otherRole = a.role === 'admin' ? 'agent' : 'admin';
            return (
              <tr key={a.id}>
                <td>
                  {a.displayName}
                  {self && <span className="muted"> (vous)</span>}
                </td>
                <td>{a.email}</td>
                <td>{ROLE_LABELS[a.role]}</td>
                <td>
                  <StatusTag tone={STATUS_TONES[a.status]}>{STAFF_STATUS_LABELS[a.status]}</StatusTag>
                </td>
                <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : <span className="muted">Jamais</span>}</td>
                <td>
                  {self ? (
                    <span className="muted">Aucune action sur votre propre compte</span>
                  ) : (
                    <>
                      <Button
                        variant="secondary"
                        className="button--small"
                        busy={busyId === a.id}
                        onClick={() => void change(a, { role: otherRole }, `${a.displayName} est maintenant ${ROLE_LABELS[otherRole].toLowerCase()}.`)}
                      >
                        {otherRole === 'admin' ? 'Nommer administrateur' : 'Passer agent'}
                        <span className="visually-hidden"> : {a.displayName}</span>
                      </Button>
                      {a.status === 'disabled' ? (
                        <Button variant="secondary" className="button--small" busy={busyId === a.id} onClick={() => void change(a, { disabled: false }, `Le compte de ${a.displayName} est réactivé.`)}>
                          Réactiver<span className="visually-hidden"> le compte de {a.displayName}</span>
                        </Button>
                      ) : (
                        <Button variant="warning" className="button--small" busy={busyId === a.id} onClick={() => void change(a, { disabled: true }, `Le compte de ${a.displayName} est désactivé.`)}>
                          Désactiver<span className="visually-hidden"> le compte de {a.displayName}</span>
                        </Button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      <h2>Inviter un agent</h2>
      <p>L’agent reçoit un courriel avec un lien pour choisir son mot de passe.</p>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onCreate}>
        <Fieldset legend="Nouvel agent">
          <Field
            {...form.field('email')}
            label="Adresse e-mail"
            required
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
          <Field {...form.field('displayName')} label="Nom" hint="Prénom et nom, tels qu’ils apparaîtront dans le journal." required autoComplete="off" />
          <Radios {...form.field('role')} legend="Rôle" required options={ROLES} />
        </Fieldset>
        <Button type="submit" busy={form.busy}>
          Envoyer l’invitation
        </Button>
      </form>
    </>
  );
}
