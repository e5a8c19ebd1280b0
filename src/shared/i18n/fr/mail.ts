/**
 * Namespace « mail », French (the reference catalogue): the e-mails (src/server/modules/mail/mail.templates.ts), one
 * branch per template (`account.validated` → `account: { validated: { subject, … } }`). Each mail is written in its
 * recipient account's language (French for an address that is not an account). Days come formatted by
 * src/shared/i18n/dates.ts, amounts by formatEuros, both in the mail's language.
 */
const mail = {
  frame: {
    portal: '{{city}} — Portail Familles',
    subject: '{{subject}} — {{city}}',
    greeting: 'Bonjour {{name}},',
    greetingPlain: 'Bonjour,',
    hello: 'Bonjour,',
    /** a link in the plain-text part */
    linkLine: '{{label}} : {{link}}',
  },
  document: {
    accepted: {
      subject: 'Votre document a été accepté',
      body: 'Le document « {{documentName}} » que vous avez transmis a été vérifié et accepté.',
      validUntil: 'Il est valable jusqu’au {{day}}.',
      noEnd: 'Il n’a pas de date de fin de validité.',
    },
    refused: {
      subject: 'Votre document n’a pas pu être accepté',
      body: 'Le document « {{documentName}} » que vous avez transmis n’a pas pu être accepté, pour la raison suivante :',
      again: 'Vous pouvez en envoyer un nouveau depuis votre espace, rubrique « Documents à fournir », bouton « Ajouter un document ».',
    },
    expiring: {
      subject: 'Un de vos documents arrive à expiration',
      body: 'Le document « {{documentName}} » n’est plus valable après le {{day}}.',
      again: 'Pensez à en transmettre un nouveau depuis votre espace, rubrique « Documents à fournir » : certaines activités ne peuvent pas être réservées sans lui.',
    },
  },
  privacy: {
    closureRequested: {
      subject: 'Votre demande de clôture de compte a bien été reçue',
      received: 'Nous avons bien reçu votre demande de clôture de votre compte famille. Nos services la traiteront dans un délai d’un mois.',
      erased: 'Vos données personnelles seront alors effacées, à l’exception de celles que la loi nous impose de conserver (factures et paiements).',
      download: 'Avant la clôture, vous pouvez télécharger toutes vos données depuis « Mes Informations ».',
    },
  },
  account: {
    registered: {
      subject: 'Votre demande de compte famille a bien été reçue',
      received: 'Nous avons bien reçu votre demande de création de compte sur le Portail Familles.',
      meanwhile:
        'Votre compte sera validé par nos services sous 3 jours ouvrés. En attendant, vous pouvez déjà vous connecter pour compléter les informations de votre famille, les fiches de vos enfants et transmettre vos pièces justificatives. Les réservations seront possibles dès la validation.',
      next: 'Vous recevrez un courriel dès que votre compte sera validé.',
    },
    alreadyExists: {
      subject: 'Un compte existe déjà avec cette adresse',
      body: 'Quelqu’un (peut-être vous) a demandé à créer un compte sur le Portail Familles avec cette adresse e-mail. Un compte existe déjà avec cette adresse : aucun nouveau compte n’a été créé.',
      login: 'Me connecter',
      forgotten: 'Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau :',
      reset: 'Mot de passe oublié',
      notYou: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    },
    validated: {
      subject: 'Votre compte famille est validé',
      body: 'Votre compte sur le Portail Familles a été validé par nos services. Vous pouvez désormais réserver les activités de vos enfants.',
      link: 'Accéder à mon espace',
    },
    rejected: {
      subject: 'Votre demande de compte famille n’a pas été acceptée',
      body: 'Votre demande de compte sur le Portail Familles n’a pas pu être acceptée, pour le motif suivant :',
      reason: '« {{reason}} »',
      contact: 'Pour toute question, contactez le service Enfance de la mairie.',
    },
  },
  password: {
    reset: {
      subject: 'Votre identifiant et la réinitialisation de votre mot de passe',
      login: 'Votre identifiant de connexion au Portail Familles est : {{email}}',
      open: 'Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il est valable une heure et ne peut servir qu’une fois.',
      link: 'Choisir un nouveau mot de passe',
      copy: 'Si le lien ne s’ouvre pas, copiez-le dans la barre d’adresse de votre navigateur.',
      notYou:
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable. Pour votre sécurité, nous n’envoyons jamais de mot de passe par courriel.',
    },
    changed: {
      subject: 'Votre mot de passe a été modifié',
      body: 'Le mot de passe de votre compte sur le Portail Familles vient d’être modifié. Les autres appareils connectés ont été déconnectés.',
      notYou: 'Si vous n’êtes pas à l’origine de ce changement, utilisez immédiatement « Identifiant ou mot de passe oublié » et contactez la mairie.',
    },
  },
  emailChange: {
    confirm: {
      subject: 'Confirmez votre nouvelle adresse e-mail',
      body: 'Vous avez demandé à utiliser cette adresse comme identifiant de connexion au Portail Familles. Tant que vous ne l’avez pas confirmée, votre identifiant reste inchangé.',
      click: 'Cliquez sur le lien ci-dessous pour confirmer votre nouvelle adresse (valable 24 heures) :',
      link: 'Confirmer ma nouvelle adresse',
      copy: 'Si le lien ne s’ouvre pas automatiquement, copiez-le dans la barre d’adresse de votre navigateur et appuyez sur Entrée.',
    },
    noticeOld: {
      subject: 'Demande de changement de votre identifiant',
      body: 'Une demande de changement de l’identifiant de votre compte vers l’adresse {{newEmail}} a été faite. Le changement n’aura lieu qu’une fois la nouvelle adresse confirmée.',
      notYou: 'Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe et contactez la mairie.',
    },
    done: {
      subject: 'Votre identifiant a été modifié',
      body: 'L’identifiant de votre compte sur le Portail Familles est désormais {{newEmail}}. Cette adresse ne permet plus de vous connecter.',
      notYou: 'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement la mairie.',
    },
  },
  staff: {
    invitation: {
      subject: 'Votre accès au back-office du Portail Familles',
      body: 'Un compte agent a été créé pour vous sur le Portail Familles. Votre identifiant est : {{email}}',
      choose: 'Choisissez votre mot de passe avec le lien ci-dessous (valable 72 heures, utilisable une fois) :',
      link: 'Choisir mon mot de passe',
    },
  },
  booking: {
    promoted: {
      subject: 'Une place s’est libérée pour {{childName}}',
      body: 'Une place s’est libérée : {{childName}}, inscrit(e) sur la liste d’attente de l’activité « {{activityName}} », est désormais inscrit(e) pour le {{day}} ({{unitLabel}}) (réservation n° {{number}}).',
      cancel: 'Si vous n’avez plus besoin de cette place, annulez-la depuis votre espace dans les délais d’annulation : elle sera proposée à une autre famille.',
    },
    decided: {
      subject: 'Votre réservation n° {{number}} a été traitée',
      body: 'Le service a traité votre demande n° {{number}} pour {{childName}} (« {{activityName}} ») :',
      line: '• {{day}} — {{unitLabel}} : {{decision}}',
      book: { accept: 'réservation acceptée', refuse: 'réservation refusée' },
      cancel: { accept: 'annulation acceptée', refuse: 'annulation refusée' },
      reason: 'Motif : « {{reason}} »',
      where: 'Vous retrouvez le détail de vos réservations dans votre espace, rubrique « Accueil de loisirs / Périscolaire ».',
    },
  },
  payment: {
    receipt: {
      subject: 'Reçu de votre paiement en ligne de {{amount}}',
      body: 'Votre paiement en ligne de {{amount}} du {{paidOn}} a été validé par la banque (référence {{reference}}).',
      line: 'Facture {{number}} : {{amount}}',
      credit: '{{amount}} n’ont pas pu être affectés à vos factures (déjà réglées entre-temps) : ce montant reste à votre crédit et figure dans vos paiements.',
      where: 'Vous retrouvez vos factures et vos paiements dans votre espace, rubrique « Mes Factures & Paiements ».',
    },
  },
  invitation: {
    invite: {
      subject: 'Invitation à rejoindre un foyer sur le Portail Familles',
      hello: 'Bonjour,',
      byMember: '{{inviterName}} vous invite à rejoindre le foyer {{familyName}} sur le Portail Familles, avec votre propre identifiant et votre propre mot de passe.',
      byStaff: 'Les services de la mairie vous invitent à rejoindre le foyer {{familyName}} sur le Portail Familles, avec votre propre identifiant et votre propre mot de passe.',
      login: 'Votre identifiant sera cette adresse : {{email}}',
      choose: 'Acceptez l’invitation et choisissez votre mot de passe avec le lien ci-dessous (valable jusqu’au {{until}}, utilisable une fois) :',
      link: 'Accepter l’invitation',
      notYou: 'Si vous ne connaissez pas ce foyer, ignorez ce message : sans votre réponse, aucun compte n’est créé.',
    },
    taken: {
      subject: 'Invitation à rejoindre un foyer sur le Portail Familles',
      body: 'Vous avez été invité(e) à rejoindre le foyer {{familyName}} sur le Portail Familles, mais cette adresse est déjà l’identifiant d’un compte du portail : elle ne peut pas servir une deuxième fois.',
      what: 'Demandez à être invité(e) avec une autre adresse e-mail, ou connectez-vous avec votre compte actuel.',
      link: 'Se connecter',
    },
  },
  billing: {
    invoicePublished: {
      subject: 'Votre facture n° {{number}} est disponible',
      body: 'Votre facture n° {{number}} ({{month}}) d’un montant de {{amount}} est disponible dans votre espace, rubrique « Mes Factures & Paiements ». Elle est à régler avant le {{dueOn}}, en ligne ou auprès de la régie.',
      link: 'Voir mes factures',
    },
  },
  household: {
    linked: {
      subject: '{{childName}} : garde partagée entre deux foyers',
      body: 'Le service a rattaché {{childName}} à un second foyer (parents séparés). La fiche de l’enfant (identité, santé, autorisations) est commune aux deux foyers ; vos contacts, personnes autorisées, réservations, factures et documents restent les vôtres et l’autre foyer ne les voit pas.',
      book: 'Dans le planning, réservez les jours de votre garde : ceux de l’autre foyer y sont fermés.',
    },
    unlinked: {
      subject: '{{childName}} : changement de foyer',
      removed: '{{childName}} n’est plus rattaché(e) à votre foyer : l’enfant n’apparaît plus dans votre espace. Les jours à venir que votre foyer avait réservés pour l’enfant sont annulés ; vos réservations et factures passées restent consultables.',
      kept: '{{childName}} n’est plus rattaché(e) qu’à votre foyer : vous pouvez désormais réserver tous les jours.',
    },
    custody: {
      subject: '{{childName}} : calendrier de garde modifié',
      body: 'Le service a modifié le calendrier de garde de {{childName}} : {{schedule}}',
      free: 'chaque foyer peut réserver tous les jours (un jour déjà réservé par l’autre foyer ne peut plus l’être).',
      weeks: 'une semaine sur deux ; vos semaines commencent le {{monday}} et reviennent toutes les deux semaines.',
      weekdays: 'jours fixes ; vos jours : {{days}}.',
      none: 'jours fixes ; aucun jour ne vous est attribué.',
    },
    sharing: {
      subject: '{{childName}} : partage entre les deux foyers',
      seerOn: 'Le service a autorisé votre foyer à voir, pour {{childName}}, les coordonnées, réservations, factures et documents de l’autre foyer : ils sont sur la page de l’enfant, rubrique « L’autre foyer ».',
      seerOff: 'Le service a retiré à votre foyer l’accès aux coordonnées, réservations, factures et documents de l’autre foyer pour {{childName}}.',
      seenOn: 'Le service a autorisé l’autre foyer de {{childName}} à voir vos coordonnées, ainsi que vos réservations, factures et documents concernant l’enfant.',
      seenOff: 'L’autre foyer de {{childName}} ne voit plus vos coordonnées, ni vos réservations, factures et documents concernant l’enfant.',
    },
    contact: 'Pour toute question, contactez le service enfance de la mairie.',
  },
  /** issue 14 (src/server/modules/messaging/messaging.mails.ts): an answer, an announcement, the deadline reminders */
  messages: {
    answered: {
      subject: 'Vous avez reçu une réponse de la mairie',
      body: 'Nos services ont répondu à votre message « {{subject}} ». Retrouvez la réponse dans votre espace, rubrique « Messagerie ».',
      link: 'Lire la réponse',
    },
    announcement: { link: 'Lire le message dans mon espace' },
    reminderWeek: {
      subject: 'Rien n’est réservé pour la semaine prochaine',
      body: 'Rien n’est réservé pour vos enfants la semaine du {{monday}}. Si vous en avez besoin, pensez à réserver avant les dates limites.',
      link: 'Réserver',
    },
    reminderDeadline: {
      subject: 'Date limite de réservation demain — {{activity}}',
      body: 'La date limite de réservation de « {{activity}} » pour {{days}} est {{cutoff}}. Après cette heure, la réservation en ligne ne sera plus possible.',
      link: 'Réserver',
    },
    settings: 'Vous pouvez choisir les rappels et notifications que vous recevez dans votre espace, rubrique « Mes notifications ».',
  },
};

export default mail;
