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
