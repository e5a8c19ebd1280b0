/** Namespace « signin », French (the reference catalogue): la connexion avec FranceConnect et le rattachement d’une identité FranceConnect à un compte. */
const signin = {
  title: 'S’identifier avec FranceConnect',
};

export default signin;
