/** Namespace « common »: the page frame, the shared widgets and formats, in French (the reference catalogue). */
const common = {
  language: {
    /** the switch shows the other language, in that language */
    switchLabel: 'Langue du portail',
  },
  loading: 'Chargement…',
};

export default common;
