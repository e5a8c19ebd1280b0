/** Namespace « signin », French (the reference catalogue): la connexion avec FranceConnect et le rattachement d’une identité FranceConnect à un compte. */
const signin = {
  title: 'S’identifier avec FranceConnect',
  button: {
    /** the two lines of FranceConnect's button */
    lead: 'S’identifier avec',
    brand: 'FranceConnect',
    what: 'Qu’est-ce que FranceConnect ?',
    newWindow: '(nouvelle fenêtre)',
    or: 'ou',
  },
  home: {
    intro: 'Avec FranceConnect, vous vous connectez avec un compte que vous avez déjà (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…).',
  },
  register: {
    intro: 'Gagnez du temps : avec FranceConnect, votre nom, vos prénoms et votre date de naissance sont remplis pour vous.',
  },
  notice: {
    loggedOut: 'Vous êtes déconnecté(e) du portail et de FranceConnect.',
    linked: 'Votre compte est maintenant lié à FranceConnect.',
    unlinked: 'Votre compte n’est plus lié à FranceConnect.',
    errorTitle: 'La connexion avec FranceConnect n’a pas abouti',
  },
  registration: {
    title: 'Créer mon compte avec FranceConnect',
    lead: 'FranceConnect nous a transmis votre identité. Complétez le formulaire pour créer le compte de votre famille : la mairie le validera avant vos premières réservations.',
    identityLegend: 'Votre identité (transmise par FranceConnect)',
    identityHint: 'Ces renseignements viennent de FranceConnect : ils ne peuvent pas être modifiés ici.',
    lastName: 'Nom',
    firstName: 'Prénom(s)',
    birthDate: 'Date de naissance',
    contactLegend: 'Vos coordonnées',
    emailHint: 'Vos courriels du portail y seront envoyés. Celle de FranceConnect est proposée : vous pouvez la changer.',
    password: 'Pas de mot de passe à choisir : vous vous connecterez avec FranceConnect. Pour avoir aussi un mot de passe, utilisez plus tard « Identifiant ou mot de passe oublié ».',
    submit: 'Créer mon compte',
    expiredTitle: 'Identification FranceConnect expirée',
    expired: 'Votre identification FranceConnect a expiré ou a déjà servi. Recommencez :',
    sentTitle: 'Demande de compte envoyée',
    sent: 'Votre demande de compte a bien été envoyée. Un courriel de confirmation part à l’adresse {{email}}.',
    sentValidation: 'La mairie va vérifier votre demande. En attendant, vous pouvez vous connecter avec FranceConnect pour compléter votre dossier.',
  },
  account: {
    title: 'FranceConnect',
    entry: 'Lier mon compte à FranceConnect',
    lead: 'Liez votre compte à FranceConnect pour vous connecter au portail avec un compte que vous avez déjà.',
    linkedHeading: 'Votre compte est lié à FranceConnect',
    identity: 'Identité transmise par FranceConnect : {{name}}, né(e) le {{birthDate}}.',
    identityNoDate: 'Identité transmise par FranceConnect : {{name}}.',
    since: 'Liaison faite le {{date}}.',
    locked: 'Tant que votre compte est lié, le nom, les prénoms et la date de naissance du responsable {{rank}} viennent de FranceConnect et ne peuvent pas être modifiés dans vos informations.',
    notLinkedHeading: 'Votre compte n’est pas lié à FranceConnect',
    link: 'Lier mon compte à FranceConnect',
    linkHint: 'Vous allez être redirigé(e) vers FranceConnect, puis revenir ici.',
    unlink: 'Délier FranceConnect',
    unlinkHint: 'Vous vous connecterez ensuite avec votre adresse e-mail et votre mot de passe.',
    noPasswordHeading: 'Vous n’avez pas encore de mot de passe',
    noPassword: 'Votre compte a été créé avec FranceConnect. Pour pouvoir le délier, choisissez d’abord un mot de passe : nous vous envoyons un lien par courriel.',
    sendLink: 'Recevoir un lien pour choisir mon mot de passe',
    linkSent: 'Un lien pour choisir votre mot de passe a été envoyé à {{email}}. Il est valable une heure.',
    back: 'Retour à mon compte',
  },
  familyEdit: {
    locked: 'Vient de FranceConnect : ne peut pas être modifié tant que votre compte y est lié.',
  },
};

export default signin;
