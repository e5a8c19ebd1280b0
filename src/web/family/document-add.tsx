import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useSearchParam } from '../app/router.js';
import { DOCUMENT_FILE_ACCEPT } from '../i18n/document-labels.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { ErrorSummary, type SummaryError } from '../ui/error-summary.js';
import { SelectField } from '../ui/field.js';
import { FilePicker } from '../ui/file-picker.js';
import { LoadState } from '../ui/loading.js';
import { UploadProgress } from '../ui/upload-progress.js';
import { uploadForm } from '../ui/upload-request.js';
import { useForm } from '../ui/use-form.js';
import { checkFiles } from './document-files.js';
import { DOCUMENTS_PATH, DocumentTabs, itemTitle } from '../views/document-view.js';
import '../ui/documents.css';

/** « Ajouter un document » (guide §7): the type (and the child), « Parcourir », « Envoyer », with a progress bar. */
export function DocumentAddPage() {
  const { t } = useTranslation(['family', 'common']);
  const checklist = useResource('documents.checklist');
  // « Envoyer ce document » from the list comes with the type (and the child) chosen.
  const typeParam = useSearchParam('type');
  const childParam = useSearchParam('enfant');
  const [typeId, setTypeId] = useState(typeParam ?? '');
  const [childId, setChildId] = useState(childParam ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm();
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  usePageTitle(t('documentAdd.title'), form.errors.length > 0);

  const data = checklist.data;
  const types = (data?.types ?? []).filter((x) => x.active);
  const type = types.find((x) => x.id === typeId) ?? null;
  const perChild = type?.scope === 'child';

  function check(): SummaryError[] {
    const problems: SummaryError[] = [];
    if (!type) problems.push({ path: 'typeId', message: t('documentAdd.chooseType') });
    if (perChild && !childId) problems.push({ path: 'childId', message: errorMessage('document.child_required') });
    return [...problems, ...checkFiles(files)];
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (progress) return;
    void form.submit(
      async () => {
        // The server reads the fields before the files: keep this order.
        const body = new FormData();
        body.append('typeId', typeId);
        if (perChild) body.append('childId', childId);
        for (const f of files) body.append('files', f, f.name);
        form.clear();
        setProgress({ loaded: 0, total: files.reduce((n, f) => n + f.size, 0) });
        try {
          const sent = await uploadForm('documents.upload', body, setProgress);
          navigate(DOCUMENTS_PATH, {
            flash: t('documentAdd.sent', { title: itemTitle(sent), count: sent.files.length }),
          });
        } catch (err) {
          setProgress(null);
          throw err;
        }
      },
      {
        check,
        // Field paths from the server: typeId, childId, files (or files.N): all point at a field of this form.
        mapErrors: (list) => list.map((x) => (x.path && /^files/.test(x.path) ? { ...x, path: 'files' } : x)),
      },
    );
  }

  const { errorFor } = form;

  return (
    <>
      <Link to="/famille" className="back-link">
        {t('documentAdd.back')}
      </Link>
      <PageHeading>{t('documentAdd.heading')}</PageHeading>
      <DocumentTabs current="add" />
      <h2>{t('documentAdd.title')}</h2>
      <LoadState loading={checklist.loading && data === null} error={checklist.error} />
      {data && types.length === 0 && <p className="empty">{t('documentAdd.none')}</p>}
      {data && types.length > 0 && (
        <form noValidate onSubmit={(e) => void onSubmit(e)} className="form--wide">
          <ErrorSummary {...form.summary} />
          <p>{t('documentAdd.intro')}</p>
          <SelectField
            name="typeId"
            label={t('documentAdd.type')}
            required
            placeholder={t('documentAdd.typePlaceholder')}
            options={types.map((x) => ({ value: x.id, label: x.name }))}
            value={typeId}
            onValueChange={(v) => {
              setTypeId(v);
              if (types.find((x) => x.id === v)?.scope !== 'child') setChildId('');
            }}
            hint={type?.description ?? undefined}
            error={errorFor('typeId')}
          />
          {perChild && (
            <SelectField
              name="childId"
              label={t('documentAdd.child')}
              required
              placeholder={t('documentAdd.childPlaceholder')}
              options={data.children.map((c) => ({ value: c.id, label: c.name }))}
              value={childId}
              onValueChange={setChildId}
              error={errorFor('childId')}
            />
          )}
          <FilePicker
            name="files"
            label={t('documentAdd.files')}
            hint={t('common:documentFileHint')}
            required
            accept={DOCUMENT_FILE_ACCEPT}
            files={files}
            onFilesChange={setFiles}
            error={errorFor('files')}
          />
          {progress && <UploadProgress label={t('documentAdd.progress')} loaded={progress.loaded} total={progress.total} />}
          <ButtonGroup>
            <Button type="submit" busy={progress !== null}>
              {t('documentAdd.send')}
            </Button>
            <Link to={DOCUMENTS_PATH}>{t('documentAdd.cancel')}</Link>
          </ButtonGroup>
        </form>
      )}
    </>
  );
}
