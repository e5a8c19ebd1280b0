/**
 * Namespace « errors », French (the reference catalogue): every error code's sentence, the key being the code itself
 * (`booking.full` → `booking: { full }`), and under `fields` the sentences of a field that says it more clearly than
 * the generic one (`fields.<field>.<code>`, the field being the last segment of the path). The server sends the code
 * and the sentence in the request's language; the pages show the sentence through i18next.
 */
const errors = {
  required: 'Ce champ est obligatoire.',
  too_long: 'Ce texte est trop long.',
  too_short: 'Ce texte est trop court.',
  field: {
    invalid: 'Cette valeur n’est pas valide.',
  },
  choice: {
    invalid: 'Choisissez une des valeurs proposées.',
  },
  email: {
    invalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
    same_as_current: 'Cette adresse est déjà votre identifiant.',
    taken: 'Cette adresse ne peut pas être utilisée. Choisissez une autre adresse.',
  },
  phone: {
    invalid: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +32 470 12 34 56.',
    one_required: 'Saisissez au moins un numéro de téléphone (portable ou domicile).',
  },
  date: {
    invalid: 'Saisissez une date valide.',
    out_of_range: 'La date doit être passée et postérieure à 1900.',
  },
  postal_code: {
    invalid: 'Le code postal compte 5 chiffres.',
    unknown_city: 'Cette commune ne correspond pas au code postal : choisissez-la dans la liste proposée.',
  },
  number: {
    invalid: 'Saisissez un nombre entier.',
    out_of_range: 'Saisissez un nombre entre 0 et 99 999.',
  },
  benefits_number: {
    invalid: 'Le numéro d’allocataire ne contient que des chiffres et des lettres (4 à 20).',
  },
  payer: {
    guardian2_missing: 'Le responsable 2 doit être renseigné pour être le payeur.',
  },
  terms: {
    required: 'Vous devez accepter les conditions d’utilisation du portail pour créer votre compte.',
  },
  password: {
    too_short: 'Le mot de passe doit compter au moins 12 caractères, dont au moins 3 types parmi : minuscules, majuscules, chiffres, caractères spéciaux (ou une phrase de passe d’au moins 4 mots et 20 caractères).',
    too_weak: 'Le mot de passe doit mélanger au moins 3 types de caractères parmi : minuscules, majuscules, chiffres, caractères spéciaux (ou être une phrase de passe d’au moins 4 mots et 20 caractères).',
    common: 'Ce mot de passe est trop facile à deviner (mot ou prénom courant, suite de touches, date, votre nom ou votre adresse e-mail…) : choisissez-en un autre, par exemple quelques mots sans lien entre eux.',
    too_long: 'Le mot de passe ne doit pas dépasser 256 caractères.',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
    current_wrong: 'Le mot de passe actuel est incorrect.',
    same_as_current: 'Le nouveau mot de passe doit être différent de l’actuel.',
    changed_meanwhile: 'Votre mot de passe vient d’être modifié depuis un autre appareil ou une autre fenêtre. Rechargez la page et recommencez avec le nouveau mot de passe.',
  },
  token: {
    invalid: 'Ce lien n’est plus valable : il a déjà été utilisé ou a expiré. Faites une nouvelle demande.',
  },
  request: {
    invalid: 'Le formulaire contient des erreurs.',
    malformed: 'La requête est mal formée.',
    abandoned: 'La connexion a été interrompue avant le traitement de votre demande : rien n’a été enregistré. Réessayez.',
    conflict: 'Votre demande croise une autre modification faite au même moment : rien n’a été enregistré. Rechargez la page et réessayez.',
    unsupported_media: 'Format de requête non pris en charge.',
    too_large: 'La requête est trop volumineuse.',
    csrf: 'Votre session a expiré ou la page est trop ancienne. Rechargez la page et recommencez.',
    origin: 'Cette demande vient d’un autre site que le Portail Familles : elle a été refusée. Ouvrez le portail à son adresse habituelle et recommencez.',
    rate_limited: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
  },
  auth: {
    required: 'Vous devez vous connecter pour accéder à cette page.',
    forbidden: 'Vous n’avez pas accès à cette page.',
    invalid_credentials: 'Identifiant ou mot de passe incorrect.',
    throttled: 'Trop de tentatives de connexion. Par sécurité, patientez quelques minutes avant de réessayer, ou utilisez « Identifiant ou mot de passe oublié ».',
    account_rejected: 'Votre demande de compte n’a pas été acceptée. Consultez le courriel qui vous a été envoyé ou contactez la mairie.',
    account_disabled: 'Ce compte est désactivé. Contactez la mairie.',
  },
  mfa: {
    second_step_expired: 'La connexion a expiré. Saisissez de nouveau votre identifiant et votre mot de passe.',
    code_invalid: 'Ce code n’est pas valide. Saisissez les 6 chiffres affichés par votre application d’authentification.',
    code_used: 'Ce code a déjà servi. Attendez le code suivant de votre application.',
    recovery_invalid: 'Ce code de secours n’est pas valide ou a déjà servi.',
    passkey_failed: 'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou utilisez une autre méthode.',
    passkey_unknown: 'Cette clé d’accès n’est pas connue du portail. Connectez-vous avec votre mot de passe.',
    challenge_expired: 'La demande a expiré. Recommencez.',
    enrolment_required: 'Par sécurité, enregistrez d’abord une seconde méthode de connexion (application d’authentification ou clé d’accès) sur la page « Sécurité du compte ».',
    already_enrolled: 'Une seconde méthode est déjà enregistrée. Seule une session ouverte avec elle peut en ajouter une autre.',
    totp_exists: 'Une application d’authentification est déjà enregistrée. Retirez-la d’abord pour en enregistrer une autre.',
    totp_not_started: 'Commencez par afficher le QR code, puis saisissez le code de votre application.',
    enrolment_changed: 'Un autre enregistrement a été lancé entre-temps. Recommencez avec le nouveau QR code.',
    last_factor: 'C’est la dernière méthode de connexion de ce compte, obligatoire pour lui : ajoutez-en une autre avant de la retirer.',
    not_found: 'Cette méthode de connexion n’existe plus.',
    passkey_name_taken: 'Une clé d’accès porte déjà ce nom.',
    passkey_exists: 'Cette clé d’accès est déjà enregistrée.',
    not_staff: 'La double authentification est réservée aux agents.',
  },
  session: {
    not_found: 'Cette session est déjà terminée.',
  },
  account: {
    not_pending: 'Ce compte a déjà été traité.',
    not_validated: 'Votre compte est en attente de validation par la mairie (sous 3 jours ouvrés). Vous pourrez réserver dès qu’il sera validé.',
  },
  staff: {
    cannot_change_self: 'Vous ne pouvez pas modifier votre propre rôle ni désactiver votre propre compte.',
    last_admin: 'Il doit rester au moins un administrateur actif.',
  },
  outbox: {
    not_retryable: 'Ce message n’est pas en échec : il a déjà été envoyé ou est en cours d’envoi.',
  },
  too_many: 'Vous avez atteint le nombre maximum de lignes.',
  allergy: {
    comment_required: 'Précisez l’allergie : réaction, traitement ou conduite à tenir.',
  },
  authorization: {
    required: 'Répondez Oui ou Non à cette autorisation.',
  },
  list_item: {
    unknown: 'Cet élément ne fait plus partie de la liste proposée : rechargez la page.',
  },
  contact: {
    duplicate_ref: 'Cette personne figure deux fois dans la liste.',
  },
  pickup: {
    contact_missing: 'Cette personne ne fait plus partie des personnes à contacter en cas d’urgence : choisissez-en une autre ou ajoutez-la comme nouvelle personne.',
    duplicate: 'Cette personne est déjà autorisée à venir chercher l’enfant.',
  },
  list: {
    label_taken: 'Cet intitulé existe déjà dans cette liste.',
    order_mismatch: 'La liste a changé entre-temps : rechargez la page et recommencez.',
  },
  not_found: 'Page ou élément introuvable.',
  internal: 'Une erreur inattendue est survenue. Réessayez dans quelques instants.',
  network: 'Le serveur ne répond pas. Vérifiez votre connexion à Internet et réessayez.',
  booking: {
    age_range_invalid: 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
    period_range_invalid: 'La date de fin doit être postérieure ou égale à la date de début.',
    window_invalid: 'La fermeture des réservations doit être postérieure à leur ouverture.',
    rule_invalid: 'Cette règle de délai n’est pas valide.',
    no_change: 'Sélectionnez au moins un jour à réserver ou à annuler.',
    idempotency_key_required: 'La demande n’a pas pu être identifiée : rechargez la page et recommencez.',
    idempotency_mismatch: 'Cette demande a déjà été envoyée avec un contenu différent : rechargez le planning et recommencez.',
    deadline_passed: 'Le délai de réservation de ce jour est dépassé.',
    cancel_deadline_passed: 'Le délai d’annulation de ce jour est dépassé : contactez le service Enfance.',
    already_booked: 'Ce jour est déjà réservé pour cet enfant.',
    not_booked: 'Ce jour n’est pas réservé : il n’y a rien à annuler.',
    closed: 'L’activité est fermée ce jour-là.',
    holiday: 'L’activité n’a pas lieu pendant les vacances scolaires.',
    public_holiday: 'Ce jour est férié.',
    weekday: 'L’activité n’a pas lieu ce jour de la semaine.',
    outside_period: 'Ce jour ne fait pas partie de la période choisie.',
    age_not_allowed: 'L’âge de l’enfant ne permet pas de réserver cette activité.',
    full: 'Il n’y a plus de place ce jour-là.',
    unit_unknown: 'Cette unité ne fait pas partie de l’activité : rechargez le planning.',
    duplicate_change: 'Le même jour figure deux fois dans la demande.',
    cancel_pending: 'Une demande d’annulation est déjà en cours pour ce jour.',
    refused_by_staff: 'Refusée par le service.',
    withdrawn: 'Demande retirée par la famille.',
    requires_unit: 'Cette unité ne peut être réservée qu’avec une autre le même jour (par exemple le repas avec la matinée).',
    excluded_unit: 'Cette unité ne peut pas être réservée le même jour qu’une autre déjà choisie (par exemple la journée et la matinée).',
    required_by: 'Une autre réservation du même jour dépend de celle-ci : annulez-les ensemble.',
    unit_rule_unknown: 'Cette unité n’existe pas dans l’activité.',
    promoted: 'Place libérée : inscription confirmée depuis la liste d’attente.',
    not_pending: 'Cette demande a déjà été traitée.',
    not_waitlisted: 'Cette inscription n’est plus sur la liste d’attente.',
    capacity_below_booked: 'La capacité ne peut pas être inférieure au nombre de places déjà réservées ce jour-là.',
    attendance_unknown_child: 'Cet enfant est introuvable.',
    documents_missing: 'Un document obligatoire pour cette activité manque ou n’est pas encore accepté : consultez « Documents à fournir ».',
  },
  period: {
    not_open: 'Les réservations de cette période ne sont pas ouvertes.',
    closed: 'Les réservations de cette période sont closes.',
  },
  ics: {
    invalid: 'Ce fichier n’est pas un calendrier ICS lisible.',
  },
  billing: {
    office_code_taken: 'Ce code de régie est déjà utilisé.',
    activity_unknown: 'Cette activité n’existe pas.',
    unit_unknown: 'Cette unité n’existe pas.',
    bands_order: 'Les tranches doivent être rangées par quotient croissant, la dernière sans plafond.',
    month_invalid: 'Saisissez un mois au format AAAA-MM.',
    month_not_over: 'Ce mois n’est pas terminé : la facturation se fait une fois le mois écoulé.',
    run_exists: 'Une facturation de ce mois existe déjà pour cette régie (brouillon ou publiée).',
    run_not_draft: 'Cette facturation n’est plus un brouillon.',
    run_computing: 'Cette facturation est encore en cours de calcul : attendez la fin du calcul pour la publier (ou abandonnez-la).',
    run_empty: 'Aucune famille n’a rien à payer ce mois-ci pour cette régie.',
    no_activity: 'Aucune activité n’est rattachée à cette régie.',
    invoice_not_published: 'Cette facture n’est pas publiée.',
    credit_too_large: 'L’avoir ne peut pas dépasser le montant restant de la facture (total moins avoirs déjà faits).',
    allocation_too_large: 'Le montant affecté dépasse ce qui reste à payer sur cette facture.',
    allocation_exceeds_payment: 'La somme des affectations dépasse le montant du règlement.',
    allocation_duplicate: 'La même facture figure deux fois dans les affectations.',
    invoice_other_family: 'Cette facture n’appartient pas à cette famille.',
    attendance_locked: 'La facturation de ce mois est en cours ou publiée : le pointage est verrouillé. Abandonnez le brouillon ou faites un avoir.',
    family_unknown: 'Cette famille est introuvable.',
    amount_invalid: 'Saisissez un montant en euros supérieur à zéro.',
  },
  deadline: {
    required: 'Choisissez un délai.',
    kind_invalid: 'Choisissez un type de délai parmi ceux proposés.',
    unknown_field: 'Ce réglage n’existe pas pour ce type de délai.',
    time_invalid: 'Saisissez une heure au format HH:MM, entre 00:00 et 23:59 (par exemple 12:00).',
    days_invalid: 'Saisissez un nombre de jours entier, entre 0 et 366.',
    hours_invalid: 'Saisissez un nombre d’heures entier, entre 0 et 8784.',
    skip_invalid: 'Choisissez les jours à ne pas compter : aucun, les week-ends, les jours fériés ou les jours non ouvrés.',
    weekday_invalid: 'Choisissez un jour de la semaine, du lundi au dimanche.',
    weekdays_invalid: 'Choisissez des jours de la semaine différents, du lundi au dimanche.',
    clear_days_invalid: 'Indiquez si le délai est en jours francs (oui ou non).',
    no_countable_day: 'Avec ces exclusions, il ne reste aucun jour à compter : retirez au moins un jour exclu.',
    from_invalid: 'Choisissez le point de départ : le début de la journée ou l’heure de début de l’unité.',
    weeks_invalid: 'Saisissez un nombre de semaines entier, entre 1 et 52.',
    day_of_month_invalid: 'Saisissez un jour du mois, entre 1 et 31.',
    months_invalid: 'Saisissez un nombre de mois entier, entre 1 et 12.',
    non_working_day_invalid: 'Choisissez ce qui se passe quand la date limite tombe un jour non ouvré.',
    inside_invalid: 'Choisissez ce qui se passe avant la date limite : acceptation immédiate ou demande à valider.',
    after_invalid: 'Choisissez ce qui se passe après la date limite : demande à valider ou refus.',
  },
  payment: {
    no_invoice: 'Sélectionnez au moins une facture à payer.',
    invoice_not_payable: 'Une des factures choisies n’est plus à payer (déjà réglée ou introuvable) : rechargez la liste.',
    amount_changed: 'Le montant d’une facture a changé depuis le récapitulatif : vérifiez-le et recommencez.',
    in_progress: 'Un paiement de cette facture est déjà en cours. Attendez la réponse de la banque (au plus 20 minutes) avant de recommencer.',
    provider_unavailable: 'Le service de paiement en ligne ne répond pas. Réessayez dans quelques minutes ou réglez à la régie.',
    unavailable: 'Le paiement en ligne n’est pas disponible pour le moment.',
    mixed_offices: 'Ces factures relèvent de régies différentes : payez-les en deux fois (une régie par paiement).',
  },
  document: {
    type_unknown: 'Ce type de document n’existe pas ou n’est plus demandé : rechargez la page.',
    child_required: 'Choisissez l’enfant concerné par ce document.',
    child_not_expected: 'Ce document concerne la famille : ne choisissez pas d’enfant.',
    no_file: 'Choisissez au moins un fichier avec « Parcourir ».',
    too_many_files: 'Vous pouvez envoyer au plus 5 fichiers à la fois pour un même document.',
    file_too_large: 'Chaque fichier doit peser au plus 10 Mo.',
    file_empty: 'Ce fichier est vide.',
    file_type: 'Ce fichier n’est pas un PDF, une image JPEG ou une image PNG valide. Enregistrez-le dans l’un de ces formats et recommencez.',
    file_heic: 'Les photos au format HEIC (iPhone) ne sont pas acceptées : dans Réglages › Appareil photo › Formats, choisissez « Le plus compatible », ou envoyez une capture d’écran ou un PDF.',
    file_truncated: 'Ce fichier est incomplet ou endommagé : enregistrez-le à nouveau et recommencez.',
    file_name_invalid: 'Le nom du fichier n’est pas valide.',
    not_pending: 'Ce document a déjà été examiné.',
    reason_required: 'Indiquez le motif du refus : la famille le verra.',
    validity_months_required: 'Indiquez la durée de validité en mois (1 à 120).',
    activity_unknown: 'Une des activités choisies n’existe pas : rechargez la page.',
    name_taken: 'Un type de document porte déjà ce nom.',
  },
  privacy: {
    already_requested: 'Vous avez déjà demandé la clôture de votre compte : la mairie la traitera sous un mois.',
    family_closed: 'Ce compte famille a été clôturé.',
    confirm_required: 'Confirmez la clôture en recopiant le nom de famille du responsable 1.',
  },
  fields: {
    email: {
      required: 'Saisissez votre adresse e-mail.',
    },
    newEmail: {
      required: 'Saisissez votre nouvelle adresse e-mail.',
    },
    password: {
      required: 'Saisissez votre mot de passe.',
    },
    currentPassword: {
      required: 'Saisissez votre mot de passe actuel.',
    },
    newPassword: {
      required: 'Saisissez votre nouveau mot de passe.',
    },
    passwordConfirmation: {
      required: 'Confirmez votre mot de passe.',
    },
    newPasswordConfirmation: {
      required: 'Confirmez votre nouveau mot de passe.',
    },
    civility: {
      required: 'Indiquez la civilité.',
    },
    lastName: {
      required: 'Saisissez le nom.',
    },
    firstName: {
      required: 'Saisissez le prénom.',
    },
    phone: {
      required: 'Saisissez un numéro de téléphone.',
    },
    addressLine1: {
      required: 'Saisissez l’adresse (numéro et rue).',
    },
    postalCode: {
      required: 'Saisissez le code postal.',
    },
    city: {
      required: 'Saisissez la commune.',
    },
    familySituation: {
      required: 'Indiquez la situation familiale.',
    },
    benefitsRegime: {
      required: 'Indiquez le régime (CAF, MSA ou autre) du numéro d’allocataire.',
    },
    reason: {
      required: 'Indiquez le motif du refus : il sera envoyé à la famille.',
    },
    displayName: {
      required: 'Saisissez le nom de l’agent.',
    },
    role: {
      required: 'Choisissez le rôle.',
    },
    sex: {
      required: 'Indiquez le sexe de l’enfant.',
    },
    birthDate: {
      required: 'Saisissez la date de naissance.',
    },
    relationship: {
      required: 'Indiquez le lien avec l’enfant.',
    },
    phone1: {
      required: 'Saisissez au moins un numéro de téléphone.',
    },
    vaccinationsUpToDate: {
      required: 'Indiquez si l’enfant est à jour de ses vaccins obligatoires.',
    },
    carePlan: {
      required: 'Indiquez si l’enfant bénéficie d’un PAI (projet d’accueil individualisé).',
    },
    answer: {
      required: 'Répondez Oui ou Non.',
    },
    label: {
      required: 'Saisissez l’intitulé.',
    },
  },
};

export default errors;
