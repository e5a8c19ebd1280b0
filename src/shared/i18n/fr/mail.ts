/** Namespace « mail », French (the reference catalogue). */
const mail = {
};

export default mail;
