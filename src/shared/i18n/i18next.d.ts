// Typed keys for i18next on both sides (issue 10): `t('family:…')` with a key absent from the French catalogue is a
// type error. The English catalogue is held to the same keys by `Catalogue<typeof fr…>` (catalogue.ts).
import 'i18next';
import type { fr } from './fr/index.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof fr;
  }
}
