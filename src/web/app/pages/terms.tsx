import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** The portal's terms of use and the data-protection notice (RGPD, articles 13 and 14). */
export function TermsPage() {
  const { config } = useSession();
  const city = config.city;
  usePageTitle('Conditions d’utilisation et données personnelles');
  return (
    <div className="prose">
      <PageHeading>Conditions d’utilisation et données personnelles</PageHeading>
      <p className="lead">
        Le Portail Familles est un service en ligne proposé par {city.name} aux familles dont les enfants fréquentent
        l’accueil de loisirs, le périscolaire ou la restauration scolaire.
      </p>

      <h2>1. Objet du portail</h2>
      <p>Le portail permet, à partir d’un compte famille :</p>
      <ul>
        <li>de tenir à jour les informations de la famille et les fiches des enfants ;</li>
        <li>de réserver et d’annuler des journées ou des repas, dans les délais fixés par le règlement des services ;</li>
        <li>de consulter, télécharger et payer les factures ;</li>
        <li>de transmettre les pièces justificatives demandées.</li>
      </ul>
      <p>
        L’utilisation du portail est gratuite et facultative : les mêmes démarches restent possibles à l’accueil de la
        mairie.
      </p>

      <h2>2. Compte famille</h2>
      <p>
        La création d’un compte est réservée au responsable légal d’au moins un enfant. Le compte est validé par les
        services de la mairie sous 3 jours ouvrés ; les réservations ne sont possibles qu’après cette validation.
      </p>
      <p>
        Votre identifiant est votre adresse e-mail. Votre mot de passe est personnel : ne le communiquez à personne. La
        mairie ne vous le demandera jamais. Si vous pensez qu’un tiers le connaît, changez-le sans attendre depuis « Mon
        compte famille » et prévenez la mairie.
      </p>
      <p>
        Vous vous engagez à fournir des informations exactes et à les tenir à jour, notamment les coordonnées des
        personnes à prévenir en cas d’urgence et les renseignements médicaux utiles à l’accueil des enfants.
      </p>

      <h2>3. Réservations et factures</h2>
      <p>
        Les réservations, annulations, tarifs et modalités de paiement sont régis par le règlement intérieur des services
        périscolaires et extrascolaires adopté par le conseil municipal. En cas de différence, le règlement intérieur
        prévaut sur les informations affichées par le portail.
      </p>

      <h2>4. Disponibilité</h2>
      <p>
        La mairie s’efforce de rendre le portail accessible en permanence, mais peut l’interrompre pour maintenance ou
        en cas d’incident. Une indisponibilité ne prolonge pas les délais de réservation ou d’annulation ; en cas de
        difficulté, contactez le service.
      </p>

      <h2>5. Données personnelles</h2>
      <h3>Responsable du traitement</h3>
      <p>
        {city.name}, représentée par son maire, {city.address}. Vous pouvez contacter le délégué à la protection des
        données de la commune à l’adresse de la mairie, en précisant « Délégué à la protection des données », ou par
        courriel à <a href={`mailto:${city.email}`}>{city.email}</a>.
      </p>
      <h3>Données collectées</h3>
      <ul>
        <li>identité et coordonnées des responsables légaux (nom, prénom, adresse, téléphones, adresse e-mail) ;</li>
        <li>situation familiale, régime et numéro d’allocataire (CAF, MSA), quotient familial ;</li>
        <li>
          identité des enfants, renseignements médicaux utiles à leur accueil (vaccinations, allergies, projet
          d’accueil individualisé), personnes à contacter et personnes autorisées à venir les chercher, autorisations ;
        </li>
        <li>réservations, présences, factures et paiements ;</li>
        <li>pièces justificatives que vous transmettez ;</li>
        <li>données de connexion (dates de connexion, journal des actions) pour la sécurité du service.</li>
      </ul>
      <h3>Finalités et base légale</h3>
      <p>
        Ces données servent à inscrire les enfants, organiser leur accueil et leur sécurité, appliquer les tarifs,
        facturer et encaisser, et vous informer sur les services. Le traitement relève de l’exécution d’une mission
        d’intérêt public dont la commune est investie (article 6-1-e du RGPD). Les renseignements médicaux sont traités
        pour la protection des enfants accueillis (article 9-2 du RGPD) et ne sont consultés que par les agents qui en
        ont besoin ; chaque consultation est tracée.
      </p>
      <h3>Destinataires</h3>
      <p>
        Les agents habilités des services enfance, jeunesse, scolaire et finances de la commune, le comptable public
        (Trésor public) pour le recouvrement des factures, et le prestataire de paiement en ligne pour les seules données
        nécessaires au paiement. Vos données ne sont ni vendues ni utilisées à des fins commerciales.
      </p>
      <h3>Durées de conservation</h3>
      <ul>
        <li>compte et dossier famille : tant que le compte est utilisé, puis 2 ans après la dernière fréquentation d’un enfant ;</li>
        <li>renseignements médicaux : jusqu’à la fin de l’année scolaire suivant la dernière fréquentation ;</li>
        <li>factures et paiements : 10 ans, durée imposée par les règles de la comptabilité publique ;</li>
        <li>demande de compte refusée : 6 mois ;</li>
        <li>journaux de connexion et d’actions : 1 an.</li>
      </ul>
      <h3>Vos droits</h3>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier, demander leur effacement ou la limitation de leur
        traitement, et vous opposer à celui-ci pour des raisons tenant à votre situation particulière, dans les limites
        prévues par le RGPD. La plupart des informations se corrigent directement depuis votre compte. Pour toute
        demande, écrivez à <a href={`mailto:${city.email}`}>{city.email}</a> ou à la mairie. Si vous estimez que vos
        droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).
      </p>
      <h3>Cookies</h3>
      <p>
        Le portail n’utilise que les cookies indispensables à son fonctionnement (session de connexion et protection des
        formulaires). Il n’utilise aucun cookie de mesure d’audience ni de publicité.
      </p>

      <h2>6. Accessibilité</h2>
      <p>
        Le portail est conçu pour respecter le référentiel général d’amélioration de l’accessibilité (RGAA). Si vous
        rencontrez une difficulté, contactez la mairie au {city.phone} : une solution vous sera proposée.
      </p>

      <p>
        <Link to="/">Revenir à la page d’accueil</Link>
      </p>
    </div>
  );
}
