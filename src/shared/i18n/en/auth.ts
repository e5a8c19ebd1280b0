/** Namespace « auth », English: the same keys as fr/auth.ts. */
import type fr from '../fr/auth.js';
import type { Catalogue } from '../catalogue.js';

const auth: Catalogue<typeof fr> = {
  shared: {
    linkUsed: 'This link has already been used, or a newer link replaced it: only the latest message counts.',
    linkExpired: 'This link has expired: for your security, it only works for a limited time.',
    linkUnknown: 'This link is incomplete or does not exist. Check that the whole address was copied from the message.',
    linkChecking: 'Checking the link…',
    invalidLink: 'Invalid link',
    signIn: 'Sign in',
    backToLogin: 'Back to the sign-in page',
    emailAddress: 'E-mail address',
    newPassword: 'New password',
    newPasswordConfirmation: 'Confirm the new password',
    passwordRules:
      'At least 12 characters mixing at least 3 of these types: lower-case letters, capital letters, digits and special characters. A passphrase of at least 4 words and 20 characters is also fine. Avoid anything easy to guess: common passwords, first names, dates, sequences of keys, your name and your e-mail address.',
  },
  home: {
    title: 'Sign in',
    heading: 'Family Portal',
    lead: 'Welcome to the family portal of {{city}}: registrations, bookings for the leisure centre, before/after-school care and the school canteen, invoices and documents, all online.',
    demo: {
      title: 'Demonstration site',
      text: 'The families and data shown are fictitious.',
    },
    login: {
      heading: 'Sign in to your account',
      email: 'Username (e-mail address)',
      password: 'Password',
      forgot: 'Forgotten your username or password?',
      retryIn_one: 'You can try again in {{count}} minute.',
      retryIn_other: 'You can try again in {{count}} minutes.',
    },
    register: {
      heading: 'No family account yet?',
      intro: 'Create your account by filling in the form.',
      validation:
        'Your account will be approved by the town hall within 3 working days. In the meantime, you can already fill in your family’s details and your children’s records, and send the supporting documents.',
      button: 'Create my account',
    },
  },
  register: {
    title: 'Create my account',
    lead: 'Fill in all the requested fields. Your account will be approved within 3 working days.',
    requiredNote: 'Fields followed by an asterisk <req>*</req> are required.',
    contact: {
      legend: 'Your contact details',
      civility: 'Title',
      lastName: 'Surname',
      firstName: 'First name',
      emailHint: 'It will be your username for signing in. For example name@example.com.',
      phone: 'Telephone',
    },
    address: {
      legend: 'Address',
      line1: 'Address',
      line1Hint: 'Number and street.',
      line2: 'Address line 2',
      line2Hint: 'Building, flat, locality (optional).',
    },
    password: {
      legend: 'Password',
      password: 'Password',
      confirmation: 'Confirm the password',
      confirmationHint: 'Enter the same password a second time.',
    },
    terms: {
      label: 'I accept the portal’s terms of use',
      hint: 'Read the <terms>terms of use and the personal data notice</terms>.',
    },
    submit: 'Create my account',
    sent: {
      title: 'Account request received',
      heading: 'Your account request has been received',
      email: 'A confirmation e-mail has been sent to <strong>{{email}}</strong>.',
      validation:
        'Your account will be approved by the town hall <strong>within 3 working days</strong>. You will receive an e-mail as soon as it is approved: you will then be able to make bookings.',
      meanwhile:
        'In the meantime, you can already sign in to fill in your family’s details and your children’s records, and send the supporting documents.',
    },
  },
  forgot: {
    title: 'Forgotten username or password',
    lead: 'Enter your account’s e-mail address: we will send you your username and a link to choose a new password.',
    submit: 'Send',
    sent: {
      title: 'Your request has been received.',
      text: 'If an account exists for this address, you will receive an e-mail at <strong>{{email}}</strong> with your username and a link to choose a new password. This link is valid for a limited time and can only be used once.',
      spam: 'Remember to check your junk mail folder.',
    },
  },
  newPassword: {
    title: 'Choose a new password',
    requestNewLink: 'Ask for a new link',
    whatToDo: 'Ask for a new link: it will arrive by e-mail within a few minutes and will work for one hour.',
    whatToDoInvitation: 'If this link came from an invitation by the service, ask them for a new invitation.',
    passwordAlreadySet: 'If you already chose your password with this link, simply sign in.',
    submit: 'Save the password',
    done: {
      title: 'Password saved',
      text: 'Your new password has been saved. You can now sign in.',
    },
  },
  confirmEmail: {
    title: 'Confirming your new address',
    inProgress: 'Confirming…',
    confirmed: 'Your new e-mail address is confirmed. From now on it is your username for signing in to the portal.',
    retry: 'Sign in, then make the request again from “My family account”.',
    alreadyConfirmed: 'If you already clicked this link, your new address is confirmed: sign in with it.',
  },
  passwordChange: {
    title: 'Change my password',
    current: 'Current password',
    confirmationHint: 'Enter the new password a second time.',
    submit: 'Confirm',
    done: {
      title: 'Your password has been changed.',
      text: 'Use it the next time you sign in. An e-mail confirms this change.',
    },
  },
  notFound: {
    title: 'Page not found',
    message: 'The address you entered may be wrong, or the page may have moved.',
    backToSpace: 'Back to my area',
    backToHome: 'Back to the portal’s home page',
  },
  terms: {
    title: 'Terms of use and personal data',
    lead: 'The Family Portal is an online service offered by {{city}} to families whose children attend the leisure centre, before/after-school care or the school canteen.',
    purpose: {
      heading: '1. Purpose of the portal',
      intro: 'From a family account, the portal lets you:',
      items: {
        details: 'keep your family’s details and your children’s records up to date;',
        bookings: 'book and cancel days or meals, within the deadlines set by the services’ rules;',
        invoices: 'view, download and pay invoices;',
        documents: 'send the supporting documents requested.',
      },
      free: 'Using the portal is free and optional: the same formalities can still be carried out at the town hall’s reception desk.',
    },
    account: {
      heading: '2. Family account',
      validation:
        'Only the legal guardian of at least one child may create an account. The account is approved by the town hall’s services within 3 working days; bookings can only be made after this approval.',
      credentials:
        'Your username is your e-mail address. Your password is personal: do not share it with anyone. The town hall will never ask you for it. If you think someone else knows it, change it at once from “My family account” and inform the town hall.',
      accuracy:
        'You undertake to provide accurate information and to keep it up to date, in particular the contact details of the people to be informed in an emergency and the medical information needed to look after the children.',
    },
    bookings: {
      heading: '3. Bookings and invoices',
      rules:
        'Bookings, cancellations, prices and payment terms are governed by the internal rules of the before/after-school and holiday services adopted by the town council. In the event of any discrepancy, the internal rules prevail over the information shown by the portal.',
    },
    availability: {
      heading: '4. Availability',
      text: 'The town hall does its best to keep the portal available at all times, but may interrupt it for maintenance or in the event of an incident. Unavailability does not extend the booking or cancellation deadlines; if you have any difficulty, contact the service.',
    },
    data: {
      heading: '5. Personal data',
      controller: {
        heading: 'Data controller',
        text: '{{city}}, represented by its mayor, {{address}}. You can contact the municipality’s data protection officer at the town hall’s address, marking your letter “Data protection officer”, or by e-mail at <mail>{{email}}</mail>.',
      },
      collected: {
        heading: 'Data collected',
        items: {
          parents: 'identity and contact details of the legal guardians (surname, first name, address, telephone numbers, e-mail address);',
          situation: 'family situation, benefits scheme and claimant number (CAF, MSA), family quotient;',
          children:
            'identity of the children, medical information needed to look after them (vaccinations, allergies, individual care plan), people to contact and people authorised to collect them, permissions;',
          bookings: 'bookings, attendance, invoices and payments;',
          documents: 'supporting documents you send;',
          logs: 'connection data (sign-in dates, log of actions) for the security of the service.',
        },
      },
      purposes: {
        heading: 'Purposes and legal basis',
        text: 'These data are used to register the children, organise their care and safety, apply the prices, invoice and collect payments, and keep you informed about the services. The processing is necessary for the performance of a task carried out in the public interest vested in the municipality (Article 6(1)(e) of the GDPR). Medical information is processed to protect the children in our care (Article 9(2) of the GDPR) and is only viewed by the staff members who need it; every viewing is logged.',
      },
      recipients: {
        heading: 'Recipients',
        text: 'The authorised staff members of the municipality’s childhood, youth, school and finance services, the public accountant (French Public Treasury) for the collection of invoices, and the online payment provider for only the data needed for payment. Your data are neither sold nor used for commercial purposes.',
      },
      retention: {
        heading: 'Retention periods',
        items: {
          account: 'account and family file: as long as the account is in use, then 2 years after a child last attended;',
          medical: 'medical information: until the end of the school year following the last attendance;',
          invoices: 'invoices and payments: 10 years, the period required by public accounting rules;',
          refused: 'refused account request: 6 months;',
          logs: 'sign-in and action logs: 1 year.',
        },
      },
      rights: {
        heading: 'Your rights',
        text: 'You can access your data, have them corrected, ask for them to be erased or for their processing to be restricted, and object to it on grounds relating to your particular situation, within the limits laid down by the GDPR. Most information can be corrected directly from your account. For any request, write to <mail>{{email}}</mail> or to the town hall. If you consider that your rights have not been respected, you can lodge a complaint with the CNIL, the French data protection authority (www.cnil.fr).',
      },
      cookies: {
        heading: 'Cookies',
        text: 'The portal only uses the cookies essential to its operation (sign-in session and form protection). It uses no audience measurement or advertising cookies.',
      },
    },
    accessibility: {
      heading: '6. Accessibility',
      text: 'The portal is designed to comply with the French general accessibility improvement framework (RGAA). If you have any difficulty, contact the town hall on {{phone}}: a solution will be offered to you.',
    },
    backToHome: 'Back to the home page',
  },
};

export default auth;
