/**
 * The reference lists (administrators): diseases, allergies, authorizations, kinship suggestions, dietary regimes.
 * Add, rename, reorder, deactivate or remove an entry; children's answers keep the label they were given.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ListItem, ListKind, ReferenceLists } from '../../shared/child-contracts.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, useSearchParam } from '../app/router.js';
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

const hidden = { hidden: <span className="visually-hidden" /> };

function isKind(k: string | null): k is ListKind {
  return k !== null && (KINDS as string[]).includes(k);
}

export function ListsPage() {
  const { t } = useTranslation(['staff', 'labels']);
  const param = useSearchParam('liste');
  const kind: ListKind = isKind(param) ? param : 'diseases';
  const lists = useResource('staffLists.get');
  const action = useRowAction();
  const [renaming, setRenaming] = useState<ListItem | null>(null);
  const [removing, setRemoving] = useState<ListItem | null>(null);
  // after « Monter » / « Descendre », keep the keyboard on the moved entry (its other button at either end)
  const [refocus, setRefocus] = useState<{ id: string; dir: 'up' | 'down'; before: ReferenceLists | null } | null>(null);
  const kindTitle = t(`labels:listKind.${kind}`);
  const title = t('lists.pageTitle', { kind: kindTitle });
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
        return t(by < 0 ? 'lists.movedUp' : 'lists.movedDown', { label: item.label, position: to + 1, total: ids.length });
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
        return item.active ? t('lists.deactivated', { label: item.label }) : t('lists.reactivated', { label: item.label });
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
        return t('lists.removed', { label: item.label });
      },
      lists.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('lists.title')}</PageHeading>
      <p>{t('lists.intro')}</p>
      <nav aria-label={t('lists.nav')}>
        <ul className="tabs-nav">
          {KINDS.map((k) => (
            <li key={k}>
              <Link to={`/agent/listes?liste=${k}`} aria-current={k === kind ? 'page' : undefined} className={k === kind ? 'tabs-nav__current' : undefined}>
                {t(`labels:listKind.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{kindTitle}</h2>
      <p className="muted">{t(`lists.hints.${kind}`)}</p>
      {action.done && <StatusMessage>{action.done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={lists.loading && lists.data === null} error={lists.error} />
      {lists.data &&
        (items.length === 0 ? (
          <p className="empty">{t('lists.empty')}</p>
        ) : (
          <ol className="list-editor" aria-label={kindTitle}>
            {items.map((item, i) => (
              <li key={item.id}>
                <div className="list-editor__label">
                  <strong>{item.label}</strong> {!item.active && <StatusTag tone="neutral">{t('lists.inactive')}</StatusTag>}
                  {item.description && <p className="muted list-editor__description">{item.description}</p>}
                </div>
                <div className="list-editor__actions">
                  <Button id={`liste-up-${item.id}`} variant="secondary" className="button--small" busy={action.busyId === item.id} disabled={i === 0} onClick={() => move(item, -1)}>
                    <Trans t={t} i18nKey="lists.up" values={{ label: item.label }} components={hidden} />
                  </Button>
                  <Button id={`liste-down-${item.id}`} variant="secondary" className="button--small" busy={action.busyId === item.id} disabled={i === items.length - 1} onClick={() => move(item, 1)}>
                    <Trans t={t} i18nKey="lists.down" values={{ label: item.label }} components={hidden} />
                  </Button>
                  <Button variant="secondary" className="button--small" onClick={() => { action.clear(); setRenaming(item); }}>
                    <Trans t={t} i18nKey="lists.rename" values={{ label: item.label }} components={hidden} />
                  </Button>
                  <Button variant="secondary" className="button--small" busy={action.busyId === item.id} onClick={() => toggle(item)}>
                    <Trans t={t} i18nKey={item.active ? 'lists.deactivate' : 'lists.reactivate'} values={{ label: item.label }} components={hidden} />
                  </Button>
                  <Button variant="warning" className="button--small" onClick={() => { action.clear(); setRemoving(item); }}>
                    <Trans t={t} i18nKey="lists.remove" values={{ label: item.label }} components={hidden} />
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        ))}
      <AddItem key={kind} kind={kind} onAdded={(label) => { action.setDone(t('lists.added', { label })); lists.reload(); }} />

      <Dialog title={t('lists.renameTitle')} isOpen={renaming !== null} onOpenChange={(open) => !open && setRenaming(null)}>
        {renaming && (
          <RenameForm
            key={renaming.id}
            item={renaming}
            kind={kind}
            onCancel={() => setRenaming(null)}
            onDone={(label) => {
              setRenaming(null);
              action.setDone(t('lists.renamed', { label }));
              lists.reload();
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        title={t('lists.removeTitle')}
        isOpen={removing !== null}
        confirmLabel={t('lists.removeConfirm')}
        onConfirm={() => removing && remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        {removing && (
          <p>
            <Trans t={t} i18nKey="lists.removeText" values={{ label: removing.label, list: kindTitle }} components={{ strong: <strong /> }} />
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function AddItem({ kind, onAdded }: { kind: ListKind; onAdded: (label: string) => void }) {
  const { t } = useTranslation('staff');
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
      <h2 id="ajouter-element">{t('lists.addTitle')}</h2>
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field {...form.field('label')} label={t('lists.label')} required autoComplete="off" />
        <TextArea {...form.field('description')} label={t('lists.description')} hint={t('lists.descriptionHint')} rows={2} />
        <Button type="submit" busy={form.busy}>
          {t('lists.add')}
        </Button>
      </form>
    </section>
  );
}

function RenameForm({ item, kind, onCancel, onDone }: { item: ListItem; kind: ListKind; onCancel: () => void; onDone: (label: string) => void }) {
  const { t } = useTranslation('staff');
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
      <Field {...form.field('label')} label={t('lists.label')} required autoComplete="off" />
      <TextArea {...form.field('description')} label={t('lists.description')} rows={3} />
      <ButtonGroup>
        <Button type="submit" busy={form.busy}>
          {t('shared.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('shared.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
