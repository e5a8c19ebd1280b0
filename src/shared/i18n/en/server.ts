/** Namespace « server », English: the same keys as fr/server.ts. */
import type fr from '../fr/server.js';
import type { Catalogue } from '../catalogue.js';

const server: Catalogue<typeof fr> = {
  planning: {
    week: 'Week {{number}} — {{from}} to {{to}}',
  },
  csv: {
    invoicesFile: 'invoices.csv',
    invoicesFileOfMonth: 'invoices-{{month}}.csv',
    paymentsFile: 'payments.csv',
    invoices: {
      number: 'Number',
      office: 'Billing office',
      family: 'Family',
      month: 'Month',
      issuedOn: 'Issued on',
      dueOn: 'Due date',
      total: 'Total (€)',
      credited: 'Credit notes (€)',
      paid: 'Paid (€)',
      balance: 'Balance due (€)',
      state: 'Status',
    },
    payments: {
      id: 'Payment no.',
      receivedOn: 'Received on',
      family: 'Family',
      method: 'Method',
      reference: 'Reference',
      amount: 'Amount (€)',
      allocated: 'Allocated (€)',
      unallocated: 'Unallocated (€)',
      invoices: 'Invoices',
    },
  },
  attendance: {
    file: 'attendance-{{unit}}-{{day}}.csv',
    pdfFile: 'attendance-{{unit}}-{{day}}.pdf',
    csv: {
      lastName: 'Surname',
      firstName: 'First name',
      birthDate: 'Date of birth',
      booked: 'Booked',
      health: 'Allergy / PAI',
      status: 'Attendance',
      yes: 'yes',
      no: 'no',
      healthYes: 'yes — see the record',
    },
    pdf: {
      title: 'Attendance {{activity}} {{day}}',
      portal: '{{city}} — Family Portal',
      heading: 'Attendance — {{activity}}',
      name: 'Surname and first name',
      born: 'Born on',
      booked: 'Booked',
      health: 'Allergy / PAI',
      status: 'Attendance',
      yes: 'yes',
      no: 'no',
      healthYes: 'YES — see the record',
      boxes: '[  ] present   [  ] absent',
      footer: '{{n}} child(ren). Printed from the Family Portal.',
    },
  },
  runWarning: {
    missingQuotient: 'Highest band applied to every line.',
    noPayerEmail: 'The family will not receive an e-mail.',
    missingTariff: '{{activity}} — {{unit}}: {{n}} day(s) not invoiced',
    attendanceNotTaken: '{{activity}} — {{unit}}: {{days}}',
  },
  legalHold: {
    invoices: 'Published invoices (and their credit notes): accounting records kept for 10 years, never changed.',
    payments: 'Payments received: accounting records kept for 10 years.',
    onlinePayments: 'Online payments completed or in progress: accounting records kept for 10 years (e-mail address erased).',
  },
  healthAccess: {
    unknownStaff: 'Town hall staff member',
  },
  dataExport: {
    fileName: 'my-data-{{day}}.zip',
    readmeName: 'README.txt',
    readmeTitle: 'Your data from the Family Portal (right of access and data portability, GDPR Articles 15 and 20).',
    readmeData:
      '- donnees.json: your account, your family, your children’s records (medical information included), your bookings, your documents and the e-mails sent to you.',
    readmeFiles: '- documents/: the files you sent.',
  },
};

export default server;
