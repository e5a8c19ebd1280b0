/**
 * Namespace « pdf », French (the reference catalogue): the invoice PDF (src/server/modules/billing/billing.pdf.ts),
 * written in the language of the request that downloads it. Line kinds come from `labels:lineKind`.
 */
const pdf = {
  invoice: {
    title: 'Facture {{number}}',
    titleDraft: 'Facture brouillon',
    fileName: 'facture-{{number}}.pdf',
    office: 'Régie : {{name}} ({{code}})',
    billedTo: 'Facturé à',
    heading: 'Facture n° {{number}}',
    headingDraft: 'Facture (brouillon)',
    services: 'Prestations de {{month}} — famille {{family}}',
    dates: 'Émise le {{issuedOn}} · à régler avant le {{dueOn}}',
    quotient: 'Quotient familial : {{quotient}} · {{residence}}',
    quotientMissing: 'non déclaré (tranche la plus haute)',
    resident: 'résident',
    nonResident: 'non-résident',
    columns: { service: 'Prestation et dates', quantity: 'Qté', unitPrice: 'Prix unitaire', amount: 'Montant' },
    total: 'Total de la facture',
    creditNote: 'Avoir {{number}}',
    paid: 'Déjà réglé',
    balance: 'Reste à payer',
    howToPay: 'Comment payer',
    howToPayText:
      'En ligne depuis votre espace « Mes Factures & Paiements », ou auprès de la régie {{office}} (chèque à l’ordre du Trésor public, espèces, CESU). Rappelez le numéro de facture.',
    recovery: 'Après le {{dueOn}}, le recouvrement est confié au Trésor public.',
  },
};

export default pdf;
