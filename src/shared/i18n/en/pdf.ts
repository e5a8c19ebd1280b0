/** Namespace « pdf », English: the same keys as fr/pdf.ts. */
import type fr from '../fr/pdf.js';
import type { Catalogue } from '../catalogue.js';

const pdf: Catalogue<typeof fr> = {
  invoice: {
    title: 'Invoice {{number}}',
    titleDraft: 'Draft invoice',
    fileName: 'invoice-{{number}}.pdf',
    office: 'Billing office: {{name}} ({{code}})',
    billedTo: 'Billed to',
    heading: 'Invoice no. {{number}}',
    headingDraft: 'Invoice (draft)',
    services: 'Services for {{month}} — {{family}} family',
    dates: 'Issued on {{issuedOn}} · due by {{dueOn}}',
    quotient: 'Family quotient: {{quotient}} · {{residence}}',
    quotientMissing: 'not declared (highest band)',
    resident: 'resident',
    nonResident: 'non-resident',
    columns: { service: 'Service and dates', quantity: 'Qty', unitPrice: 'Unit price', amount: 'Amount' },
    total: 'Invoice total',
    creditNote: 'Credit note {{number}}',
    paid: 'Already paid',
    balance: 'Balance due',
    howToPay: 'How to pay',
    howToPayText:
      'Online from your account, section “My invoices & payments”, or at the {{office}} billing office (cheque payable to the Trésor public, cash, CESU). Quote the invoice number.',
    recovery: 'After {{dueOn}}, recovery is handed over to the Trésor public.',
  },
};

export default pdf;
