/** Namespace « family », English: the same keys as fr/family.ts. */
import type fr from '../fr/family.js';
import type { Catalogue } from '../catalogue.js';

const family: Catalogue<typeof fr> = {
};

export default family;
