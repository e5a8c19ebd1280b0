/** French labels for the enums the API sends; one place so every page says the same thing. */
export const PORTAL_NAME = 'Portail Familles';

export const CIVILITY_LABELS = { M: 'M.', MME: 'Mme' } as const;

export const FAMILY_SITUATION_LABELS = {
  married: 'Marié(e)',
  pacs: 'Pacsé(e)',
  cohabiting: 'Vie maritale',
  single: 'Célibataire',
  separated: 'Séparé(e)',
  divorced: 'Divorcé(e)',
  widowed: 'Veuf/veuve',
} as const;

export const BENEFITS_REGIME_LABELS = { CAF: 'CAF', MSA: 'MSA', AUTRE: 'Autre régime' } as const;

export const ACCOUNT_STATUS_LABELS = {
  pending: 'en attente de validation',
  active: 'validé',
  rejected: 'refusé',
  disabled: 'désactivé',
} as const;

export const STAFF_STATUS_LABELS = {
  pending: 'invitation envoyée',
  active: 'actif',
  rejected: 'refusé',
  disabled: 'désactivé',
} as const;

export const ROLE_LABELS = { admin: 'Administrateur', agent: 'Agent' } as const;

export const OUTBOX_STATUS_LABELS = {
  sent: 'envoyé',
  pending: 'en attente d’envoi',
  failed: 'échec',
  not_sent: 'non envoyé (pas de serveur SMTP)',
} as const;

export const MESSAGE_TEMPLATE_LABELS: Record<string, string> = {
  'account.registered': 'Création de compte',
  'account.already_exists': 'Compte déjà existant',
  'account.validated': 'Compte validé',
  'account.rejected': 'Compte refusé',
  'password.reset': 'Mot de passe oublié',
  'password.changed': 'Mot de passe modifié',
  'email_change.confirm': 'Confirmation de la nouvelle adresse',
  'email_change.notice_old': 'Avis de changement d’adresse',
  'email_change.done': 'Adresse modifiée',
  'staff.invitation': 'Invitation d’un agent',
};

export const PASSWORD_RULES =
  'Au moins 12 caractères mélangeant au moins 3 types parmi : minuscules, majuscules, chiffres et caractères spéciaux. Une phrase de passe d’au moins 4 mots et 20 caractères convient aussi. Évitez les mots de passe courants et votre adresse e-mail.';

// ---------- children's records (guide §4.4 to §4.6) ----------
// Same words as src/shared/child-contracts.ts; repeated here so the pages import only types from the contracts
// (importing values would bring zod into the browser bundle).

export const SEX_LABELS = { F: 'Fille', M: 'Garçon' } as const;

export const LIST_KIND_TITLES = {
  diseases: 'Maladies',
  allergies: 'Allergies',
  authorizations: 'Autorisations',
  kinships: 'Liens de parenté (suggestions)',
  diets: 'Régimes alimentaires',
} as const;

export const HEALTH_ACCESS_LABELS = {
  record: 'Consultation de la fiche enfant',
  history: 'Consultation de l’historique des modifications',
  emergency_sheet: 'Impression de la fiche d’urgence',
} as const;

export function yesNoLabel(v: boolean | null | undefined): string {
  return v === true ? 'Oui' : v === false ? 'Non' : 'Non renseigné';
}
