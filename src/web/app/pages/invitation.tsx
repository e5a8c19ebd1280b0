import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, errorMessage } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { formatDate } from '../../i18n/format.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link, useSearchParam } from '../router.js';
import { useSession } from '../session.js';
import type { InvitationPreview } from '../../../shared/member-contracts.js';

/** The invitation's own refusals: the link is unknown, used, expired or withdrawn (said plainly, no form). */
const LINK_CODES = ['member.invitation_invalid', 'member.invitation_used', 'member.invitation_expired', 'member.invitation_withdrawn', 'member.invitation_email_taken', 'token.invalid'];

/** « Rejoindre un foyer » (issue 11): the mailed invitation, checked on opening, accepted with one's own password. */
export function InvitationPage() {
  const token = useSearchParam('jeton') ?? '';
  const { t } = useTranslation(['members', 'auth']);
  const { setAccount } = useSession();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [state, setState] = useState<'checking' | 'form' | 'invalid' | 'done'>(token.length >= 10 ? 'checking' : 'invalid');
  const [problem, setProblem] = useState<string>(errorMessage('member.invitation_invalid'));
  const [status, setStatus] = useState<'active' | 'pending'>('active');
  const form = useForm({ firstName: '', lastName: '', password: '', passwordConfirmation: '' });
  const title = state === 'invalid' ? t('accept.invalidTitle') : state === 'done' ? t('accept.doneTitle') : t('accept.title');
  usePageTitle(title, state === 'form' && form.errors.length > 0);

  useEffect(() => {
    if (token.length < 10) return;
    const controller = new AbortController();
    call('invitations.check', { body: { token }, signal: controller.signal })
      .then((p) => {
        setPreview(p);
        setState('form');
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(e instanceof ApiError ? e.message : errorMessage('internal'));
        setState('invalid');
      });
    return () => controller.abort();
  }, [token]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        try {
          const res = await call('invitations.accept', { body: { token, ...form.values } });
          setStatus(res.account.status === 'pending' ? 'pending' : 'active');
          setAccount(res.account);
          setState('done');
        } catch (err) {
          if (err instanceof ApiError && (LINK_CODES.includes(err.code) || err.fields.some((f) => f.path === 'token'))) {
            setProblem(err.fields.find((f) => f.path === 'token')?.message ?? err.message);
            setState('invalid');
            return;
          }
          throw err;
        }
      },
      { required: ['firstName', 'lastName', 'password', 'passwordConfirmation'] },
    );
  }

  if (state === 'checking') return <p className="loading">{t('accept.checking')}</p>;

  if (state === 'invalid')
    return (
      <>
        <PageHeading autoFocus>{t('accept.invalidTitle')}</PageHeading>
        <p>{problem}</p>
        <p>
          <Link to="/">{t('accept.signIn')}</Link>
        </p>
      </>
    );

  if (state === 'done')
    return (
      <>
        <PageHeading autoFocus>{t('accept.doneTitle')}</PageHeading>
        <StatusMessage tone={status === 'pending' ? 'warning' : 'success'}>
          <p>{status === 'pending' ? t('accept.donePending') : t('accept.doneActive')}</p>
        </StatusMessage>
        <p>
          <Link to="/famille">{t('accept.goHome')}</Link>
        </p>
      </>
    );

  const rights = preview
    ? (['canBook', 'canPay', 'canEdit'] as const)
        .filter((k) => preview.rights[k])
        .map((k) => t(`rights.${k}`))
        .join(', ') || t('rights.seeOnly')
    : '';
  return (
    <>
      <PageHeading>{t('accept.title')}</PageHeading>
      {preview && (
        <>
          <p>{preview.invitedBy ? t('accept.invitedBy', { name: preview.invitedBy, family: preview.familyName }) : t('accept.invitedByStaff', { family: preview.familyName })}</p>
          <p>{t('accept.asGuardian', { rank: preview.guardianRank, rights })}</p>
          <p>
            <strong>{t('accept.login', { email: preview.email })}</strong>
          </p>
          <p>{t('accept.until', { date: formatDate(preview.expiresAt) })}</p>
        </>
      )}
      <ErrorSummary {...form.summary} />
      <form noValidate onSubmit={onSubmit}>
        <Field {...form.field('firstName')} label={t('accept.firstName')} autoComplete="given-name" required />
        <Field {...form.field('lastName')} label={t('accept.lastName')} autoComplete="family-name" required />
        <PasswordField {...form.field('password')} label={t('accept.password')} hint={t('auth:shared.passwordRules')} autoComplete="new-password" required />
        <PasswordField {...form.field('passwordConfirmation')} label={t('accept.passwordConfirmation')} autoComplete="new-password" required />
        <Button type="submit" busy={form.busy}>
          {t('accept.submit')}
        </Button>
      </form>
    </>
  );
}
