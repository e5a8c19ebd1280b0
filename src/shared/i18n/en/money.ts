/** Namespace « money », English: the same keys as fr/money.ts. */
import type fr from '../fr/money.js';
import type { Catalogue } from '../catalogue.js';

const money: Catalogue<typeof fr> = {
  mail: {
    prenotification: {
      subject: 'Upcoming direct debit — invoice {{number}}',
      body: 'Invoice {{number}} of {{amount}} will be debited on {{day}} from your account {{iban}}.',
      mandate: 'SEPA direct debit mandate no. {{rum}} — creditor identifier {{ics}}.',
      provision: 'Please make sure your account holds enough money on that day. For any question, contact the billing office.',
    },
    reminder: {
      subject: 'Reminder no. {{step}} — invoice {{number}} unpaid',
      body: 'Unless we are mistaken, invoice {{number}} is still unpaid: {{amount}} was due by {{dueOn}}.',
      letter: 'A reminder letter is also sent to you by post.',
      how: 'You can pay it online from your account, section “My invoices & payments”, or at the billing office (cheque payable to the Trésor public, cash, CESU).',
      link: 'Pay my invoices',
      help: 'If you have difficulty paying, contact the service: a payment plan can be considered.',
    },
    rejection: {
      subject: 'Direct debit rejected — invoice {{number}}',
      body: 'The direct debit of {{amount}} for invoice {{number}} was rejected by your bank (reason {{reason}}). The invoice is due again.',
      fee: 'The rejection fee, {{fee}}, is invoiced separately.',
      how: 'Pay it online from your account or at the billing office.',
    },
    mandateActive: {
      subject: 'Your direct debit mandate is active',
      body: 'The billing office has activated your SEPA direct debit mandate: your next invoices will be debited automatically. You will receive an e-mail before each debit.',
    },
    mandateRefused: {
      subject: 'Your direct debit request was not accepted',
      body: 'The billing office could not activate your SEPA direct debit mandate. Reason:',
    },
    basketCredit: {
      subject: 'A credit has been added to your account',
      body: 'Following your cancellation, a credit of {{amount}} has been added to your family account. It will be deducted from your next invoices.',
    },
  },
  unpaidCsv: {
    office: 'Office',
    number: 'Invoice number',
    issuedOn: 'Issued on',
    dueOn: 'Due date',
    payer: 'Debtor',
    address: 'Address',
    email: 'E-mail',
    totalCents: 'Amount (cents)',
    paidCents: 'Paid (cents)',
    creditedCents: 'Credit notes (cents)',
    balanceCents: 'Balance (cents)',
    balance: 'Balance (euros)',
    reminders: 'Reminders sent',
    familyId: 'Family id',
  },
  pdf: {
    mandate: {
      title: 'SEPA direct debit mandate',
      fileName: 'sepa-mandate-{{rum}}.pdf',
      rum: 'Unique mandate reference (RUM): {{rum}}',
      creditor: 'Creditor: {{name}} — SEPA creditor identifier (ICS): {{ics}}',
      text: 'By signing this mandate form, you authorise the creditor above to send instructions to your bank to debit your account, and your bank to debit your account in accordance with those instructions. You are entitled to a refund from your bank under the terms and conditions of your agreement with it. A refund must be claimed within 8 weeks starting from the date on which your account was debited for an authorised debit.',
      debtor: 'Debtor: {{name}}',
      iban: 'IBAN: {{iban}}',
      bic: 'BIC: {{bic}}',
      payment: 'Payment type: recurrent',
      signed: 'Signed electronically in {{place}} on {{day}}, by ticking the authorisation declaration.',
      state: 'State: {{state}}',
    },
    payment: {
      title: 'Payment certificate',
      fileName: 'payment-certificate-{{from}}-{{to}}.pdf',
      intro: 'I, the undersigned cashier, certify that the {{family}} family paid between {{from}} and {{to}} the following amounts:',
      columns: { day: 'Date', invoice: 'Invoice', method: 'Payment method', amount: 'Amount' },
      total: 'Total paid over the period',
      none: 'No payment over the period.',
      done: 'Issued for all legal purposes on {{day}}.',
    },
    tax: {
      title: 'Tax certificate {{year}} — childcare costs for children under 6',
      fileName: 'tax-certificate-{{year}}.pdf',
      intro: 'Certificate for the {{year}} income tax return (tax credit for childcare costs of children under 6 on 1 January {{year}}, article 200 quater B of the French general tax code).',
      payer: 'Family: {{family}}',
      child: '{{name}}, born on {{birth}}',
      establishment: 'Establishment: {{name}} — identifier: {{identifier}}',
      paid: 'Amounts paid in {{year}}: {{amount}}',
      total: 'Total paid in {{year}}: {{amount}}',
      none: 'No amount paid in {{year}} for a child under 6.',
      note: 'Amounts actually paid in the year, meals excluded. Aid received (CAF, employer) is to be deducted by the taxpayer.',
      noIdentifier: 'not provided',
    },
  },
};

export default money;
