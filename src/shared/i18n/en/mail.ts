/** Namespace « mail », English: the same keys as fr/mail.ts. */
import type fr from '../fr/mail.js';
import type { Catalogue } from '../catalogue.js';

const mail: Catalogue<typeof fr> = {
  frame: {
    portal: '{{city}} — Family Portal',
    subject: '{{subject}} — {{city}}',
    greeting: 'Hello {{name}},',
    greetingPlain: 'Hello,',
    hello: 'Hello,',
    linkLine: '{{label}}: {{link}}',
  },
  document: {
    accepted: {
      subject: 'Your document has been accepted',
      body: 'The document “{{documentName}}” you sent has been checked and accepted.',
      validUntil: 'It is valid until {{day}}.',
      noEnd: 'It has no expiry date.',
    },
    refused: {
      subject: 'Your document could not be accepted',
      body: 'The document “{{documentName}}” you sent could not be accepted, for the following reason:',
      again: 'You can send a new one from your account, section “Documents to provide”, button “Add a document”.',
    },
    expiring: {
      subject: 'One of your documents is about to expire',
      body: 'The document “{{documentName}}” is no longer valid after {{day}}.',
      again: 'Remember to send a new one from your account, section “Documents to provide”: some activities cannot be booked without it.',
    },
  },
  privacy: {
    closureRequested: {
      subject: 'Your request to close your account has been received',
      received: 'We have received your request to close your family account. Our services will deal with it within one month.',
      erased: 'Your personal data will then be erased, except for what the law requires us to keep (invoices and payments).',
      download: 'Before the closure, you can download all your data from “My details”.',
    },
  },
  account: {
    registered: {
      subject: 'Your family account request has been received',
      received: 'We have received your request to create an account on the Family Portal.',
      meanwhile:
        'Your account will be approved by our services within 3 working days. In the meantime, you can already sign in to complete your family’s details and your children’s records, and send your supporting documents. Bookings will be possible as soon as it is approved.',
      next: 'You will receive an e-mail as soon as your account is approved.',
    },
    alreadyExists: {
      subject: 'An account already exists with this address',
      body: 'Someone (perhaps you) asked to create an account on the Family Portal with this e-mail address. An account already exists with this address: no new account has been created.',
      login: 'Sign in',
      forgotten: 'If you have forgotten your password, you can choose a new one:',
      reset: 'Forgotten password',
      notYou: 'If you did not make this request, ignore this message.',
    },
    validated: {
      subject: 'Your family account has been approved',
      body: 'Your account on the Family Portal has been approved by our services. You can now book your children’s activities.',
      link: 'Go to my account',
    },
    rejected: {
      subject: 'Your family account request has not been accepted',
      body: 'Your account request on the Family Portal could not be accepted, for the following reason:',
      reason: '“{{reason}}”',
      contact: 'If you have any questions, contact the town hall’s Children’s Services.',
    },
  },
  password: {
    reset: {
      subject: 'Your username and resetting your password',
      login: 'Your username for the Family Portal is: {{email}}',
      open: 'To choose a new password, open the link below. It is valid for one hour and can only be used once.',
      link: 'Choose a new password',
      copy: 'If the link does not open, copy it into your browser’s address bar.',
      notYou:
        'If you did not make this request, ignore this message: your current password remains valid. For your security, we never send passwords by e-mail.',
    },
    changed: {
      subject: 'Your password has been changed',
      body: 'The password of your account on the Family Portal has just been changed. Other signed-in devices have been signed out.',
      notYou: 'If you did not make this change, use “Forgotten username or password” immediately and contact the town hall.',
    },
  },
  emailChange: {
    confirm: {
      subject: 'Confirm your new e-mail address',
      body: 'You asked to use this address as your username for the Family Portal. Until you have confirmed it, your username stays the same.',
      click: 'Click the link below to confirm your new address (valid for 24 hours):',
      link: 'Confirm my new address',
      copy: 'If the link does not open automatically, copy it into your browser’s address bar and press Enter.',
    },
    noticeOld: {
      subject: 'Request to change your username',
      body: 'A request has been made to change your account’s username to the address {{newEmail}}. The change will only take place once the new address is confirmed.',
      notYou: 'If you did not make this request, change your password and contact the town hall.',
    },
    done: {
      subject: 'Your username has been changed',
      body: 'The username of your account on the Family Portal is now {{newEmail}}. This address can no longer be used to sign in.',
      notYou: 'If you did not make this change, contact the town hall immediately.',
    },
  },
  staff: {
    invitation: {
      subject: 'Your access to the Family Portal back office',
      body: 'A staff account has been created for you on the Family Portal. Your username is: {{email}}',
      choose: 'Choose your password with the link below (valid for 72 hours, usable once):',
      link: 'Choose my password',
    },
  },
  booking: {
    promoted: {
      subject: 'A place has become available for {{childName}}',
      body: 'A place has become available: {{childName}}, on the waiting list for the activity “{{activityName}}”, is now booked for {{day}} ({{unitLabel}}) (booking no. {{number}}).',
      cancel: 'If you no longer need this place, cancel it from your account within the cancellation deadlines: it will be offered to another family.',
    },
    decided: {
      subject: 'Your booking no. {{number}} has been dealt with',
      body: 'The service has dealt with your request no. {{number}} for {{childName}} (“{{activityName}}”):',
      line: '• {{day}} — {{unitLabel}}: {{decision}}',
      book: { accept: 'booking accepted', refuse: 'booking refused' },
      cancel: { accept: 'cancellation accepted', refuse: 'cancellation refused' },
      reason: 'Reason: “{{reason}}”',
      where: 'You will find the details of your bookings in your account, section “Leisure centre / Before/after-school care”.',
    },
  },
  payment: {
    receipt: {
      subject: 'Receipt for your online payment of {{amount}}',
      body: 'Your online payment of {{amount}} on {{paidOn}} has been confirmed by the bank (reference {{reference}}).',
      line: 'Invoice {{number}}: {{amount}}',
      credit: '{{amount}} could not be allocated to your invoices (already paid in the meantime): this amount remains to your credit and appears in your payments.',
      where: 'You will find your invoices and payments in your account, section “My invoices & payments”.',
    },
  },
  invitation: {
    invite: {
      subject: 'Invitation to join a household on the Family Portal',
      hello: 'Hello,',
      byMember: '{{inviterName}} invites you to join the {{familyName}} household on the Family Portal, with your own login and your own password.',
      byStaff: 'The town’s services invite you to join the {{familyName}} household on the Family Portal, with your own login and your own password.',
      login: 'Your login will be this address: {{email}}',
      choose: 'Accept the invitation and choose your password with the link below (valid until {{until}}, usable once):',
      link: 'Accept the invitation',
      notYou: 'If you do not know this household, ignore this message: without your answer, no account is created.',
    },
    taken: {
      subject: 'Invitation to join a household on the Family Portal',
      body: 'You were invited to join the {{familyName}} household on the Family Portal, but this address is already the login of an account on the portal: it cannot be used a second time.',
      what: 'Ask to be invited with another e-mail address, or sign in with your current account.',
      link: 'Sign in',
    },
  },
  billing: {
    invoicePublished: {
      subject: 'Your invoice no. {{number}} is available',
      body: 'Your invoice no. {{number}} ({{month}}) for {{amount}} is available in your account, section “My invoices & payments”. It is due by {{dueOn}}, online or at the billing office.',
      link: 'See my invoices',
    },
  },
  household: {
    linked: {
      subject: '{{childName}}: custody shared between two households',
      body: 'The service linked {{childName}} to a second household (separated parents). The child’s record (identity, health, authorizations) is shared by both households; your contacts, pick-up persons, bookings, invoices and documents stay your own and the other household does not see them.',
      book: 'In the planning, book the days of your custody: the other household’s days are closed there.',
    },
    unlinked: {
      subject: '{{childName}}: change of household',
      removed: '{{childName}} is no longer linked to your household: the child no longer appears in your account. The days to come your household had booked for the child are cancelled; your past bookings and invoices can still be seen.',
      kept: '{{childName}} is now linked to your household only: you can book every day.',
    },
    custody: {
      subject: '{{childName}}: custody schedule changed',
      body: 'The service changed the custody schedule of {{childName}}: {{schedule}}',
      free: 'each household can book every day (a day already booked by the other household cannot be booked again).',
      weeks: 'every other week; your weeks start on {{monday}} and come back every two weeks.',
      weekdays: 'fixed weekdays; your days: {{days}}.',
      none: 'fixed weekdays; no day is given to you.',
    },
    sharing: {
      subject: '{{childName}}: sharing between the two households',
      seerOn: 'The service has allowed your household to see, for {{childName}}, the other household’s contact details, bookings, invoices and documents: they are on the child’s page, under « The other household ».',
      seerOff: 'The service has withdrawn your household’s access to the other household’s contact details, bookings, invoices and documents for {{childName}}.',
      seenOn: 'The service has allowed {{childName}}’s other household to see your contact details, and your bookings, invoices and documents about the child.',
      seenOff: '{{childName}}’s other household no longer sees your contact details, nor your bookings, invoices and documents about the child.',
    },
    contact: 'For any question, contact the town hall’s children’s service.',
  },
  /** issue 14 (src/server/modules/messaging/messaging.mails.ts): an answer, an announcement, the deadline reminders */
  messages: {
    answered: {
      subject: 'The town hall has answered you',
      body: 'Our services have answered your message “{{subject}}”. Read the answer in your space, under “Messages”.',
      link: 'Read the answer',
    },
    announcement: { link: 'Read the message in my space' },
    reminderWeek: {
      subject: 'Nothing is booked for next week',
      body: 'Nothing is booked for your children in the week of {{monday}}. If you need it, remember to book before the deadlines.',
      link: 'Book',
    },
    reminderDeadline: {
      subject: 'Booking deadline tomorrow — {{activity}}',
      body: 'The booking deadline of “{{activity}}” for {{days}} is {{cutoff}}. After that time, booking online will no longer be possible.',
      link: 'Book',
    },
    settings: 'You can choose the reminders and notifications you receive in your space, under “My notifications”.',
  },
};

export default mail;
