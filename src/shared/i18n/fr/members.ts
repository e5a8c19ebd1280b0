/** Namespace « members », French (the reference catalogue): les membres du foyer (un identifiant par parent), leurs droits, les invitations et le journal du foyer. */
const members = {
  title: 'Membres du foyer',
};

export default members;
