/** Namespace « errors », French (the reference catalogue). */
const errors = {
};

export default errors;
