/** Namespace « households », English: the same keys as fr/households.ts (children shared by two households (separated parents) and the custody schedule). */
import type fr from '../fr/households.js';
import type { Catalogue } from '../catalogue.js';

const households: Catalogue<typeof fr> = {
  title: 'The child’s households',
};

export default households;
