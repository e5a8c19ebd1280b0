/** Namespace « staffAdmin », French (the reference catalogue). */
const staffAdmin = {
};

export default staffAdmin;
