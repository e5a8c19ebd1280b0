import type { CityConfig } from '../../config.js';
import { longDay as longDayFr, numericDay as numericDayFr } from '../../../shared/i18n/dates.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  | { template: 'account.registered'; firstName: string }
  | { template: 'account.already_exists'; loginUrl: string; resetUrl: string }
  | { template: 'account.validated'; firstName: string; loginUrl: string }
  | { template: 'account.rejected'; firstName: string; reason: string }
  | { template: 'password.reset'; email: string; resetUrl: string }
  | { template: 'password.changed' }
  | { template: 'email_change.confirm'; confirmUrl: string }
  | { template: 'email_change.notice_old'; newEmail: string }
  | { template: 'email_change.done'; newEmail: string }
  | { template: 'staff.invitation'; displayName: string; email: string; setPasswordUrl: string }
  | { template: 'booking.promoted'; firstName: string; childName: string; activityName: string; day: string; unitLabel: string; number: number }
  | {
      template: 'booking.decided';
      firstName: string;
      childName: string;
      activityName: string;
      number: number;
      decision: 'accept' | 'refuse';
      /** the lines decided */
      lines: { day: string; unitLabel: string; action: 'book' | 'cancel' }[];
      /** the staff's reason, written only under a refusal */
      reason: string | null;
    }
  | { template: 'payment.receipt'; reference: string; amount: string; lines: string[]; credit: string | null; paidOn: string }
  | { template: 'document.accepted'; firstName: string; documentName: string; validUntil: string | null }
  | { template: 'document.refused'; firstName: string; documentName: string; reason: string }
  | { template: 'document.expiring'; firstName: string; documentName: string; validUntil: string }
  | { template: 'privacy.closure_requested'; firstName: string }
  | { template: 'billing.invoice_published'; payerName: string; number: string; month: string; amount: string; dueOn: string; url: string };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Block {
  /** plain-text paragraphs; a `{ link, label }` renders as a button in HTML and a bare URL in text */
  paragraphs: (string | { link: string; label: string })[];
  subject: string;
}

const frDay = numericDayFr;
/** « lundi 7 septembre 2026 », the booked day in the booking mails. */
const frLongDay = longDayFr;

const DECIDED: Record<'book' | 'cancel', Record<'accept' | 'refuse', string>> = {
  book: { accept: 'réservation acceptée', refuse: 'réservation refusée' },
  cancel: { accept: 'annulation acceptée', refuse: 'annulation refusée' },
};

