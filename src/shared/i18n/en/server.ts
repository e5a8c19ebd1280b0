/** Namespace « server », English: the same keys as fr/server.ts. */
import type fr from '../fr/server.js';
import type { Catalogue } from '../catalogue.js';

const server: Catalogue<typeof fr> = {
  planning: {
    week: 'Week {{number}} — {{from}} to {{to}}',
  },
};

export default server;
