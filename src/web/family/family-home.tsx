import { useTranslation } from 'react-i18next';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { FranceConnectAccountLink } from '../app/franceconnect.js';
import { StatusMessage } from '../ui/status-message.js';
import { ChildrenBlock } from './children-block.js';
import { BookingBlock } from './booking-block.js';
import { ChildrenGlance } from './children-glance.js';
import { DocumentsBlock } from './documents-block.js';
import { InvoiceBlock } from './invoice-block.js';
import { MessagesBlock } from './messages-block.js';
import { NewsBlock } from './messages-news-block.js';
import { rightsText } from '../views/members-view.js';
import { FamilySessionsLink } from './sessions.js';

/**
 * « Mon compte famille » (guide §4): the blocks of the family space. Issue 17: the page opens on what a parent needs
 * this week — each child's days this week and next, the deadlines, the planning one click away — then what is to do
 * (to pay, documents to send, messages), then the reservations, the children and the account.
 */
export function FamilyHomePage() {
  const { account } = useSession();
  const flash = useFlash();
  const { t } = useTranslation('family');
  const { t: tm } = useTranslation('members');
  usePageTitle(t('home.title'));
  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <p className="lead">{t('home.hello', { name: account?.displayName })}</p>
      <ChildrenGlance canBook={account?.member?.canBook ?? true} />
      <div className="blocks blocks--todo">
        <InvoiceBlock />
        <DocumentsBlock />
        <MessagesBlock />
        <NewsBlock />
      </div>
      <div className="blocks">
        <BookingBlock />
        <ChildrenBlock />
        <section className="card" aria-labelledby="bloc-informations">
          <h2 id="bloc-informations">{t('home.info.title')}</h2>
          <p>{t('home.info.text')}</p>
          <ul className="link-list">
            <li>
              <Link to="/famille/informations">{t('home.info.view')}</Link>
            </li>
            {(account?.member?.canEdit ?? true) && (
              <li>
                <Link to="/famille/informations/modifier">{t('home.info.edit')}</Link>
              </li>
            )}
            <li>
              <Link to="/famille/identifiant">{t('home.info.email')}</Link>
            </li>
            <li>
              <Link to="/famille/mot-de-passe">{t('home.info.password')}</Link>
            </li>
            <li>
              <FamilySessionsLink />
            </li>
            <li>
              <Link to="/famille/mes-donnees">{t('home.info.privacy')}</Link>
            </li>
            <FranceConnectAccountLink />
          </ul>
        </section>
        <section className="card" aria-labelledby="bloc-membres">
          <h2 id="bloc-membres">{tm('block.title')}</h2>
          <p>{tm('block.text')}</p>
          {account?.member && (
            <p>{tm('block.yourLogin', { role: tm(`role.${account.member.role}`), rights: rightsText(tm, account.member, account.member.role === 'holder') })}</p>
          )}
          <ul className="link-list">
            <li>
              <Link to="/famille/membres">{tm('block.members')}</Link>
            </li>
            <li>
              <Link to="/famille/journal">{tm('block.journal')}</Link>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
