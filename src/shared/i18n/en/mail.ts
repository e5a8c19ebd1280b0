/** Namespace « mail », English: the same keys as fr/mail.ts. */
import type fr from '../fr/mail.js';
import type { Catalogue } from '../catalogue.js';

const mail: Catalogue<typeof fr> = {
};

export default mail;
