/** Namespace « errors », English: the same keys as fr/errors.ts. */
import type fr from '../fr/errors.js';
import type { Catalogue } from '../catalogue.js';

const errors: Catalogue<typeof fr> = {
};

export default errors;
