/** Namespace « pdf », English: the same keys as fr/pdf.ts. */
import type fr from '../fr/pdf.js';
import type { Catalogue } from '../catalogue.js';

const pdf: Catalogue<typeof fr> = {
};

export default pdf;
