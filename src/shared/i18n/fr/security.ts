/** Namespace « security », French (the reference catalogue): la double authentification des agents (TOTP, codes de secours, clés d’accès) et la liste des sessions. */
const security = {
  title: 'Sécurité du compte',
};

export default security;
