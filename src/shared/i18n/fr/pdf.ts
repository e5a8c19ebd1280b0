/** Namespace « pdf », French (the reference catalogue). */
const pdf = {
};

export default pdf;
