import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contracts.js';
import type { MfaMethod } from '../../../shared/security-contracts.js';
import { ApiError, call } from '../../api/client.js';
import { Button, ButtonGroup } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { useForm } from '../../ui/use-form.js';
import { usePageTitle } from '../page.js';

/**
 * Runs a WebAuthn sign-in (issue 11): options from the server (for the pending login's account, or any passkey),
 * the browser's prompt, the assertion checked by the server. The library loads only when a passkey is used.
 */
export async function signInWithPasskey(cancelledMessage: string): Promise<AccountView> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const options = await call('auth.passkeyOptions');
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options as never });
  } catch {
    throw new ApiError(400, 'mfa.passkey_failed', cancelledMessage);
  }
  const { account } = await call('auth.passkeyVerify', { body: { response: response as never } });
  return account;
}

/** The second step of a staff sign-in: the TOTP code, a recovery code or the passkey. */
export function SecondStep({ methods, onSignedIn, onRestart }: { methods: MfaMethod[]; onSignedIn: (a: AccountView) => void; onRestart: () => void }) {
  const { t } = useTranslation('security');
  const [mode, setMode] = useState<'totp' | 'recovery'>(methods.includes('totp') ? 'totp' : 'recovery');
  const form = useForm({ code: '' });
  usePageTitle(t('secondStep.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        const { account } = await call(mode === 'totp' ? 'auth.totp' : 'auth.recovery', { body: { code: form.values.code } });
        onSignedIn(account);
      },
      { required: ['code'] },
    );
  }

  function passkey() {
    form.clear();
    void form.submit(async () => onSignedIn(await signInWithPasskey(t('passkeySignIn.cancelled'))));
  }

  function switchTo(next: 'totp' | 'recovery') {
    form.clear();
    form.set('code', '');
    setMode(next);
  }

  const showCodeForm = methods.includes('totp') || methods.includes('recovery');
  return (
    <>
      <h2 id="second-step-title">{t('secondStep.title')}</h2>
      <p>{t('secondStep.intro')}</p>
      <ErrorSummary {...form.summary} />
      {showCodeForm && (
        <form noValidate onSubmit={onSubmit} aria-labelledby="second-step-title">
          {mode === 'totp' ? (
            <Field {...form.field('code')} key="totp" label={t('secondStep.code')} hint={t('secondStep.codeHint')} autoComplete="one-time-code" inputMode="numeric" spellCheck={false} autoFocus />
          ) : (
            <Field {...form.field('code')} key="recovery" label={t('secondStep.recovery')} hint={t('secondStep.recoveryHint')} autoComplete="off" spellCheck={false} autoCapitalize="characters" autoFocus />
          )}
          <Button type="submit" busy={form.busy}>
            {t('secondStep.submit')}
          </Button>
        </form>
      )}
      <ButtonGroup>
        {methods.includes('passkey') && (
          <Button variant={showCodeForm ? 'secondary' : 'primary'} onClick={passkey} busy={form.busy}>
            {t('secondStep.usePasskey')}
          </Button>
        )}
        {mode === 'totp' && methods.includes('recovery') && (
          <Button variant="secondary" onClick={() => switchTo('recovery')}>
            {t('secondStep.useRecovery')}
          </Button>
        )}
        {mode === 'recovery' && methods.includes('totp') && (
          <Button variant="secondary" onClick={() => switchTo('totp')}>
            {t('secondStep.useTotp')}
          </Button>
        )}
        <Button variant="link" onClick={onRestart}>
          {t('secondStep.restart')}
        </Button>
      </ButtonGroup>
    </>
  );
}

/** « Se connecter avec une clé d’accès »: a staff passkey alone (it is two factors: the device and its PIN or biometrics). */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (a: AccountView) => void }) {
  const { t } = useTranslation('security');
  const form = useForm();
  function onClick() {
    void form.submit(async () => onSignedIn(await signInWithPasskey(t('passkeySignIn.cancelled'))));
  }
  return (
    <section className="card" aria-labelledby="passkey-titre">
      <h2 id="passkey-titre">{t('passkeySignIn.heading')}</h2>
      <p>{t('passkeySignIn.text')}</p>
      <ErrorSummary {...form.summary} />
      <Button variant="secondary" onClick={onClick} busy={form.busy}>
        {t('passkeySignIn.button')}
      </Button>
    </section>
  );
}
