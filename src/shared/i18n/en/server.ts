/** Namespace « server », English: the same keys as fr/server.ts. */
import type fr from '../fr/server.js';
import type { Catalogue } from '../catalogue.js';

const server: Catalogue<typeof fr> = {
  planning: {
    week: 'Week {{number}} — {{from}} to {{to}}',
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
