/** Namespace « auth », English: the same keys as fr/auth.ts. */
import type fr from '../fr/auth.js';
import type { Catalogue } from '../catalogue.js';

const auth: Catalogue<typeof fr> = {
};

export default auth;
