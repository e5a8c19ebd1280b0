/** Namespace « staff », French (the reference catalogue). */
const staff = {
};

export default staff;
