/** Namespace « staffAdmin », English: the same keys as fr/staffAdmin.ts. */
import type fr from '../fr/staffAdmin.js';
import type { Catalogue } from '../catalogue.js';

const staffAdmin: Catalogue<typeof fr> = {
};

export default staffAdmin;
