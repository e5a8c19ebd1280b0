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
};

export default server;
