"""Experience reports of the demo network, written from the initiatives the COMETE documents cite
(/work/shared/seeds: the "Enjeux" workshops of March 2021, the Territoires pilotes note of the
Fabrique des transitions, the ADEME regional network). Figures come from those documents only;
where they say nothing, the text says so rather than inventing numbers. Difficulties are the
points of vigilance raised in the workshops, stated as such."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Exp:
    slug: str
    title: str
    format: str
    organisations: tuple[str, ...]  # organisation slugs (skipped when absent)
    themes: tuple[str, ...]  # theme slugs
    summary: str
    character: str = ""
    project_status: str = "en_cours"
    started: str = ""  # ISO date
    ended: str = ""
    budget_amount: int | None = None
    funders: str = ""
    context: str = ""
    objectives: str = ""
    steps: str = ""
    actors: str = ""
    budget: str = ""
    results: str = ""
    difficulties: str = ""
    lessons: str = ""
    transposability: str = ""
    contacts: str = ""
    state: str = "published"
    author: str = "animateur"  # demo login prefix: animateur@, referent@, membre@


SOURCE_ENJEUX = "Source : atelier « Financement collectif de la transition » des territoires de la communauté, 9 mars 2021."

EXPERIENCES: tuple[Exp, ...] = (
    Exp(
        slug="fonds-participation-transition-compiegne",
        title="Un fonds de participation pour les projets associatifs et scolaires de transition",
        format="monographie",
        organisations=("arc-compiegne",),
        themes=("financement", "participation-citoyenne", "education-sensibilisation", "biodiversite"),
        character="urbain",
        project_status="termine",
        started="2021-01-01",
        ended="2023-12-31",
        budget_amount=50000,
        funders="Agglomération de la Région de Compiègne (contrat de transition écologique du Grand Compiégnois)",
        summary=(
            "L'Agglomération de la Région de Compiègne a doté un fonds de participation de 50 000 € sur trois ans "
            "pour soutenir les associations et les écoles qui portent de petits projets de transition écologique : "
            "jardins partagés, sensibilisation à la biodiversité, cuisine zéro déchet, vélo."
        ),
        context=(
            "Le fonds est né dans le cadre du **contrat de transition écologique du Grand Compiégnois**. "
            "L'agglomération voulait que la transition ne reste pas l'affaire des seuls services et élus, "
            "et donner aux associations et au monde scolaire un coup de pouce simple à obtenir."
        ),
        objectives=(
            "- aider les associations et les établissements scolaires à contribuer à la transition écologique ;\n"
            "- faire émerger des projets concrets et visibles par les habitants ;\n"
            "- toucher des publics que les dispositifs classiques de subvention n'atteignent pas."
        ),
        steps=(
            "- 2021 : création du fonds, règlement et premier appel à projets ;\n"
            "- 2021-2023 : sélection des lauréats au fil de l'eau ;\n"
            "- fin 2023 : fin de l'enveloppe pluriannuelle et bilan."
        ),
        actors="L'agglomération (service transition écologique), les associations du territoire, les écoles, collèges et lycées.",
        budget=(
            "Enveloppe totale de **50 000 €** répartie sur 3 ans (2021 à 2023). Chaque projet lauréat reçoit au plus "
            "**1 500 €**, dans la limite de **50 %** de son plan de financement global."
        ),
        results=(
            "Les projets éligibles couvrent un large spectre : jardins partagés en permaculture, animations de "
            "sensibilisation à la protection de la biodiversité, événements sur l'écologie, observatoire de la "
            "biodiversité, outils de partage d'astuces, cuisine zéro déchet et locale, valorisation des invendus en "
            "circuits courts, promotion de l'usage du vélo. Le nombre de lauréats n'est pas indiqué dans nos sources : "
            "à compléter par l'agglomération."
        ),
        difficulties=(
            "Points de vigilance relevés en atelier :\n\n"
            "- la règle des 50 % oblige les petites associations à trouver un cofinancement, ce qui peut les exclure ;\n"
            "- un plafond de 1 500 € limite l'ambition des projets ;\n"
            "- le suivi de nombreux petits dossiers demande du temps d'agent, rarement compté au départ."
        ),
        lessons="Un dispositif simple, lisible et doté d'un calendrier court mobilise des acteurs qui ne répondent jamais aux grands appels à projets.",
        transposability=(
            "Reproductible par toute intercommunalité ou commune, même petite : le montant se dimensionne au budget. "
            "À adapter : le taux de cofinancement (un taux plus élevé pour les très petites associations), un "
            "accompagnement au montage du dossier, une communication ciblée vers les écoles."
        ),
        contacts="Service transition écologique de l'Agglomération de la Région de Compiègne.\n\n"
        + SOURCE_ENJEUX,
    ),
    Exp(
        slug="small-business-act-tco-reunion",
        title="Small Business Act : ouvrir la commande publique aux entreprises locales",
        format="monographie",
        organisations=("tco-la-reunion",),
        themes=("commande-publique-responsable", "economie-locale-ess"),
        character="outre_mer",
        project_status="en_cours",
        summary=(
            "Le Territoire de la Côte Ouest (La Réunion) s'est doté d'un Small Business Act pour faciliter l'accès "
            "des entreprises locales vertueuses et innovantes à la commande publique, avec une stratégie du bon achat "
            "et des clauses environnementales et sociales."
        ),
        context=(
            "Inspiré des « Small Business Act » des États-Unis, le SBA s'intéresse à la manière de faciliter la "
            "participation des entreprises locales à la commande publique territoriale. Le code de la commande "
            "publique permet une telle approche, à condition que l'acheteur public dispose d'une **stratégie du bon achat**."
        ),
        objectives=(
            "- rendre visible et lisible la commande publique ;\n"
            "- consulter les filières locales dans la construction des achats (circuits courts, innovation territoriale, "
            "prévention du dumping social) ;\n"
            "- former les acheteurs et les entreprises pour moderniser la commande publique ;\n"
            "- intégrer des clauses de responsabilité environnementale et sociale construites avec les acteurs du territoire."
        ),
        actors="Le TCO (direction de la commande publique), les chambres consulaires, les filières économiques locales, les entreprises.",
        budget="Pas de budget d'investissement : l'essentiel est du temps d'acheteurs et d'animation. Montant non communiqué.",
        results="Publication anticipée des achats, rencontres acheteurs-entreprises, clauses co-construites. Indicateurs à compléter.",
        difficulties=(
            "Points de vigilance :\n\n- le droit de la commande publique interdit toute préférence locale directe : "
            "tout passe par le sourçage, l'allotissement et les critères ;\n- la formation des acheteurs prend du temps ;\n"
            "- les petites entreprises manquent de temps pour répondre, même à des marchés adaptés."
        ),
        lessons="Le levier n'est pas juridique mais organisationnel : connaître ses fournisseurs et annoncer ses achats à l'avance.",
        transposability=(
            "Transposable à toute collectivité qui achète beaucoup. En métropole, s'appuyer sur un schéma de "
            "promotion des achats socialement et écologiquement responsables (SPASER). À adapter au tissu économique : "
            "le contexte insulaire de La Réunion rend les circuits courts plus évidents."
        ),
        contacts="Direction de la commande publique du TCO.\n\n" + SOURCE_ENJEUX,
    ),
    Exp(
        slug="intracting-terres-de-lorraine",
        title="Intracting : financer les économies d'énergie par les économies d'énergie",
        format="monographie",
        organisations=("terres-de-lorraine",),
        themes=("financement", "batiment-renovation", "energie"),
        character="rural",
        project_status="en_cours",
        funders="Banque des Territoires (Caisse des Dépôts et Consignations)",
        summary=(
            "Terres de Lorraine expérimente l'intracting de la Caisse des Dépôts pour les petites et moyennes "
            "collectivités : une avance remboursable à taux proche de zéro finance les travaux d'économie d'énergie "
            "des bâtiments et de l'éclairage public, remboursée par les économies réalisées."
        ),
        context="Les petites communes ont des bâtiments énergivores mais peu d'ingénierie et de capacité d'emprunt.",
        objectives=(
            "- massifier les petits travaux d'économie d'énergie par un dispositif technique et financier « clés en main » ;\n"
            "- proposer un financement complémentaire aux subventions existantes ;\n"
            "- mobiliser les collectivités sur des travaux efficaces aux temps de retour courts (moins de 10 à 13 ans)."
        ),
        actors="Le territoire de projet Terres de Lorraine, ses communes, la Caisse des Dépôts, un conseil en énergie partagé.",
        budget="Avance remboursable de la Caisse des Dépôts à taux proche de zéro ; montant de l'enveloppe non communiqué.",
        results="Expérimentation en cours : les gains d'énergie mesurés après travaux conditionnent le remboursement.",
        difficulties=(
            "Points de vigilance :\n\n- il faut un suivi des consommations fiable avant et après travaux, ce que beaucoup "
            "de petites communes n'ont pas ;\n- la hausse des prix de l'énergie brouille le calcul des économies ;\n"
            "- les travaux à temps de retour long (isolation lourde) restent hors du dispositif."
        ),
        lessons="Le portage par un territoire de projet mutualise l'ingénierie que chaque commune seule ne pourrait pas payer.",
        transposability=(
            "Transposable à tout groupement de communes qui dispose d'un conseil en énergie partagé. Conditions : un "
            "inventaire des bâtiments, des compteurs relevés, un élu porteur."
        ),
        contacts="Terres de Lorraine, pôle transition énergétique.\n\n" + SOURCE_ENJEUX,
    ),
    Exp(
        slug="ferme-photovoltaique-faverges",
        title="Une ferme photovoltaïque communale à Faverges-Seythenex",
        format="monographie",
        organisations=("ville-de-faverges-seythenex",),
        themes=("energie", "gouvernance-cooperation"),
        character="montagne",
        project_status="termine",
        summary=(
            "La commune de Faverges-Seythenex, au pied des Alpes, a mis en place une ferme photovoltaïque : un "
            "premier pas de sa politique d'énergies renouvelables, avant la boucle locale d'autoconsommation et la "
            "chaufferie bois."
        ),
        context="Commune de montagne de Haute-Savoie engagée dans le parcours Territoires pilotes de la Fabrique des transitions.",
        objectives="Produire localement une électricité renouvelable et en faire un support de sensibilisation des habitants.",
        actors="La commune, ses services techniques, des partenaires de l'énergie citoyenne.",
        budget="Montant et plan de financement à compléter par la commune.",
        results="Installation en service. Production annuelle à renseigner.",
        difficulties=(
            "Points de vigilance habituels de ce type de projet : la durée des études de raccordement, la recherche "
            "d'un foncier sans conflit d'usage avec l'agriculture, l'acceptabilité paysagère en montagne."
        ),
        lessons="Une première réalisation visible crée la confiance nécessaire aux projets collectifs suivants.",
        transposability="Reproductible par une commune disposant d'un foncier dégradé ou de toitures : commencer par un cadastre solaire.",
        contacts="Mairie de Faverges-Seythenex. Source : note Territoires pilotes, Fabrique des transitions, 2022.",
    ),
    Exp(
        slug="boucle-locale-volte-face-faverges",
        title="Volte Face : une boucle locale d'autoconsommation collective",
        format="fiche",
        organisations=("ville-de-faverges-seythenex",),
        themes=("energie", "participation-citoyenne", "economie-locale-ess"),
        character="montagne",
        project_status="en_cours",
        summary=(
            "À Faverges-Seythenex, la boucle locale Volte Face partage l'électricité solaire produite localement entre "
            "producteurs et consommateurs voisins : une forme d'autoconsommation collective."
        ),
        context="Prolonge la ferme photovoltaïque communale : l'énergie produite sur place est consommée sur place.",
        objectives="Consommer localement l'électricité renouvelable produite, associer habitants et entreprises.",
        budget="À compléter.",
        difficulties=(
            "L'autoconsommation collective suppose une personne morale organisatrice et des contrats avec chaque "
            "participant : un montage juridique nouveau pour une commune."
        ),
        transposability="Possible dans un rayon de quelques kilomètres autour des installations de production ; se faire accompagner pour le montage.",
        contacts="Mairie de Faverges-Seythenex.",
    ),
    Exp(
        slug="chaufferie-bois-reseau-chaleur-faverges",
        title="Chaufferie bois et réseau de chaleur à Faverges-Seythenex",
        format="fiche",
        organisations=("ville-de-faverges-seythenex",),
        themes=("energie", "climat-carbone"),
        character="montagne",
        project_status="termine",
        summary="Une chaufferie au bois alimente un réseau de chaleur qui chauffe des bâtiments publics de la commune.",
        context="Territoire de montagne, forêts proches : une ressource de bois-énergie locale.",
        objectives="Remplacer le fioul et le gaz par une énergie renouvelable locale pour le chauffage.",
        budget="À compléter par la commune.",
        difficulties="Approvisionnement en plaquettes à sécuriser dans la durée ; exploitation technique exigeante.",
        transposability="Pertinent quand plusieurs gros consommateurs de chaleur sont proches les uns des autres.",
        contacts="Mairie de Faverges-Seythenex.",
    ),
    Exp(
        slug="environnemois-faverges",
        title="L'Environne'mois : un mois de juin consacré à l'environnement",
        format="fiche",
        organisations=("ville-de-faverges-seythenex",),
        themes=("education-sensibilisation", "economie-locale-ess"),
        character="montagne",
        project_status="en_cours",
        summary="Chaque mois de juin, Faverges-Seythenex organise l'Environne'mois, temps fort de sensibilisation et d'échanges avec les acteurs économiques locaux.",
        objectives="Mobiliser habitants, associations et entreprises autour de la transition.",
        difficulties="Tenir la mobilisation des bénévoles d'une année sur l'autre.",
        transposability="Facile à reproduire : partir des événements existants plutôt que d'en créer de nouveaux.",
        contacts="Mairie de Faverges-Seythenex.",
    ),
    Exp(
        slug="valorisation-dechets-organiques-reugny",
        title="Valoriser les déchets organiques pour une économie circulaire à Reugny",
        format="fiche",
        organisations=("commune-de-reugny",),
        themes=("economie-circulaire-dechets", "alimentation"),
        character="rural",
        project_status="idee",
        summary="La commune rurale de Reugny prépare un projet de valorisation des déchets organiques : compostage partagé et retour au sol.",
        context="Accompagnement territorialisé de la Fabrique des transitions, 2022.",
        objectives="Réduire les biodéchets collectés, produire un compost local pour les jardins et les agriculteurs.",
        difficulties="Projet au stade de l'idée : le modèle économique et le portage restent à définir.",
        transposability="Toute commune rurale : le compostage de proximité demande peu d'investissement mais de l'animation.",
        contacts="Mairie de Reugny.",
    ),
    Exp(
        slug="foire-courts-circuits-saint-jean-de-braye",
        title="La Foire des Courts-Circuits, vitrine de l'économie locale",
        format="fiche",
        organisations=("ville-de-saint-jean-de-braye",),
        themes=("economie-locale-ess", "alimentation"),
        character="periurbain",
        project_status="en_cours",
        summary="Saint-Jean-de-Braye organise la Foire des Courts-Circuits, qui rassemble producteurs, artisans et acteurs de l'économie sociale et solidaire.",
        objectives="Faire connaître les circuits courts et structurer un pôle de l'économie sociale et solidaire.",
        difficulties="Passer d'un événement annuel à une coopération durable entre acteurs économiques.",
        transposability="Un événement existant peut servir de point de départ à un écosystème coopératif.",
        contacts="Mairie de Saint-Jean-de-Braye.",
    ),
    Exp(
        slug="cantine-durable-vimy",
        title="Cantine durable : un modèle d'économie de la fonctionnalité à Vimy",
        format="monographie",
        organisations=("commune-de-vimy",),
        themes=("alimentation", "economie-locale-ess", "commande-publique-responsable"),
        character="periurbain",
        project_status="en_cours",
        summary=(
            "Vimy travaille le modèle économique de sa cantine durable selon l'économie de la fonctionnalité, dans ses "
            "relations avec les écoles publiques et privées, les intervenants et les fournisseurs."
        ),
        context="Commune engagée dans le parcours Territoires pilotes ; la restauration scolaire est son premier levier alimentaire.",
        objectives="Servir des repas durables et locaux sans alourdir le coût pour les familles.",
        actors="Commune, écoles publiques et privées, fournisseurs locaux, intervenants.",
        budget="À compléter.",
        difficulties="Répartir les coûts entre écoles publiques et privées ; contractualiser avec des fournisseurs agricoles de petite taille.",
        lessons="Raisonner en service rendu (des repas de qualité) plutôt qu'en volume de denrées achetées.",
        transposability="Toute commune gérant sa restauration scolaire ; à articuler avec un projet alimentaire territorial.",
        contacts="Mairie de Vimy.",
    ),
    Exp(
        slug="maison-alimentation-durable-lomme",
        title="Une maison de l'alimentation durable à Lomme",
        format="fiche",
        organisations=("lomme",),
        themes=("alimentation", "cohesion-sociale"),
        character="urbain",
        project_status="en_cours",
        summary="Lomme ouvre en 2022 une maison de l'alimentation durable et cherche les projets opérationnels à y accueillir.",
        objectives="Un lieu ressource sur l'alimentation : cuisine, ateliers, épicerie solidaire, acteurs du PAT.",
        difficulties="Un lieu sans projets opérationnels risque de rester vide : les identifier avant l'ouverture.",
        transposability="Pertinent en ville dense ; s'appuyer sur les associations d'aide alimentaire existantes.",
        contacts="Mairie de Lomme.",
    ),
    Exp(
        slug="pat-relations-urbain-rural-albigeois",
        title="Projet alimentaire territorial : les relations urbain-rural en Albigeois",
        format="fiche",
        organisations=("petr-albigeois-bastides",),
        themes=("alimentation", "gouvernance-cooperation"),
        character="rural",
        project_status="en_cours",
        summary="Le PETR de l'Albigeois et des Bastides place les relations entre ville et campagne au cœur de son projet alimentaire territorial.",
        objectives="Amener les élus à comprendre le jeu de coopération entre acteurs et citoyens autour de l'alimentation.",
        difficulties="Mobiliser les élus ruraux sur un projet souvent perçu comme urbain.",
        transposability="Tout PAT qui associe une agglomération et des communautés de communes rurales.",
        contacts="PETR de l'Albigeois et des Bastides.",
    ),
    Exp(
        slug="reseau-regional-climat-concertation",
        title="Un réseau régional pour partager les expériences climat et la concertation",
        format="monographie",
        organisations=("ademe", "missions-publiques"),
        themes=("participation-citoyenne", "gouvernance-cooperation", "climat-carbone"),
        project_status="termine",
        summary=(
            "Animé pendant trois ans par Missions Publiques pour une direction régionale de l'ADEME, un réseau "
            "d'élus et d'agents partage veille, expériences et méthodes de concertation dans les plans climat."
        ),
        context=(
            "Le réseau est un lieu de partage d'information et de veille, d'expériences sur l'adaptation et "
            "l'atténuation, et d'innovation sociale : mobilité durable en zone rurale, alimentation durable."
        ),
        objectives="Construire une communauté d'acteurs basée sur le partage des bonnes pratiques et le transfert de savoirs.",
        steps=(
            "- journées de rencontre thématiques avec visites de terrain et *speed dating* ;\n"
            "- webinaires (stockage du carbone dans les sols, stratégies alimentaires) ;\n"
            "- formations-actions d'élus et d'agents à la concertation ;\n"
            "- accompagnement de territoires pilotes ; lettre d'information."
        ),
        actors="ADEME (direction régionale), Missions Publiques, élus et agents des collectivités, associations.",
        results=(
            "Le nombre de membres a augmenté, et surtout leur implication : les agents conduisent désormais eux-mêmes "
            "des processus participatifs. Un guide méthodologique de la concertation dans les plans climat est en libre accès."
        ),
        difficulties="Maintenir la dynamique entre les rencontres ; mesurer l'effet réel du réseau sur les politiques locales.",
        lessons="Les techniques d'intelligence collective essayées en réseau sont ensuite reprises sur le terrain.",
        transposability="Tout réseau régional ou départemental : prévoir un animateur identifié et des livrables réguliers.",
        contacts="Direction régionale de l'ADEME ; Missions Publiques.",
    ),
    Exp(
        slug="marches-groupes-photovoltaiques-haute-lande",
        title="Des marchés groupés pour équiper les toitures communales en photovoltaïque",
        format="fiche",
        organisations=("cc-coeur-haute-lande",),
        themes=("energie", "commande-publique-responsable"),
        character="rural",
        project_status="en_cours",
        summary="La communauté de communes groupe les achats de ses communes pour installer des panneaux photovoltaïques sur les toitures publiques.",
        objectives="Baisser les coûts et la charge administrative pour les petites communes.",
        difficulties="Harmoniser les calendriers des conseils municipaux.",
        transposability="Toute intercommunalité rurale dotée d'un service commun de commande publique.",
        contacts="Chargé de mission énergie-climat de la communauté de communes.",
        state="submitted",
        author="membre",
    ),
    Exp(
        slug="pilotage-energetique-batiments-cergy",
        title="Piloter l'énergie des bâtiments municipaux",
        format="fiche",
        organisations=("ville-de-cergy",),
        themes=("batiment-renovation", "energie"),
        character="urbain",
        project_status="en_cours",
        summary="Brouillon : suivi des consommations et régulation du chauffage des écoles et gymnases.",
        objectives="Réduire la consommation d'énergie des bâtiments publics sans travaux lourds.",
        state="draft",
        author="referent",
    ),
)
