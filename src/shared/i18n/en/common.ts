/** Namespace « common », English: the same keys as fr/common.ts. */
import type fr from '../fr/common.js';
import type { Catalogue } from '../catalogue.js';

const common: Catalogue<typeof fr> = {
  language: {
    switchLabel: 'Portal language',
  },
  loading: 'Loading…',
};

export default common;
