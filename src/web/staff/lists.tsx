/**
 * The reference lists (administrators): diseases, allergies, authorizations, kinship suggestions, dietary regimes.
 * Add, rename, reorder, deactivate or remove an entry; children's answers keep the label they were given.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ListItem, ListKind, ReferenceLists } from '../../shared/child-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, useSearchParam } from '../app/router.js';
import { LIST_KIND_TITLES } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, TextArea } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage, StatusTag } from '../ui/status-message.js';
import { prefixed, useForm } from '../ui/use-form.js';
import { useRowAction } from '../ui/use-row-action.js';
import '../ui/records.css';

const KINDS: ListKind[] = ['diseases', 'allergies', 'authorizations', 'kinships', 'diets'];

const HINTS: Record<ListKind, string> = {
  diseases: 'Les maladies proposées dans les renseignements médicaux ; « Non » est coché par défaut pour chacune.',
  allergies: 'Les allergies proposées ; pour chaque « Oui », la famille doit préciser.',
  authorizations: 'Chaque autorisation demande une réponse Oui ou Non de la famille. La description donne le texte complet.',
  kinships: 'Les liens proposés dans le champ « Lien avec l’enfant » ; la famille peut aussi saisir un autre lien.',
  diets: 'Les régimes alimentaires proposés pour la restauration scolaire et les accueils de loisirs.',
};

function isKind(k: string | null): k is ListKind {
  return k !== null && (KINDS as string[]).includes(k);
}

export function ListsPage() {
  const param = useSearchParam('liste');
  const kind: ListKind = isKind(param) ? param : 'diseases';
  const lists = useResource('staffLists.get');
  const action = useRowAction();
  const [renaming, setRenaming] = useState<ListItem | null>(null);
  const [removing, setRemoving] = useState<ListItem | null>(null);
  // after « Monter » / « Descendre », keep the keyboard on the moved entry (its other button at either end)
  const [refocus, setRefocus] = useState<{ id: string; dir: 'up' | 'down'; before: ReferenceLists | null } | null>(null);
  const title = `Listes de référence — ${LIST_KIND_TITLES[kind]}`;
  usePageTitle(title);

  const items = lists.data?.[kind] ?? [];

  useEffect(() => {
    if (!refocus || lists.loading || lists.data === refocus.before) return;
    const want = document.getElementById(`liste-${refocus.dir}-${refocus.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`liste-${refocus.dir === 'up' ? 'down' : 'up'}-${refocus.id}`) as HTMLButtonElement | null;
    (want && !want.disabled ? want : other)?.focus();
    setRefocus(null);
  }, [refocus, lists.loading, lists.data]);

  function move(item: ListItem, by: -1 | 1) {
    const ids = items.map((i) => i.id);
    const at = ids.indexOf(item.id);
    const to = at + by;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to], ids[at]];
    void action.run(
      item.id,
      async () => {
        await call('staffLists.reorder', { params: { kind }, body: { ids } });
        return `« ${item.label} » est déplacé ${by < 0 ? 'vers le haut' : 'vers le bas'} (position ${to + 1} sur ${ids.length}).`;
      },
      () => {
        lists.reload();
        setRefocus({ id: item.id, dir: by < 0 ? 'up' : 'down', before: lists.data });
      },
    );
  }

  function toggle(item: ListItem) {
    void action.run(
      item.id,
      async () => {
        await call('staffLists.update', { params: { kind, itemId: item.id }, body: { active: !item.active } });
        return item.active
          ? `« ${item.label} » est désactivé : il n’est plus proposé aux familles ; les réponses déjà données sont conservées.`
          : `« ${item.label} » est réactivé : il est de nouveau proposé aux familles.`;
      },
      lists.reload,
    );
  }

  function remove(item: ListItem) {
    setRemoving(null);
    void action.run(
      item.id,
      async () => {
        await call('staffLists.remove', { params: { kind, itemId: item.id } });
        return `« ${item.label} » est retiré de la liste. Les fiches des enfants qui l’avaient renseigné le conservent.`;
      },
      lists.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Listes de référence</PageHeading>
      <p>Ces listes sont proposées aux familles dans le formulaire « Enfant ». Retirer ou désactiver un élément ne modifie jamais les fiches déjà remplies.</p>
      <nav aria-label="Listes de référence">
        <ul className="tabs-nav">
          {KINDS.map((k) => (
            <li key={k}>
              <Link to={`/agent/listes?liste=${k}`} aria-current={k === kind ? 'page' : undefined} className={k === kind ? 'tabs-nav__current' : undefined}>
                {LIST_KIND_TITLES[k]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{LIST_KIND_TITLES[kind]}</h2>
      <p className="muted">{HINTS[kind]}</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={lists.loading && lists.data === null} error={lists.error} />
      {lists.data &&
        (items.length === 0 ? (
          <p className="empty">Cette liste est vide.</p>
        ) : (
          <ol className="list-editor" aria-label={LIST_KIND_TITLES[kind]}>
            {items.map((item, i) => (
              <li key={item.id}>
                <div className="list-editor__label">
                  <strong>{item.label}</strong> {!item.active && <StatusTag tone="neutral">désactivé</StatusTag>}
                  {item.description && <p className="muted list-editor__description">{item.description}</p>}
                </div>
                <div className="list-editor__actions">
                  <Button id={`liste-up-${item.id}`} variant="secondary" className="button--small" busy={action.busyId === item.id} disabled={i === 0} onClick={() => move(item, -1)}>
                    Monter<span className="visually-hidden"> « {item.label} »</span>
                  </Button>
                  <Button id={`liste-down-${item.id}`} variant="secondary" className="button--small" busy={action.busyId === item.id} disabled={i === items.length - 1} onClick={() => move(item, 1)}>
                    Descendre<span className="visually-hidden"> « {item.label} »</span>
                  </Button>
                  <Button variant="secondary" className="button--small" onClick={() => { action.clear(); setRenaming(item); }}>
                    Renommer<span className="visually-hidden"> « {item.label} »</span>
                  </Button>
                  <Button variant="secondary" className="button--small" busy={action.busyId === item.id} onClick={() => toggle(item)}>
                    {item.active ? 'Désactiver' : 'Réactiver'}
                    <span className="visually-hidden"> « {item.label} »</span>
                  </Button>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving(item); }}>
                    Retirer<span className="visually-hidden"> « {item.label} »</span>
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        ))}
      <AddItem key={kind} kind={kind} onAdded={(label) => { action.setDone(`« ${label} » est ajouté à la fin de la liste.`); lists.reload(); }} />

      <Dialog title="Renommer l’élément" isOpen={renaming !== null} onOpenChange={(open) => !open && setRenaming(null)}>
        {renaming && (
          <RenameForm
            key={renaming.id}
            item={renaming}
            kind={kind}
            onCancel={() => setRenaming(null)}
            onDone={(label) => {
              setRenaming(null);
              action.setDone(`L’élément est renommé « ${label} ».`);
              lists.reload();
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        title="Retirer l’élément de la liste"
        isOpen={removing !== null}
        confirmLabel="Retirer"
        onConfirm={() => removing && remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        {removing && (
          <p>
            Retirer <strong>« {removing.label} »</strong> de la liste « {LIST_KIND_TITLES[kind]} » ? Il ne sera plus proposé aux familles ; les fiches qui
            l’ont renseigné le conservent. Pour le proposer de nouveau plus tard, préférez « Désactiver ».
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function AddItem({ kind, onAdded }: { kind: ListKind; onAdded: (label: string) => void }) {
  const form = useForm({ label: '', description: '' });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const label = form.values.label.trim();
    void form.submit(
      async () => {
        await call('staffLists.add', { params: { kind }, body: { label, description: form.values.description.trim() || null } });
        form.setValues({ label: '', description: '' });
        onAdded(label);
      },
      { required: ['label'] },
    );
  }
  return (
    <section aria-labelledby="ajouter-element">
      <h2 id="ajouter-element">Ajouter un élément</h2>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field {...form.field('label')} label="Intitulé" required autoComplete="off" />
        <TextArea {...form.field('description')} label="Description" hint="Facultatif. Pour une autorisation : le texte complet présenté à la famille." rows={2} />
        <Button type="submit" busy={form.busy}>
          Ajouter
        </Button>
      </form>
    </section>
  );
}

function RenameForm({ item, kind, onCancel, onDone }: { item: ListItem; kind: ListKind; onCancel: () => void; onDone: (label: string) => void }) {
  const form = useForm({ label: item.label, description: item.description ?? '' }, { prefix: 'rename' });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const label = form.values.label.trim();
    void form.submit(
      async () => {
        await call('staffLists.update', { params: { kind, itemId: item.id }, body: { label, description: form.values.description.trim() || null } });
        onDone(label);
      },
      { required: ['label'], mapErrors: prefixed('rename.') },
    );
  }
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary {...form.summary} />
      <Field {...form.field('label')} label="Intitulé" required autoComplete="off" />
      <TextArea {...form.field('description')} label="Description" rows={3} />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          Enregistrer
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
