import { useState } from 'react';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useForm } from '../ui/use-form.js';
import '../ui/documents.css';

export const PRIVACY_PATH = '/famille/mes-donnees';

/**
 * « Mes données personnelles », from « Mes Informations »: download everything the portal holds about the family
 * (right of access and portability), and ask for the account to be closed (right to erasure, within the law).
 */
export function PrivacyPage() {
  const closure = useResource('privacy.closureRequest');
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle('Mes données personnelles');
  const requestedAt = closure.data?.requestedAt ?? null;
  return (
    <>
      <Link to="/famille" className="back-link">
        Mon compte famille
      </Link>
      <PageHeading>Mes données personnelles</PageHeading>
      {done && <StatusMessage>{done}</StatusMessage>}

      <h2>Télécharger toutes mes données</h2>
      <p>
        Un fichier ZIP contient tout ce que le portail conserve sur votre famille : les informations de la famille et des
        enfants (y compris les renseignements médicaux), les réservations, les documents envoyés, les courriels reçus et
        les consultations des agents. Les informations sont dans le fichier <span lang="en">JSON</span>
        « donnees.json », lisible par un autre logiciel, et les documents dans le dossier « documents ».
      </p>
      <p>
        <a className="button button--secondary" href={fileUrl('privacy.export')} download>
          Télécharger toutes mes données
        </a>
      </p>

      <h2>Fermer mon compte</h2>
      <LoadState loading={closure.loading && closure.data === null} error={closure.error} />
      {closure.data &&
        (requestedAt ? (
          <StatusMessage tone="info" title="Vous avez demandé la fermeture de votre compte.">
            <p>
              Demande envoyée le {formatDateTime(requestedAt)}. La mairie la traitera sous un mois ; d’ici là, votre compte
              reste ouvert.
            </p>
          </StatusMessage>
        ) : (
          <>
            <p>
              La mairie ferme le compte sous un mois après votre demande. Pensez d’abord à télécharger vos données et vos
              factures.
            </p>
            <Button variant="warning" onClick={() => { setDone(null); setAsking(true); }}>
              Demander la fermeture de mon compte
            </Button>
          </>
        ))}
      <Dialog title="Demander la fermeture de mon compte" isOpen={asking} onOpenChange={(open) => !open && setAsking(false)}>
        {asking && (
          <ClosureForm
            onCancel={() => setAsking(false)}
            onDone={() => {
              setAsking(false);
              setDone('Votre demande de fermeture de compte a été envoyée à la mairie.');
              closure.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function ClosureForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const form = useForm({ reason: '' });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async () => {
          await call('privacy.requestClosure', { body: { reason: form.values.reason.trim() || undefined } });
          onDone();
        });
      }}
    >
      <ErrorSummary {...form.summary} />
      <div className="dialog__body">
        <p>Quand la mairie aura fermé votre compte :</p>
        <ul>
          <li>vous ne pourrez plus vous connecter ni réserver ;</li>
          <li>
            les informations de la famille et des enfants (dont les renseignements médicaux), les personnes à contacter et
            autorisées, les autorisations, les documents envoyés et les courriels sont effacés ;
          </li>
          <li>
            les réservations et les présences passées restent comptées, mais sans nom : elles ne permettent plus de vous
            identifier ;
          </li>
          <li>
            la loi oblige la mairie à garder les factures et les paiements : ce sont des pièces comptables publiques,
            conservées 10 ans.
          </li>
        </ul>
        <p>
          Les réservations à venir ne sont pas annulées par cette demande : annulez d’abord celles dont vous n’avez plus
          besoin. La fermeture ne pourra pas être annulée ; pensez à télécharger vos données avant.
        </p>
      </div>
      <TextArea
        {...form.field('reason')}
        label="Motif (facultatif)"
        hint="Par exemple : déménagement. Il aide la mairie à traiter votre demande."
        rows={3}
        maxLength={1000}
      />
      <ButtonGroup>
        <Button type="submit" variant="warning" busy={form.busy}>
          Envoyer la demande de fermeture
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
