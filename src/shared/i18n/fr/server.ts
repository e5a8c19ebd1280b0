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
