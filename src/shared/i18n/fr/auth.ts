/** Namespace « auth », French (the reference catalogue). */
const auth = {
};

export default auth;
