/**
 * Namespace « server », French (the reference catalogue): what the server writes for people besides errors, e-mails
 * and the invoice PDF — the planning's week labels, exports (CSV, personal data), warnings — in the language of the
 * request.
 */
const server = {
  planning: {
    /** the planning's week selector: « Semaine 37 — du 7 septembre au 13 septembre » */
    week: 'Semaine {{number}} — du {{from}} au {{to}}',
  },
  /** the billing office's CSV exports (« ; » separated, decimal comma, as French Excel expects) */
  csv: {
    invoicesFile: 'factures.csv',
    invoicesFileOfMonth: 'factures-{{month}}.csv',
    paymentsFile: 'reglements.csv',
    invoices: {
      number: 'Numéro',
      office: 'Régie',
      family: 'Famille',
      month: 'Mois',
      issuedOn: 'Émise le',
      dueOn: 'Échéance',
      total: 'Total (€)',
      credited: 'Avoirs (€)',
      paid: 'Payé (€)',
      balance: 'Reste dû (€)',
      state: 'État',
    },
    payments: {
      id: 'N° règlement',
      receivedOn: 'Reçu le',
      family: 'Famille',
      method: 'Mode',
      reference: 'Référence',
      amount: 'Montant (€)',
      allocated: 'Affecté (€)',
      unallocated: 'Non affecté (€)',
      invoices: 'Factures',
    },
  },
  /** the attendance sheet (« pointage »), as CSV and as a printable PDF */
  attendance: {
    file: 'pointage-{{unit}}-{{day}}.csv',
    pdfFile: 'pointage-{{unit}}-{{day}}.pdf',
    csv: {
      lastName: 'Nom',
      firstName: 'Prénom',
      birthDate: 'Date de naissance',
      booked: 'Réservé',
      health: 'Allergie / PAI',
      status: 'Présence',
      yes: 'oui',
      no: 'non',
      healthYes: 'oui — voir la fiche',
    },
    pdf: {
      title: 'Pointage {{activity}} {{day}}',
      portal: '{{city}} — Portail Familles',
      heading: 'Pointage — {{activity}}',
      name: 'Nom et prénom',
      born: 'Né(e) le',
      booked: 'Réservé',
      health: 'Allergie / PAI',
      status: 'Présence',
      yes: 'oui',
      no: 'non',
      healthYes: 'OUI — voir la fiche',
      boxes: '[  ] présent   [  ] absent',
      footer: '{{n}} enfant(s). Édité depuis le Portail Familles.',
    },
  },
  /** why a draft invoicing run needs a look (the detail of each warning; its title is labels:runWarning) */
  runWarning: {
    missingQuotient: 'Tranche la plus haute appliquée à toutes les lignes.',
    noPayerEmail: 'La famille ne recevra pas de courriel.',
    missingTariff: '{{activity}} — {{unit}} : {{n}} jour(s) non facturé(s)',
    attendanceNotTaken: '{{activity}} — {{unit}} : {{days}}',
  },
  /** why a closed family's rows are kept (the admin's closure report; docs/data-retention.md) */
  legalHold: {
    invoices: 'Factures publiées (et leurs avoirs) : pièces comptables conservées 10 ans, jamais modifiées.',
    payments: 'Règlements reçus : pièces comptables conservées 10 ans.',
    onlinePayments: 'Paiements en ligne aboutis ou en cours : pièces comptables conservées 10 ans (adresse e-mail effacée).',
  },
  /** who read a child's health information (the family's list), when the agent's account is gone */
  healthAccess: {
    unknownStaff: 'Agent de la ville',
  },
  /** the demo bank's page (the demo provider imitating a payment provider's page) */
  demoBank: {
    simulation: 'SIMULATION — aucun paiement réel',
    title: '{{title}} — Banque de démonstration ({{simulation}})',
    intro: 'Banque de démonstration du Portail Familles : cette page imite celle d’un prestataire de paiement. Aucune carte n’est demandée, aucun argent n’est débité.',
    unknown: 'Opération introuvable',
    unknownText: 'Cette opération de paiement n’existe pas ou a expiré.',
    done: 'Opération terminée',
    doneText: 'Vous avez déjà répondu pour cette opération (référence {{reference}}).',
    back: 'Revenir au Portail Familles',
    accepted: 'Simuler un paiement accepté',
    refused: 'Simuler un paiement refusé',
    abandoned: 'Abandonner et revenir au portail',
    payment: 'Paiement',
    heading: 'Paiement — {{simulation}}',
    amount: 'Montant',
    reference: 'Référence',
    payee: 'Bénéficiaire',
    choose: 'Choisissez le résultat de ce paiement simulé (paiement accepté, paiement refusé ou abandon)',
    later: 'Le résultat parvient au portail quelques secondes plus tard, comme avec une vraie banque.',
  },
  /** the family's data export (a ZIP): its README and names; `donnees.json` and `documents/` keep their names */
  dataExport: {
    fileName: 'mes-donnees-{{day}}.zip',
    readmeName: 'LISEZMOI.txt',
    readmeTitle: 'Vos données du Portail Familles (droit d’accès et de portabilité, RGPD art. 15 et 20).',
    readmeData:
      '- donnees.json : votre compte, votre famille, les fiches de vos enfants (renseignements médicaux compris), vos réservations, vos documents et les courriels envoyés.',
    readmeFiles: '- documents/ : les fichiers que vous avez transmis.',
  },
};

export default server;
