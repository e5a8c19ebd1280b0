/**
 * Namespace « money », French (issue 13 and the payment items of issue 17): SEPA mandates and debits, reminders,
 * debt rules, credit and refunds, certificates, one-off charges — the e-mails, PDFs and exports the server writes,
 * and the family's and staff's pages.
 */
const money = {
  mail: {
    prenotification: {
      subject: 'Prélèvement à venir — facture {{number}}',
      body: 'La facture {{number}} de {{amount}} sera prélevée le {{day}} sur votre compte {{iban}}.',
      mandate: 'Mandat de prélèvement SEPA n° {{rum}} — identifiant créancier {{ics}}.',
      provision: 'Merci de veiller à ce que votre compte soit approvisionné à cette date. Pour toute question, contactez la régie.',
    },
    reminder: {
      subject: 'Relance n° {{step}} — facture {{number}} impayée',
      body: 'Sauf erreur de notre part, la facture {{number}} reste impayée : {{amount}} étaient à régler avant le {{dueOn}}.',
      letter: 'Une lettre de relance vous est également adressée par courrier.',
      how: 'Vous pouvez la régler en ligne depuis votre espace, rubrique « Mes Factures & Paiements », ou à la régie (chèque à l’ordre du Trésor public, espèces, CESU).',
      link: 'Régler mes factures',
      help: 'Si vous rencontrez des difficultés de paiement, contactez le service : un échéancier peut être étudié.',
    },
    rejection: {
      subject: 'Prélèvement rejeté — facture {{number}}',
      body: 'Le prélèvement de {{amount}} pour la facture {{number}} a été rejeté par votre banque (motif {{reason}}). La facture est de nouveau à régler.',
      fee: 'Les frais de rejet, {{fee}}, font l’objet d’une facture séparée.',
      how: 'Réglez-la en ligne depuis votre espace ou à la régie.',
    },
    mandateActive: {
      subject: 'Votre mandat de prélèvement est actif',
      body: 'La régie a activé votre mandat de prélèvement SEPA : vos prochaines factures seront prélevées automatiquement. Vous recevrez un e-mail avant chaque prélèvement.',
    },
    mandateRefused: {
      subject: 'Votre demande de prélèvement n’a pas été acceptée',
      body: 'La régie n’a pas pu activer votre mandat de prélèvement SEPA. Motif :',
    },
    basketCredit: {
      subject: 'Un avoir a été ajouté à votre compte',
      body: 'Suite à votre annulation, un avoir de {{amount}} a été ajouté à votre compte famille. Il sera déduit de vos prochaines factures.',
    },
  },
  unpaidCsv: {
    office: 'Régie',
    number: 'Numéro de facture',
    issuedOn: 'Émise le',
    dueOn: 'Échéance',
    payer: 'Redevable',
    address: 'Adresse',
    email: 'E-mail',
    totalCents: 'Montant (centimes)',
    paidCents: 'Réglé (centimes)',
    creditedCents: 'Avoirs (centimes)',
    balanceCents: 'Reste dû (centimes)',
    balance: 'Reste dû (euros)',
    reminders: 'Relances envoyées',
    familyId: 'Identifiant famille',
  },
  pdf: {
    mandate: {
      title: 'Mandat de prélèvement SEPA',
      fileName: 'mandat-sepa-{{rum}}.pdf',
      rum: 'Référence unique du mandat (RUM) : {{rum}}',
      creditor: 'Créancier : {{name}} — identifiant créancier SEPA (ICS) : {{ics}}',
      text: 'En signant ce formulaire de mandat, vous autorisez le créancier ci-dessus à envoyer des instructions à votre banque pour débiter votre compte, et votre banque à débiter votre compte conformément à ses instructions. Vous bénéficiez du droit d’être remboursé par votre banque selon les conditions décrites dans la convention que vous avez passée avec elle. Une demande de remboursement doit être présentée dans les 8 semaines suivant la date de débit de votre compte pour un prélèvement autorisé.',
      debtor: 'Débiteur : {{name}}',
      iban: 'IBAN : {{iban}}',
      bic: 'BIC : {{bic}}',
      payment: 'Type de paiement : récurrent',
      signed: 'Signé électroniquement à {{place}}, le {{day}}, en cochant la déclaration d’autorisation.',
      state: 'État : {{state}}',
    },
    payment: {
      title: 'Attestation de paiement',
      fileName: 'attestation-paiement-{{from}}-{{to}}.pdf',
      intro: 'Je soussigné(e), régisseur, atteste que la famille {{family}} a réglé entre le {{from}} et le {{to}} les sommes suivantes :',
      columns: { day: 'Date', invoice: 'Facture', method: 'Mode de règlement', amount: 'Montant' },
      total: 'Total réglé sur la période',
      none: 'Aucun règlement sur la période.',
      done: 'Fait pour servir et valoir ce que de droit, le {{day}}.',
    },
    tax: {
      title: 'Attestation fiscale {{year}} — frais de garde des enfants de moins de 6 ans',
      fileName: 'attestation-fiscale-{{year}}.pdf',
      intro: 'Attestation destinée à la déclaration des revenus {{year}} (crédit d’impôt pour frais de garde des enfants de moins de 6 ans au 1er janvier {{year}}, article 200 quater B du code général des impôts).',
      payer: 'Famille : {{family}}',
      child: '{{name}}, né(e) le {{birth}}',
      establishment: 'Établissement : {{name}} — identifiant : {{identifier}}',
      paid: 'Sommes versées en {{year}} : {{amount}}',
      total: 'Total des sommes versées en {{year}} : {{amount}}',
      none: 'Aucune somme versée en {{year}} pour un enfant de moins de 6 ans.',
      note: 'Montants effectivement payés dans l’année, hors frais de repas. Les aides perçues (CAF, employeur) sont à déduire par le déclarant.',
      noIdentifier: 'non renseigné',
    },
  },
};

export default money;
