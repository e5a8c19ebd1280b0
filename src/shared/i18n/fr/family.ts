/** Namespace « family », French (the reference catalogue). */
const family = {
};

export default family;