function body(t: MailTemplate): Block {
  switch (t.template) {
    case 'document.accepted':
      return {
        subject: 'Votre document a été accepté',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          `Le document « ${t.documentName} » que vous avez transmis a été vérifié et accepté.`,
          t.validUntil ? `Il est valable jusqu’au ${frDay(t.validUntil)}.` : 'Il n’a pas de date de fin de validité.',
        ],
      };
    case 'document.refused':
      return {
        subject: 'Votre document n’a pas pu être accepté',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          `Le document « ${t.documentName} » que vous avez transmis n’a pas pu être accepté, pour la raison suivante :`,
          t.reason,
          'Vous pouvez en envoyer un nouveau depuis votre espace, rubrique « Documents à fournir », bouton « Ajouter un document ».',
        ],
      };
    case 'document.expiring':
      return {
        subject: 'Un de vos documents arrive à expiration',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          `Le document « ${t.documentName} » n’est plus valable après le ${frDay(t.validUntil)}.`,
          'Pensez à en transmettre un nouveau depuis votre espace, rubrique « Documents à fournir » : certaines activités ne peuvent pas être réservées sans lui.',
        ],
      };
    case 'privacy.closure_requested':
      return {
        subject: 'Votre demande de clôture de compte a bien été reçue',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          'Nous avons bien reçu votre demande de clôture de votre compte famille. Nos services la traiteront dans un délai d’un mois.',
          'Vos données personnelles seront alors effacées, à l’exception de celles que la loi nous impose de conserver (factures et paiements).',
          'Avant la clôture, vous pouvez télécharger toutes vos données depuis « Mes Informations ».',
        ],
      };
    case 'account.registered':
      return {
        subject: 'Votre demande de compte famille a bien été reçue',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          'Nous avons bien reçu votre demande de création de compte sur le Portail Familles.',
          'Votre compte sera validé par nos services sous 3 jours ouvrés. En attendant, vous pouvez déjà vous connecter pour compléter les informations de votre famille, les fiches de vos enfants et transmettre vos pièces justificatives. Les réservations seront possibles dès la validation.',
          'Vous recevrez un courriel dès que votre compte sera validé.',
        ],
      };
    case 'account.already_exists':
      return {
        subject: 'Un compte existe déjà avec cette adresse',
        paragraphs: [
          'Bonjour,',
          'Quelqu’un (peut-être vous) a demandé à créer un compte sur le Portail Familles avec cette adresse e-mail. Un compte existe déjà avec cette adresse : aucun nouveau compte n’a été créé.',
          { link: t.loginUrl, label: 'Me connecter' },
          'Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau :',
          { link: t.resetUrl, label: 'Mot de passe oublié' },
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
        ],
      };
    case 'account.validated':
      return {
        subject: 'Votre compte famille est validé',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          'Votre compte sur le Portail Familles a été validé par nos services. Vous pouvez désormais réserver les activités de vos enfants.',
          { link: t.loginUrl, label: 'Accéder à mon espace' },
        ],
      };
    case 'account.rejected':
      return {
        subject: 'Votre demande de compte famille n’a pas été acceptée',
        paragraphs: [
          `Bonjour ${t.firstName},`,
          'Votre demande de compte sur le Portail Familles n’a pas pu être acceptée, pour le motif suivant :',
          `« ${t.reason} »`,
          'Pour toute question, contactez le service Enfance de la mairie.',
        ],
      };
    case 'password.reset':
      return {
        subject: 'Votre identifiant et la réinitialisation de votre mot de passe',
        paragraphs: [
          'Bonjour,',
          `Votre identifiant de connexion au Portail Familles est : ${t.email}`,
          'Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il est valable une heure et ne peut servir qu’une fois.',
          { link: t.resetUrl, label: 'Choisir un nouveau mot de passe' },
          'Si le lien ne s’ouvre pas, copiez-le dans la barre d’adresse de votre navigateur.',
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable. Pour votre sécurité, nous n’envoyons jamais de mot de passe par courriel.',
        ],
      };
    case 'password.changed':
      return {
        subject: 'Votre mot de passe a été modifié',
        paragraphs: [
          'Bonjour,',
          'Le mot de passe de votre compte sur le Portail Familles vient d’être modifié. Les autres appareils connectés ont été déconnectés.',
          'Si vous n’êtes pas à l’origine de ce changement, utilisez immédiatement « Identifiant ou mot de passe oublié » et contactez la mairie.',
        ],
      };
    case 'email_change.confirm':
      return {
        subject: 'Confirmez votre nouvelle adresse e-mail',
        paragraphs: [
          'Bonjour,',
          'Vous avez demandé à utiliser cette adresse comme identifiant de connexion au Portail Familles. Tant que vous ne l’avez pas confirmée, votre identifiant reste inchangé.',
          'Cliquez sur le lien ci-dessous pour confirmer votre nouvelle adresse (valable 24 heures) :',
          { link: t.confirmUrl, label: 'Confirmer ma nouvelle adresse' },
          'Si le lien ne s’ouvre pas automatiquement, copiez-le dans la barre d’adresse de votre navigateur et appuyez sur Entrée.',
        ],
      };
    case 'email_change.notice_old':
      return {
        subject: 'Demande de changement de votre identifiant',
        paragraphs: [
          'Bonjour,',
          `Une demande de changement de l’identifiant de votre compte vers l’adresse ${t.newEmail} a été faite. Le changement n’aura lieu qu’une fois la nouvelle adresse confirmée.`,
          'Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe et contactez la mairie.',
        ],
      };
    case 'email_change.done':
      return {
        subject: 'Votre identifiant a été modifié',
        paragraphs: [
          'Bonjour,',
          `L’identifiant de votre compte sur le Portail Familles est désormais ${t.newEmail}. Cette adresse ne permet plus de vous connecter.`,
          'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement la mairie.',
        ],
      };
    case 'staff.invitation':
      return {
        subject: 'Votre accès au back-office du Portail Familles',
        paragraphs: [
          `Bonjour ${t.displayName},`,
          `Un compte agent a été créé pour vous sur le Portail Familles. Votre identifiant est : ${t.email}`,
          'Choisissez votre mot de passe avec le lien ci-dessous (valable 72 heures, utilisable une fois) :',
          { link: t.setPasswordUrl, label: 'Choisir mon mot de passe' },
        ],
      };
    case 'booking.promoted':
      return {
        subject: `Une place s’est libérée pour ${t.childName}`,
        paragraphs: [
          `Bonjour ${t.firstName},`,
          `Une place s’est libérée : ${t.childName}, inscrit(e) sur la liste d’attente de l’activité « ${t.activityName} », est désormais inscrit(e) pour le ${frLongDay(t.day)} (${t.unitLabel}) (réservation n° ${t.number}).`,
          'Si vous n’avez plus besoin de cette place, annulez-la depuis votre espace dans les délais d’annulation : elle sera proposée à une autre famille.',
        ],
      };
    case 'booking.decided':
      return {
        subject: `Votre réservation n° ${t.number} a été traitée`,
        paragraphs: [
          `Bonjour ${t.firstName},`,
          `Le service a traité votre demande n° ${t.number} pour ${t.childName} (« ${t.activityName} ») :`,
          ...t.lines.map((l) => `• ${frLongDay(l.day)} — ${l.unitLabel} : ${DECIDED[l.action][t.decision]}`),
          ...(t.decision === 'refuse' && t.reason ? [`Motif : « ${t.reason} »`] : []),
          'Vous retrouvez le détail de vos réservations dans votre espace, rubrique « Accueil de loisirs / Périscolaire ».',
        ],
      };
    case 'payment.receipt':
      return {
        subject: `Reçu de votre paiement en ligne de ${t.amount}`,
        paragraphs: [
          'Bonjour,',
          `Votre paiement en ligne de ${t.amount} du ${t.paidOn} a été validé par la banque (référence ${t.reference}).`,
          ...t.lines,
          ...(t.credit ? [`${t.credit} n’ont pas pu être affectés à vos factures (déjà réglées entre-temps) : ce montant reste à votre crédit et figure dans vos paiements.`] : []),
          'Vous retrouvez vos factures et vos paiements dans votre espace, rubrique « Mes Factures & Paiements ».',
        ],
      };
    case 'billing.invoice_published':
      return {
        subject: `Votre facture n° ${t.number} est disponible`,
        paragraphs: [
          `Bonjour ${t.payerName},`,
          `Votre facture n° ${t.number} (${t.month}) d’un montant de ${t.amount} est disponible dans votre espace, rubrique « Mes Factures & Paiements ». Elle est à régler avant le ${t.dueOn}, en ligne ou auprès de la régie.`,
          { link: t.url, label: 'Voir mes factures' },
        ],
      };
  }
}

/** French mails, HTML and plain text, signed with the city's name and contact details. */
export function renderMail(t: MailTemplate, city: CityConfig): RenderedMail {
  const b = body(t);
  const signature = [`${city.name} — Portail Familles`, city.address, `${city.phone} · ${city.email}`];
  const text =
    b.paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label} : ${p.link}`)).join('\n\n') +
    `\n\n-- \n${signature.join('\n')}\n`;
  const htmlParas = b.paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:10px 16px;background:#1d4f91;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(p.label)}</a><br><span style="font-size:13px;color:#444">${escapeHtml(p.link)}</span></p>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(b.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0;padding:24px">
<p style="margin:0 0 24px;font-weight:bold;color:#1d4f91">${escapeHtml(city.name)} — Portail Familles</p>
${htmlParas}
<hr style="border:0;border-top:1px solid #ccc;margin:24px 0">
<p style="font-size:13px;color:#444;margin:0">${signature.map(escapeHtml).join('<br>')}</p>
</body></html>`;
  return { subject: `${b.subject} — ${city.name}`, text, html };
}
