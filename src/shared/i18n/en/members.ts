/** Namespace « members », English: the same keys as fr/members.ts (the household's members (one login per parent), their rights, invitations and the household's log). */
import type fr from '../fr/members.js';
import type { Catalogue } from '../catalogue.js';

const members: Catalogue<typeof fr> = {
  title: 'Household members',
};

export default members;
