/** Namespace « signin », English: the same keys as fr/signin.ts (signing in with FranceConnect and linking a FranceConnect identity to an account). */
import type fr from '../fr/signin.js';
import type { Catalogue } from '../catalogue.js';

const signin: Catalogue<typeof fr> = {
  title: 'Sign in with FranceConnect',
  button: {
    lead: 'Sign in with',
    brand: 'FranceConnect',
    what: 'What is FranceConnect?',
    newWindow: '(new window)',
    or: 'or',
  },
  home: {
    intro: 'With FranceConnect, you sign in with an account you already have (impots.gouv.fr, ameli.fr, La Poste’s digital identity…).',
  },
  register: {
    intro: 'Save time: with FranceConnect, your surname, first names and date of birth are filled in for you.',
  },
  notice: {
    loggedOut: 'You are signed out of the portal and of FranceConnect.',
    linked: 'Your account is now linked to FranceConnect.',
    unlinked: 'Your account is no longer linked to FranceConnect.',
    errorTitle: 'Signing in with FranceConnect did not go through',
  },
  registration: {
    title: 'Create my account with FranceConnect',
    lead: 'FranceConnect sent us your identity. Complete the form to create your household’s account: the town hall will approve it before your first bookings.',
    identityLegend: 'Your identity (sent by FranceConnect)',
    identityHint: 'These details come from FranceConnect: they cannot be changed here.',
    lastName: 'Surname',
    firstName: 'First name(s)',
    birthDate: 'Date of birth',
    contactLegend: 'Your contact details',
    emailHint: 'The portal’s e-mails will be sent there. FranceConnect’s address is suggested: you may change it.',
    password: 'No password to choose: you will sign in with FranceConnect. To also have a password, use “Forgotten login or password” later.',
    submit: 'Create my account',
    expiredTitle: 'FranceConnect identification expired',
    expired: 'Your FranceConnect identification has expired or has already been used. Please start again:',
    sentTitle: 'Account request sent',
    sent: 'Your account request has been sent. A confirmation e-mail is on its way to {{email}}.',
    sentValidation: 'The town hall will check your request. Meanwhile, you can sign in with FranceConnect to complete your file.',
  },
  account: {
    title: 'FranceConnect',
    entry: 'Link my account to FranceConnect',
    lead: 'Link your account to FranceConnect to sign in to the portal with an account you already have.',
    linkedHeading: 'Your account is linked to FranceConnect',
    identity: 'Identity sent by FranceConnect: {{name}}, born on {{birthDate}}.',
    identityNoDate: 'Identity sent by FranceConnect: {{name}}.',
    since: 'Linked on {{date}}.',
    locked: 'While your account is linked, the surname, first names and date of birth of guardian {{rank}} come from FranceConnect and cannot be changed in your details.',
    notLinkedHeading: 'Your account is not linked to FranceConnect',
    link: 'Link my account to FranceConnect',
    linkHint: 'You will be taken to FranceConnect, then brought back here.',
    unlink: 'Unlink FranceConnect',
    unlinkHint: 'You will then sign in with your e-mail address and password.',
    noPasswordHeading: 'You do not have a password yet',
    noPassword: 'Your account was created with FranceConnect. To unlink it, first choose a password: we will e-mail you a link.',
    sendLink: 'Send me a link to choose my password',
    linkSent: 'A link to choose your password has been sent to {{email}}. It is valid for one hour.',
    back: 'Back to my account',
  },
  familyEdit: {
    locked: 'Comes from FranceConnect: cannot be changed while your account is linked to it.',
  },
};

export default signin;
