/** Namespace « server », French (the reference catalogue). */
const server = {
};

export default server;
