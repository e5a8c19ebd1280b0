/** Namespace « staff », English: the same keys as fr/staff.ts. */
import type fr from '../fr/staff.js';
import type { Catalogue } from '../catalogue.js';

const staff: Catalogue<typeof fr> = {
};

export default staff;
