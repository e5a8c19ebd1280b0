/** Namespace « signin », English: the same keys as fr/signin.ts (signing in with FranceConnect and linking a FranceConnect identity to an account). */
import type fr from '../fr/signin.js';
import type { Catalogue } from '../catalogue.js';

const signin: Catalogue<typeof fr> = {
  title: 'Sign in with FranceConnect',
};

export default signin;
