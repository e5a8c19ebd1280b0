/** Namespace « auth », French (the reference catalogue): the pages before signing in (src/web/app/pages). */
const auth = {
  /** words used by several of these pages */
  shared: {
    invalidLink: 'Lien non valable',
    /** issue 17: what happened to a mailed link, said when its page opens, and what to do */
    linkUsed: 'Ce lien a déjà servi, ou un lien plus récent l’a remplacé : seul le dernier message reçu compte.',
    linkExpired: 'Ce lien a expiré : par sécurité, il ne vaut que pendant un temps limité.',
    linkUnknown: 'Ce lien est incomplet ou n’existe pas. Vérifiez que l’adresse a été copiée en entier depuis le message.',
    linkChecking: 'Vérification du lien…',
    signIn: 'Se connecter',
    backToLogin: 'Revenir à la page de connexion',
    emailAddress: 'Adresse e-mail',
    newPassword: 'Nouveau mot de passe',
    newPasswordConfirmation: 'Confirmation du nouveau mot de passe',
    passwordRules:
      'Au moins 12 caractères mélangeant au moins 3 types parmi : minuscules, majuscules, chiffres et caractères spéciaux. Une phrase de passe d’au moins 4 mots et 20 caractères convient aussi. Évitez ce qui se devine facilement : mots de passe courants, prénoms, dates, suites de touches, votre nom et votre adresse e-mail.',
  },
  /** the login page (home.tsx) */
  home: {
    title: 'Connexion',
    heading: 'Portail Familles',
    lead: 'Bienvenue sur le portail des familles de {{city}} : inscriptions, réservations à l’accueil de loisirs, au périscolaire et à la restauration scolaire, factures et documents, en ligne.',
    demo: {
      title: 'Site de démonstration',
      text: 'Les familles et les données affichées sont fictives.',
    },
    login: {
      heading: 'Connexion à votre espace',
      email: 'Identifiant (adresse e-mail)',
      password: 'Mot de passe',
      forgot: 'Identifiant ou mot de passe oublié ?',
      /** after the server's « too many attempts » sentence */
      retryIn_one: 'Vous pourrez réessayer dans {{count}} minute.',
      retryIn_other: 'Vous pourrez réessayer dans {{count}} minutes.',
    },
    register: {
      heading: 'Vous n’avez pas de compte famille ?',
      intro: 'Créez votre compte en remplissant le formulaire.',
      validation:
        'Votre compte sera validé par la mairie sous 3 jours ouvrés. En attendant, vous pouvez déjà compléter les informations sur la famille, la (les) fiche(s) enfant(s) et transmettre les pièces justificatives.',
      button: 'Créer mon compte',
    },
  },
  /** « Créer mon compte » (register.tsx) */
  register: {
    title: 'Créer mon compte',
    lead: 'Remplissez l’ensemble des champs demandés. Votre compte sera validé sous 3 jours ouvrés.',
    requiredNote: 'Les champs suivis d’un astérisque <req>*</req> sont obligatoires.',
    contact: {
      legend: 'Vos coordonnées',
      civility: 'Civilité',
      lastName: 'Nom',
      firstName: 'Prénom',
      emailHint: 'Elle sera votre identifiant de connexion. Par exemple nom@exemple.fr.',
      phone: 'Téléphone',
    },
    address: {
      legend: 'Adresse',
      line1: 'Adresse',
      line1Hint: 'Numéro et rue.',
      line2: 'Complément d’adresse',
      line2Hint: 'Bâtiment, appartement, lieu-dit (facultatif).',
    },
    password: {
      legend: 'Mot de passe',
      password: 'Mot de passe',
      confirmation: 'Confirmation du mot de passe',
      confirmationHint: 'Saisissez le même mot de passe une seconde fois.',
    },
    terms: {
      label: 'J’accepte les conditions d’utilisation du portail',
      hint: 'Lire les <terms>conditions d’utilisation et la notice sur les données personnelles</terms>.',
    },
    submit: 'Créer mon compte',
    sent: {
      title: 'Demande de compte enregistrée',
      heading: 'Votre demande de compte est enregistrée',
      email: 'Un courriel de confirmation a été envoyé à <strong>{{email}}</strong>.',
      validation:
        'Votre compte sera validé par la mairie <strong>sous 3 jours ouvrés</strong>. Vous recevrez un courriel dès qu’il sera validé : vous pourrez alors réserver.',
      meanwhile:
        'En attendant, vous pouvez déjà vous connecter pour compléter les informations sur la famille, la (les) fiche(s) enfant(s) et transmettre les pièces justificatives.',
    },
  },
  /** « Identifiant ou mot de passe oublié » (forgot.tsx) */
  forgot: {
    title: 'Identifiant ou mot de passe oublié',
    lead: 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons votre identifiant et un lien pour choisir un nouveau mot de passe.',
    submit: 'Envoyer',
    sent: {
      title: 'Votre demande a été prise en compte.',
      text: 'Si un compte existe pour cette adresse, vous allez recevoir un courriel à <strong>{{email}}</strong> avec votre identifiant et un lien pour choisir un nouveau mot de passe. Ce lien est valable pendant une durée limitée et ne peut servir qu’une fois.',
      spam: 'Pensez à regarder dans vos courriers indésirables.',
    },
  },
  /** the mailed link to choose a new password (new-password.tsx) */
  newPassword: {
    title: 'Choisir un nouveau mot de passe',
    requestNewLink: 'Demander un nouveau lien',
    whatToDo: 'Demandez un nouveau lien : il arrivera par e-mail dans quelques minutes et vaudra une heure.',
    whatToDoInvitation: 'Si ce lien venait d’une invitation du service, demandez-lui une nouvelle invitation.',
    passwordAlreadySet: 'Si vous avez déjà choisi votre mot de passe avec ce lien, connectez-vous simplement.',
    submit: 'Enregistrer le mot de passe',
    done: {
      title: 'Mot de passe enregistré',
      text: 'Votre nouveau mot de passe est enregistré. Vous pouvez maintenant vous connecter.',
    },
  },
  /** the link of the e-mail-change message (confirm-email.tsx) */
  confirmEmail: {
    title: 'Confirmation de votre nouvelle adresse',
    inProgress: 'Confirmation en cours…',
    confirmed: 'Votre nouvelle adresse e-mail est confirmée. C’est désormais votre identifiant pour vous connecter au portail.',
    retry: 'Connectez-vous puis refaites la demande depuis « Mon compte famille ».',
    alreadyConfirmed: 'Si vous avez déjà cliqué sur ce lien, votre nouvelle adresse est confirmée : connectez-vous avec elle.',
  },
  /** « Modifier mon mot de passe » (password-change.tsx), families and staff alike */
  passwordChange: {
    title: 'Modifier mon mot de passe',
    current: 'Mot de passe actuel',
    confirmationHint: 'Saisissez le nouveau mot de passe une seconde fois.',
    submit: 'Valider',
    done: {
      title: 'Votre mot de passe a été modifié.',
      text: 'Utilisez-le dès votre prochaine connexion. Un courriel vous confirme ce changement.',
    },
  },
  /** not-found.tsx */
  notFound: {
    title: 'Page introuvable',
    message: 'L’adresse saisie est peut-être incorrecte, ou la page a été déplacée.',
    backToSpace: 'Revenir à mon espace',
    backToHome: 'Revenir à la page d’accueil du portail',
  },
  /** the terms of use and the data-protection notice (terms.tsx) */
  terms: {
    title: 'Conditions d’utilisation et données personnelles',
    lead: 'Le Portail Familles est un service en ligne proposé par {{city}} aux familles dont les enfants fréquentent l’accueil de loisirs, le périscolaire ou la restauration scolaire.',
    purpose: {
      heading: '1. Objet du portail',
      intro: 'Le portail permet, à partir d’un compte famille :',
      items: {
        details: 'de tenir à jour les informations de la famille et les fiches des enfants ;',
        bookings: 'de réserver et d’annuler des journées ou des repas, dans les délais fixés par le règlement des services ;',
        invoices: 'de consulter, télécharger et payer les factures ;',
        documents: 'de transmettre les pièces justificatives demandées.',
      },
      free: 'L’utilisation du portail est gratuite et facultative : les mêmes démarches restent possibles à l’accueil de la mairie.',
    },
    account: {
      heading: '2. Compte famille',
      validation:
        'La création d’un compte est réservée au responsable légal d’au moins un enfant. Le compte est validé par les services de la mairie sous 3 jours ouvrés ; les réservations ne sont possibles qu’après cette validation.',
      credentials:
        'Votre identifiant est votre adresse e-mail. Votre mot de passe est personnel : ne le communiquez à personne. La mairie ne vous le demandera jamais. Si vous pensez qu’un tiers le connaît, changez-le sans attendre depuis « Mon compte famille » et prévenez la mairie.',
      accuracy:
        'Vous vous engagez à fournir des informations exactes et à les tenir à jour, notamment les coordonnées des personnes à prévenir en cas d’urgence et les renseignements médicaux utiles à l’accueil des enfants.',
    },
    bookings: {
      heading: '3. Réservations et factures',
      rules:
        'Les réservations, annulations, tarifs et modalités de paiement sont régis par le règlement intérieur des services périscolaires et extrascolaires adopté par le conseil municipal. En cas de différence, le règlement intérieur prévaut sur les informations affichées par le portail.',
    },
    availability: {
      heading: '4. Disponibilité',
      text: 'La mairie s’efforce de rendre le portail accessible en permanence, mais peut l’interrompre pour maintenance ou en cas d’incident. Une indisponibilité ne prolonge pas les délais de réservation ou d’annulation ; en cas de difficulté, contactez le service.',
    },
    data: {
      heading: '5. Données personnelles',
      controller: {
        heading: 'Responsable du traitement',
        text: '{{city}}, représentée par son maire, {{address}}. Vous pouvez contacter le délégué à la protection des données de la commune à l’adresse de la mairie, en précisant « Délégué à la protection des données », ou par courriel à <mail>{{email}}</mail>.',
      },
      collected: {
        heading: 'Données collectées',
        items: {
          parents: 'identité et coordonnées des responsables légaux (nom, prénom, adresse, téléphones, adresse e-mail) ;',
          situation: 'situation familiale, régime et numéro d’allocataire (CAF, MSA), quotient familial ;',
          children:
            'identité des enfants, renseignements médicaux utiles à leur accueil (vaccinations, allergies, projet d’accueil individualisé), personnes à contacter et personnes autorisées à venir les chercher, autorisations ;',
          bookings: 'réservations, présences, factures et paiements ;',
          documents: 'pièces justificatives que vous transmettez ;',
          logs: 'données de connexion (dates de connexion, journal des actions) pour la sécurité du service.',
        },
      },
      purposes: {
        heading: 'Finalités et base légale',
        text: 'Ces données servent à inscrire les enfants, organiser leur accueil et leur sécurité, appliquer les tarifs, facturer et encaisser, et vous informer sur les services. Le traitement relève de l’exécution d’une mission d’intérêt public dont la commune est investie (article 6-1-e du RGPD). Les renseignements médicaux sont traités pour la protection des enfants accueillis (article 9-2 du RGPD) et ne sont consultés que par les agents qui en ont besoin ; chaque consultation est tracée.',
      },
      recipients: {
        heading: 'Destinataires',
        text: 'Les agents habilités des services enfance, jeunesse, scolaire et finances de la commune, le comptable public (Trésor public) pour le recouvrement des factures, et le prestataire de paiement en ligne pour les seules données nécessaires au paiement. Vos données ne sont ni vendues ni utilisées à des fins commerciales.',
      },
      retention: {
        heading: 'Durées de conservation',
        items: {
          account: 'compte et dossier famille : tant que le compte est utilisé, puis 2 ans après la dernière fréquentation d’un enfant ;',
          medical: 'renseignements médicaux : jusqu’à la fin de l’année scolaire suivant la dernière fréquentation ;',
          invoices: 'factures et paiements : 10 ans, durée imposée par les règles de la comptabilité publique ;',
          refused: 'demande de compte refusée : 6 mois ;',
          logs: 'journaux de connexion et d’actions : 1 an.',
        },
      },
      rights: {
        heading: 'Vos droits',
        text: 'Vous pouvez accéder à vos données, les faire rectifier, demander leur effacement ou la limitation de leur traitement, et vous opposer à celui-ci pour des raisons tenant à votre situation particulière, dans les limites prévues par le RGPD. La plupart des informations se corrigent directement depuis votre compte. Pour toute demande, écrivez à <mail>{{email}}</mail> ou à la mairie. Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).',
      },
      cookies: {
        heading: 'Cookies',
        text: 'Le portail n’utilise que les cookies indispensables à son fonctionnement (session de connexion et protection des formulaires). Il n’utilise aucun cookie de mesure d’audience ni de publicité.',
      },
    },
    accessibility: {
      heading: '6. Accessibilité',
      text: 'Le portail est conçu pour respecter le référentiel général d’amélioration de l’accessibilité (RGAA). Si vous rencontrez une difficulté, contactez la mairie au {{phone}} : une solution vous sera proposée.',
    },
    backToHome: 'Revenir à la page d’accueil',
  },
};

export default auth;
