import { BOOKING_MESSAGES_FR } from './booking-messages.js';
import { BILLING_MESSAGES_FR } from './billing-messages.js';
import { PAYMENT_MESSAGES_FR } from './payment-messages.js';
import { DEADLINE_MESSAGES_FR } from './calendar/deadline-messages.js';
import { DOCUMENT_MESSAGES_FR } from './document-messages.js';

/**
 * Error codes and their French sentences. The server sends the code (and the sentence, for API users);
 * the browser shows the sentence. One table for both sides.
 */
const MESSAGES = {
  // generic field problems
  required: 'Ce champ est obligatoire.',
  too_long: 'Ce texte est trop long.',
  too_short: 'Ce texte est trop court.',
  'field.invalid': 'Cette valeur n’est pas valide.',
  'choice.invalid': 'Choisissez une des valeurs proposées.',
  'email.invalid': 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
  'phone.invalid': 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +32 470 12 34 56.',
  'phone.one_required': 'Saisissez au moins un numéro de téléphone (portable ou domicile).',
  'date.invalid': 'Saisissez une date valide.',
  'date.out_of_range': 'La date doit être passée et postérieure à 1900.',
  'postal_code.invalid': 'Le code postal compte 5 chiffres.',
  'postal_code.unknown_city': 'Cette commune ne correspond pas au code postal : choisissez-la dans la liste proposée.',
  'number.invalid': 'Saisissez un nombre entier.',
  'number.out_of_range': 'Saisissez un nombre entre 0 et 99 999.',
  'benefits_number.invalid': 'Le numéro d’allocataire ne contient que des chiffres et des lettres (4 à 20).',
  'payer.guardian2_missing': 'Le responsable 2 doit être renseigné pour être le payeur.',
  'terms.required': 'Vous devez accepter les conditions d’utilisation du portail pour créer votre compte.',
  'password.too_short':
    'Le mot de passe doit compter au moins 12 caractères, dont au moins 3 types parmi : minuscules, majuscules, chiffres, caractères spéciaux (ou une phrase de passe d’au moins 4 mots et 20 caractères).',
  'password.too_weak':
    'Le mot de passe doit mélanger au moins 3 types de caractères parmi : minuscules, majuscules, chiffres, caractères spéciaux (ou être une phrase de passe d’au moins 4 mots et 20 caractères).',
  'password.common':
    'Ce mot de passe est trop facile à deviner (mot ou prénom courant, suite de touches, date, votre nom ou votre adresse e-mail…) : choisissez-en un autre, par exemple quelques mots sans lien entre eux.',
  'password.too_long': 'Le mot de passe ne doit pas dépasser 256 caractères.',
  'password.mismatch': 'Les deux mots de passe ne sont pas identiques.',
  'password.current_wrong': 'Le mot de passe actuel est incorrect.',
  'password.same_as_current': 'Le nouveau mot de passe doit être différent de l’actuel.',
  'password.changed_meanwhile':
    'Votre mot de passe vient d’être modifié depuis un autre appareil ou une autre fenêtre. Rechargez la page et recommencez avec le nouveau mot de passe.',
  'email.same_as_current': 'Cette adresse est déjà votre identifiant.',
  'email.taken': 'Cette adresse ne peut pas être utilisée. Choisissez une autre adresse.',
  'token.invalid': 'Ce lien n’est plus valable : il a déjà été utilisé ou a expiré. Faites une nouvelle demande.',

  // request-level problems
  'request.invalid': 'Le formulaire contient des erreurs.',
  'request.malformed': 'La requête est mal formée.',
  'request.abandoned': 'La connexion a été interrompue avant le traitement de votre demande : rien n’a été enregistré. Réessayez.',
  'request.conflict': 'Votre demande croise une autre modification faite au même moment : rien n’a été enregistré. Rechargez la page et réessayez.',
  'request.unsupported_media': 'Format de requête non pris en charge.',
  'request.too_large': 'La requête est trop volumineuse.',
  'request.csrf': 'Votre session a expiré ou la page est trop ancienne. Rechargez la page et recommencez.',
  'request.origin':
    'Cette demande vient d’un autre site que le Portail Familles : elle a été refusée. Ouvrez le portail à son adresse habituelle et recommencez.',
  'request.rate_limited': 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
  'auth.required': 'Vous devez vous connecter pour accéder à cette page.',
  'auth.forbidden': 'Vous n’avez pas accès à cette page.',
  'auth.invalid_credentials': 'Identifiant ou mot de passe incorrect.',
  'auth.throttled':
    'Trop de tentatives de connexion. Par sécurité, patientez quelques minutes avant de réessayer, ou utilisez « Identifiant ou mot de passe oublié ».',
  'auth.account_rejected':
    'Votre demande de compte n’a pas été acceptée. Consultez le courriel qui vous a été envoyé ou contactez la mairie.',
  'auth.account_disabled': 'Ce compte est désactivé. Contactez la mairie.',
  'account.not_pending': 'Ce compte a déjà été traité.',
  'account.not_validated':
    'Votre compte est en attente de validation par la mairie (sous 3 jours ouvrés). Vous pourrez réserver dès qu’il sera validé.',
  'staff.cannot_change_self': 'Vous ne pouvez pas modifier votre propre rôle ni désactiver votre propre compte.',
  'staff.last_admin': 'Il doit rester au moins un administrateur actif.',
  'outbox.not_retryable': 'Ce message n’est pas en échec : il a déjà été envoyé ou est en cours d’envoi.',
  // children's records (§4.4 to §4.6) and reference lists
  too_many: 'Vous avez atteint le nombre maximum de lignes.',
  'allergy.comment_required': 'Précisez l’allergie : réaction, traitement ou conduite à tenir.',
  'authorization.required': 'Répondez Oui ou Non à cette autorisation.',
  'list_item.unknown': 'Cet élément ne fait plus partie de la liste proposée : rechargez la page.',
  'contact.duplicate_ref': 'Cette personne figure deux fois dans la liste.',
  'pickup.contact_missing':
    'Cette personne ne fait plus partie des personnes à contacter en cas d’urgence : choisissez-en une autre ou ajoutez-la comme nouvelle personne.',
  'pickup.duplicate': 'Cette personne est déjà autorisée à venir chercher l’enfant.',
  'list.label_taken': 'Cet intitulé existe déjà dans cette liste.',
  'list.order_mismatch': 'La liste a changé entre-temps : rechargez la page et recommencez.',
  not_found: 'Page ou élément introuvable.',
  internal: 'Une erreur inattendue est survenue. Réessayez dans quelques instants.',
  // catalog and bookings (issue 4), deadline rules entered by staff
  ...BOOKING_MESSAGES_FR,
  // invoices and payments (issue 5)
  ...BILLING_MESSAGES_FR,
  ...DEADLINE_MESSAGES_FR,
  ...PAYMENT_MESSAGES_FR,
  // supporting documents and the family's own data (issue 6)
  ...DOCUMENT_MESSAGES_FR,
} satisfies Record<string, string>;

