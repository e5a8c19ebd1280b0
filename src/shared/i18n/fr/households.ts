/** Namespace « households », French (the reference catalogue): les enfants partagés entre deux foyers (parents séparés) et le calendrier de garde. */
const households = {
  title: 'Foyers de l’enfant',
};

export default households;