/** A code of the message table: a literal code misspelt is a type error (`messageFor('booking.ful')`). */
export type ErrorCode = keyof typeof MESSAGES;

/** The table by any string, for codes only known at run time (sent by the server, read from a row). */
export const MESSAGES_FR: Record<string, string> = MESSAGES;

/** Whether a code received at run time is one of the table's. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** Field-specific sentences, keyed by the field's path then the code: clearer than the generic ones. */
export const FIELD_MESSAGES_FR: Record<string, Record<string, string>> = {
  email: { required: 'Saisissez votre adresse e-mail.' },
  newEmail: { required: 'Saisissez votre nouvelle adresse e-mail.' },
  password: { required: 'Saisissez votre mot de passe.' },
  currentPassword: { required: 'Saisissez votre mot de passe actuel.' },
  newPassword: { required: 'Saisissez votre nouveau mot de passe.' },
  passwordConfirmation: { required: 'Confirmez votre mot de passe.' },
  newPasswordConfirmation: { required: 'Confirmez votre nouveau mot de passe.' },
  civility: { required: 'Indiquez la civilité.' },
  lastName: { required: 'Saisissez le nom.' },
  firstName: { required: 'Saisissez le prénom.' },
  phone: { required: 'Saisissez un numéro de téléphone.' },
  addressLine1: { required: 'Saisissez l’adresse (numéro et rue).' },
  postalCode: { required: 'Saisissez le code postal.' },
  city: { required: 'Saisissez la commune.' },
  familySituation: { required: 'Indiquez la situation familiale.' },
  benefitsRegime: { required: 'Indiquez le régime (CAF, MSA ou autre) du numéro d’allocataire.' },
  reason: { required: 'Indiquez le motif du refus : il sera envoyé à la famille.' },
  displayName: { required: 'Saisissez le nom de l’agent.' },
  role: { required: 'Choisissez le rôle.' },
  sex: { required: 'Indiquez le sexe de l’enfant.' },
  birthDate: { required: 'Saisissez la date de naissance.' },
  relationship: { required: 'Indiquez le lien avec l’enfant.' },
  phone1: { required: 'Saisissez au moins un numéro de téléphone.' },
  vaccinationsUpToDate: { required: 'Indiquez si l’enfant est à jour de ses vaccins obligatoires.' },
  carePlan: { required: 'Indiquez si l’enfant bénéficie d’un PAI (projet d’accueil individualisé).' },
  answer: { required: 'Répondez Oui ou Non.' },
  label: { required: 'Saisissez l’intitulé.' },
};

/**
 * The French sentence of an error code (the field-specific one when `path` names a field that has one). A literal
 * code must be an ErrorCode; a code typed `string` (received at run time) is accepted and, when unknown, gets the
 * generic « request.invalid » sentence.
 */
export function messageFor<C extends string>(code: C & (string extends C ? string : ErrorCode), path?: string): string {
  if (path) {
    const leaf = path.split('.').pop() ?? path;
    const specific = FIELD_MESSAGES_FR[path]?.[code] ?? FIELD_MESSAGES_FR[leaf]?.[code];
    if (specific) return specific;
  }
  return MESSAGES_FR[code] ?? MESSAGES_FR['request.invalid'];
}
