"""The demo network's content: organisations and territories named by the COMETE documents
(/work/shared/seeds: the 2023 roadmap consultation, the Territoires pilotes note of the Fabrique
des transitions, the Enjeux workshops, the ADEME regional network), fictional people, demo logins.

Pure data, loaded by `apps.directory.demo.load`. Territories are *names* (+ département) resolved
against the official referential at load time: no INSEE code or SIREN is typed here.
Every email is on the reserved domain `demo.maillage.test`; phone numbers are in the range ARCEP
reserves for fiction (01 99 00 xx xx). The people are invented: any likeness is coincidental.
"""

from dataclasses import dataclass, field

DEMO_DOMAIN = "demo.maillage.test"
DEMO_PASSWORD = "maillage-demo-2026"


@dataclass(frozen=True)
class Place:
    """Where an organisation is: a commune, an EPCI or a territoire de projet (with its seat)."""

    kind: str  # "commune" | "epci" | "projet"
    name: str
    departement: str
    seat: "Place | None" = None  # for "projet": the commune used when the project is not in the referential


def commune(name: str, departement: str) -> Place:
    return Place("commune", name, departement)


def epci(name: str, departement: str) -> Place:
    return Place("epci", name, departement)


def projet(name: str, departement: str, *, seat: Place) -> Place:
    return Place("projet", name, departement, seat)


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    type: str  # directory.OrganisationType value
    place: Place
    description: str
    themes: tuple[str, ...]
    competences: str = ""
    needs: str = ""
    # (EngagementKind, EngagementStage, label, year)
    engagements: tuple[tuple[str, str, str, int | None], ...] = ()
    # Pending organisations are created as join requests (status kept as the animators leave it).
    # False when the organisation is only *located* in the territory without being it (Lomme in
    # Lille): then it must not take the collectivité's SIREN.
    is_territory: bool = True
    pending: bool = False
    motivation: str = ""
    requested_by: str = ""  # email of the (fictional) person who asked


PARIS = commune("Paris", "75")

ORGANISATIONS: tuple[Org, ...] = (
    # ---- Partners: national networks, agencies, associations -------------------------------
    Org(
        "ademe",
        "ADEME – Agence de la transition écologique",
        "agence",
        commune("Angers", "49"),
        "Opérateur de l'État pour la transition écologique. Anime le programme *Territoire engagé "
        "transition écologique* (référentiels climat-air-énergie et économie circulaire) et, en "
        "région, des réseaux d'échange entre collectivités (journées de rencontre, webinaires sur le "
        "stockage carbone dans les sols ou les stratégies alimentaires territoriales).\n\n"
        "Propose d'étudier des « COMETE régionaux » co-animés avec l'État et les Régions.",
        ("energie", "economie-circulaire-dechets", "climat-carbone", "alimentation", "financement"),
        "Ressources et publications thématiques, catalogue de formation ouvert à toutes les "
        "collectivités, plateforme du programme Territoire engagé (gratuite pour les membres), "
        "parrainage de collectivités débutantes par des collectivités labellisées.",
        "Des retours de terrain pour orienter les prochaines productions des directions techniques.",
    ),
    Org(
        "cerema",
        "Cerema",
        "agence",
        commune("Bron", "69"),
        "Établissement public d'expertise au service des territoires. Anime avec COMETE le forum "
        "*Expertises Territoires* et construit un partenariat avec la Fabrique des transitions. Très "
        "présent sur le terrain, notamment sur l'adaptation au changement climatique.",
        ("adaptation-changement-climatique", "urbanisme-amenagement", "mobilite", "climat-carbone"),
        "Ancrage terrain des outils de transition (résilience, adaptation), webinaires sur la "
        "compensation carbone, pratiques participatives et de conduite du changement, réponses sur "
        "le forum Expertises Territoires.",
        "Repérer des actions exemplaires d'adaptation à valoriser avec les territoires.",
    ),
    Org(
        "fncaue",
        "FNCAUE – Fédération nationale des CAUE",
        "association",
        PARIS,
        "Tête de réseau des conseils d'architecture, d'urbanisme et de l'environnement. Souhaite "
        "articuler COMETE avec les réseaux régionaux (par exemple le réseau paysage animé par la "
        "DREAL Auvergne-Rhône-Alpes) et faire connaître la communauté dans le réseau des CAUE.",
        ("paysage-cadre-de-vie", "urbanisme-amenagement", "sobriete-fonciere"),
        "Recherche d'intervenants et de retours d'expériences pour les webinaires, relances et "
        "soutien humain à l'usage de la plateforme, accueil de rencontres en territoire.",
        "Mieux comprendre le positionnement de COMETE par rapport aux réseaux régionaux.",
    ),
    Org(
        "anpp",
        "ANPP – Territoires de projet",
        "association",
        PARIS,
        "Association nationale des pôles territoriaux et des pays. Compile les retours d'expériences "
        "et bonnes pratiques des PETR et pays, et anime depuis 1997 des temps d'échange entre ses "
        "adhérents.",
        ("gouvernance-cooperation", "participation-citoyenne", "adaptation-changement-climatique"),
        "Relais des productions de la communauté auprès des adhérents, contenus sur les actions des "
        "PETR/pays, territoires volontaires pour des expérimentations.",
        "Des webinaires thématisés avec des témoignages de territoires, du concret sur le « comment ».",
    ),
    Org(
        "comite-21",
        "Comité 21",
        "association",
        PARIS,
        "Réseau d'acteurs engagés dans le développement durable. Anime les cycles *Agenda 2030 local* "
        "et *Territoires durables* et propose des échanges réguliers du club des partenaires.",
        ("gouvernance-cooperation", "adaptation-changement-climatique", "education-sensibilisation"),
        "Formations (ODD et collectivités, adaptation), guide d'appropriation de l'Agenda 2030, "
        "expertise sur le dialogue et la mobilisation multi-acteurs.",
        "Faire émerger des actions communes dans les programmations des partenaires.",
    ),
    Org(
        "unadel",
        "UNADEL – Union nationale des acteurs du développement local",
        "association",
        PARIS,
        "Réseau du développement local. Anime chaque mois les « jeudis du développement local » et "
        "mène depuis 2014 des écoutes territoriales.",
        ("gouvernance-cooperation", "participation-citoyenne", "conduite-changement"),
        "Carrefour des métiers du développement local, formations avec le CNFPT, journées des "
        "territoires pouvant accueillir la communauté.",
        "Favoriser l'interconnaissance des membres (pitchs de projets phares).",
    ),
    Org(
        "uncpie",
        "UNCPIE – Union nationale des CPIE",
        "association",
        PARIS,
        "Tête du réseau des centres permanents d'initiatives pour l'environnement. Facilite l'action "
        "commune en territoires et la mobilisation des habitants.",
        ("education-sensibilisation", "participation-citoyenne", "biodiversite"),
        "Savoir-faire pédagogique du réseau des CPIE, accompagnement des territoires, personnes "
        "référentes mobilisables sur les leviers et solutions.",
        "Rendre plus accessibles aux collectivités les dispositifs d'accompagnement des CPIE.",
    ),
    Org(
        "le-rameau",
        "Le RAMEAU",
        "association",
        PARIS,
        "Laboratoire de recherche sur les alliances entre collectivités, associations et entreprises "
        "(ODD 17). Anime les « Jeudis de l'ODD 17 », la plateforme odd17.org, le réseau des "
        "catalyseurs territoriaux et l'Observatoire des partenariats.",
        ("gouvernance-cooperation", "economie-locale-ess", "financement"),
        "Parcours pédagogique « Alliances et Territoires », fiches repères par territoire, base "
        "IMPACT Alliances (plus de 1 000 exemples), webinaires sur les modèles socio-économiques.",
        "Un partenariat plus structurel avec le CGDD.",
    ),
    Org(
        "france-ville-durable",
        "France Ville Durable",
        "association",
        PARIS,
        "Association réunissant l'État, des collectivités, des entreprises et des experts de la ville "
        "durable. Membre du club des partenaires de COMETE.",
        ("urbanisme-amenagement", "batiment-renovation", "adaptation-changement-climatique"),
        "Expertise de ses membres sur des sujets spécifiques, diffusion des actualités de COMETE, "
        "groupes de travail et ateliers territoriaux.",
    ),
    Org(
        "agence-ore",
        "Agence ORE",
        "association",
        PARIS,
        "Agence des opérateurs de réseaux d'énergie. Anime un forum des utilisateurs des données "
        "ouvertes d'électricité et de gaz, utiles aux diagnostics de transition.",
        ("energie", "climat-carbone"),
        "Données énergétiques ouvertes, identification d'experts par thématique, mise en relation "
        "entre porteurs de projets.",
        "Une ligne éditoriale claire et des actions de co-promotion « organisé avec Comète ».",
    ),
    Org(
        "cncd",
        "CNCD – Coordination nationale des conseils de développement",
        "association",
        PARIS,
        "Réseau des conseils de développement. Prépare un centre de ressources pour retrouver les "
        "contributions des conseils de développement par mots-clés.",
        ("participation-citoyenne", "gouvernance-cooperation"),
        "Relais des webinaires, partage d'expériences des membres du réseau, diffusion de synthèses "
        "thématiques auprès des conseils de développement.",
    ),
    Org(
        "fncas",
        "FNCAS",
        "association",
        PARIS,
        "Fédération engagée auprès des acteurs institutionnels locaux pour mobiliser les usagers des "
        "campus. Participe au comité de pilotage du label « Agir ensemble pour des campus durables "
        "en villes durables ».",
        ("education-sensibilisation", "cohesion-sociale", "energie"),
        "Relais auprès des établissements d'enseignement supérieur et de recherche, alliances "
        "territoriales autour d'une collectivité, d'une université et du Crous.",
        "Veiller à ce que le pilier social fasse partie intégrante des réflexions.",
    ),
    Org(
        "la-27e-region",
        "La 27e Région",
        "association",
        PARIS,
        "Laboratoire de transformation publique. Mène le programme (Dé)formations pour repenser la "
        "formation des élu·es aux transitions.",
        ("conduite-changement", "gouvernance-cooperation", "economie-locale-ess"),
        "Enquête collaborative sur la décision publique en contexte de sobriété, monographies de "
        "projets, recherche-action sur le développement économique local.",
    ),
    Org(
        "notre-village",
        "Notre Village",
        "association",
        PARIS,
        "Association qui accompagne les communes rurales dans leur démarche de développement durable. "
        "Plaide pour rendre visibles les membres de la communauté par nature d'organisation, sur une "
        "carte, avec leur activité.",
        ("gouvernance-cooperation", "education-sensibilisation"),
        "Accompagnement de communes rurales, animation d'ateliers thématiques, témoignages.",
        "Un espace par membre pour présenter son implication dans la transition.",
    ),
    Org(
        "fabrique-des-transitions",
        "La Fabrique des transitions",
        "association",
        PARIS,
        "Alliance d'acteurs engagés dans la conduite du changement systémique des territoires. Porte "
        "le parcours *Territoires pilotes* et, avec le CGDD, le diagnostic amont de territoires "
        "volontaires.",
        ("conduite-changement", "gouvernance-cooperation", "alimentation"),
        "Diagnostics systémiques sensibles, formation-action à l'autodiagnostic, journées "
        "d'initiation à la conduite du changement, alliés experts mobilisables.",
    ),
    Org(
        "missions-publiques",
        "Missions Publiques",
        "bureau_etudes",
        PARIS,
        "Conçoit et anime des démarches de participation. A animé pendant trois ans le réseau "
        "régional climat de l'ADEME et produit un guide de la concertation dans les plans climat.",
        ("participation-citoyenne", "climat-carbone", "conduite-changement"),
        "Intelligence collective (world café, ateliers prospectifs, diagnostic partagé), formation "
        "des élus et des agents à la concertation.",
    ),
    # ---- State services and agencies ----------------------------------------------------------
    Org(
        "cgdd-comete",
        "CGDD – Équipe d'animation de la communauté COMETE",
        "etat",
        commune("Puteaux", "92"),
        "Le Commissariat général au développement durable (ministère de la Transition écologique) "
        "anime la communauté COMETE : comité de pilotage, club des partenaires, lettre mensuelle, "
        "webinaires et forum.",
        ("gouvernance-cooperation", "financement", "conduite-changement"),
        "Animation du réseau, relais des dispositifs nationaux (CRTE, Fonds vert), mise en relation.",
    ),
    Org(
        "dreal-auvergne-rhone-alpes",
        "DREAL Auvergne-Rhône-Alpes",
        "etat",
        commune("Lyon", "69"),
        "Direction régionale de l'environnement, de l'aménagement et du logement. Anime notamment un "
        "réseau paysage régional ; le groupement des DREAL encourage les approches prospectives.",
        ("paysage-cadre-de-vie", "biodiversite", "eau"),
        "Veille sur les laboratoires locaux d'innovation, les conseils de développement et les "
        "conseils scientifiques des PNR.",
    ),
    Org(
        "ddt-haute-savoie",
        "DDT de la Haute-Savoie",
        "etat",
        commune("Annecy", "74"),
        "Direction départementale des territoires. Participe aux délégations des territoires "
        "pilotes (groupe de pairs « services de l'État ») et instruit les dossiers CRTE et Fonds vert.",
        ("financement", "urbanisme-amenagement", "sobriete-fonciere"),
        "Accompagnement des porteurs de projets, instruction du Fonds vert, appui sur la sobriété foncière.",
    ),
    Org(
        "anct",
        "ANCT – Agence nationale de la cohésion des territoires",
        "agence",
        PARIS,
        "Porte Aides-territoires, qui rend visibles les aides financières et d'ingénierie accessibles "
        "aux collectivités et à leurs partenaires.",
        ("financement", "gouvernance-cooperation"),
        "Recherche d'aides, programmes nationaux, appui à l'ingénierie.",
    ),
    # ---- Collectivités ---------------------------------------------------------------------------
    Org(
        "ville-de-cergy",
        "Ville de Cergy",
        "commune",
        commune("Cergy", "95"),
        "Membre du comité de pilotage de COMETE. La transition y est très transversale : production "
        "d'énergie, rénovation thermique et pilotage des bâtiments, biodiversité et espaces verts, "
        "restauration scolaire, plan marche et vélo, mobilité des agents.",
        ("energie", "batiment-renovation", "mobilite", "biodiversite", "participation-citoyenne"),
        "Expérience du co-développement et de l'intelligence collective, liens avec le réseau "
        "régional TEDDIF.",
        "Des retours d'expériences pour aider les élus à porter les projets, une veille juridique "
        "et sur les appels à projets.",
        (("agenda21", "mise_en_oeuvre", "", None),),
    ),
    Org(
        "cc-sauer-pechelbronn",
        "Communauté de communes Sauer-Pechelbronn",
        "epci",
        epci("CC Sauer-Pechelbronn", "67"),
        "Territoire à énergie positive pionnier : géothermie, centrale villageoise, trame verte, "
        "chantiers de plantation citoyens, construction en bois local avec le Parc des Vosges du "
        "Nord, agroforesterie (premier prix en 2021).",
        ("energie", "biodiversite", "alimentation", "sobriete-fonciere", "adaptation-changement-climatique"),
        "Fiches techniques directement utilisables, guide agroforesterie réalisé avec le Parc, "
        "retour d'expérience sur la trajectoire énergie positive.",
        "Formations sur la séquence éviter-réduire-compenser et sur le ZAN ; un annuaire des "
        "intervenants des webinaires.",
        (
            ("tepos", "mise_en_oeuvre", "", None),
            ("pcaet", "adopte", "", None),
            ("crte", "adopte", "", 2021),
        ),
    ),
    Org(
        "cc-grand-autunois-morvan",
        "Communauté de communes du Grand Autunois Morvan",
        "epci",
        epci("CC du Grand Autunois Morvan", "71"),
        "Membre du comité de pilotage de COMETE, attachée à un projet commun qui mobilise dans la "
        "durée et à l'articulation avec les réseaux régionaux.",
        ("gouvernance-cooperation", "energie", "alimentation"),
        "Accueil de voyages d'études sur des sujets précis.",
        "Connaître les points forts et thématiques principales des territoires membres.",
        (("crte", "adopte", "", 2021),),
    ),
    Org(
        "cc-coeur-haute-lande",
        "Communauté de communes Cœur Haute Lande",
        "epci",
        epci("CC Coeur Haute Lande", "40"),
        "Commission transition écologique réunissant les élus, plateforme de rénovation énergétique, "
        "marché groupé de panneaux photovoltaïques en toiture, circuits courts en restauration "
        "collective. Membre de TEPOS Nouvelle-Aquitaine et du CLER.",
        ("energie", "batiment-renovation", "economie-circulaire-dechets", "alimentation"),
        "Communication de proximité avec les communes (application Intra muros), retour "
        "d'expérience du marché groupé photovoltaïque.",
        "Guides sur l'économie circulaire et les circuits courts, un exemple de diagnostic des flux "
        "de matières, le décryptage des lois récentes sur l'énergie.",
        (
            ("te", "mise_en_oeuvre", "Contrat d'objectif territorial avec l'ADEME", None),
            ("tepos", "mise_en_oeuvre", "", None),
        ),
    ),
    Org(
        "cc-pays-evian-vallee-abondance",
        "Communauté de communes Pays d'Évian – Vallée d'Abondance",
        "epci",
        epci("CC Pays d'Evian Vallée d'Abondance", "74"),
        "Intercommunalité récente qui bâtit sa stratégie de transition : mobilités, nouvelles "
        "filières économiques, valorisation des déchets et économie circulaire, fresque du climat "
        "pour ses 360 élus. Membre du réseau des CPIE et du cluster eau transfrontalier.",
        ("mobilite", "economie-circulaire-dechets", "commande-publique-responsable", "conduite-changement"),
        "Stratégie de communication sur la transition, sensibilisation des élus (fresque du climat).",
        "Des fiches très concrètes sur la commande publique (réorganiser le service, rédiger les "
        "cahiers des charges), la végétalisation des cours d'école, des témoignages de collectivités.",
        (
            ("te", "elaboration", "État des lieux climat-air-énergie et économie circulaire", None),
            ("crte", "adopte", "", 2021),
        ),
    ),
    Org(
        "petr-albigeois-bastides",
        "PETR du Pays de l'Albigeois et des Bastides",
        "petr",
        projet("Albigeois et Bastides", "81", seat=commune("Albi", "81")),
        "Territoire pilote de la Fabrique des transitions. Travaille l'organisation et la coopération "
        "entre élus, acteurs et citoyens à partir de pistes d'actions concrètes, et les relations "
        "urbain-rural dans le projet alimentaire.",
        ("alimentation", "gouvernance-cooperation", "participation-citoyenne"),
        "Retour d'expérience sur les relations urbain-rural dans un projet alimentaire.",
        "Amener les élus à comprendre le jeu de coopération entre acteurs et citoyens.",
        (("pat", "mise_en_oeuvre", "", None),),
    ),
    Org(
        "ville-de-faverges-seythenex",
        "Ville de Faverges-Seythenex",
        "commune",
        commune("Faverges-Seythenex", "74"),
        "Territoire pilote de la Fabrique des transitions : ferme photovoltaïque, boucle locale "
        "d'autoconsommation collective Volte Face, chaufferie bois et réseau de chaleur, "
        "« Environne'mois » en juin.",
        ("energie", "paysage-cadre-de-vie", "economie-locale-ess"),
        "Retour d'expérience sur les énergies renouvelables et l'autoconsommation collective.",
        "Valoriser et embellir les espaces délaissés.",
        (("autre", "mise_en_oeuvre", "Boucle d'autoconsommation collective", None),),
    ),
    Org(
        "commune-de-reugny",
        "Commune de Reugny",
        "commune",
        commune("Reugny", "37"),
        "Territoire pilote de la Fabrique des transitions, organisatrice d'un festival de projections "
        "cinématographiques en septembre.",
        ("economie-circulaire-dechets", "education-sensibilisation"),
        "Un événement culturel qui mobilise le tissu économique local.",
        "Valoriser les déchets organiques dans une logique d'économie circulaire.",
    ),
    Org(
        "ville-de-rodez",
        "Ville de Rodez",
        "commune",
        commune("Rodez", "12"),
        "Territoire pilote de la Fabrique des transitions, qui hésite entre une semaine du "
        "développement durable et son projet alimentaire territorial.",
        ("alimentation", "education-sensibilisation"),
        needs="Formaliser le projet alimentaire territorial.",
        engagements=(("pat", "elaboration", "", None),),
    ),
    Org(
        "ville-de-saint-jean-de-braye",
        "Ville de Saint-Jean-de-Braye",
        "commune",
        commune("Saint-Jean-de-Braye", "45"),
        "Territoire pilote de la Fabrique des transitions, organisatrice de la Foire des Courts-Circuits.",
        ("economie-locale-ess", "alimentation", "participation-citoyenne"),
        "La Foire des Courts-Circuits, un écosystème d'acteurs de l'ESS.",
        "Redéfinir le pôle ESS ; gagner en autonomie sur la mise en récit.",
    ),
    Org(
        "commune-de-vimy",
        "Commune de Vimy",
        "commune",
        commune("Vimy", "62"),
        "Territoire pilote de la Fabrique des transitions, engagé pour une cantine durable.",
        ("alimentation", "economie-circulaire-dechets"),
        needs="Trouver le modèle économique de la cantine durable (économie de la fonctionnalité) "
        "avec les écoles publiques et privées, les intervenants et les fournisseurs.",
    ),
    Org(
        "lomme",
        "Lomme, commune associée de Lille",
        "commune",
        commune("Lille", "59"),
        "Territoire pilote de la Fabrique des transitions, qui ouvre une Maison de l'alimentation durable.",
        ("alimentation", "sante-environnement"),
        needs="Définir les projets opérationnels de la Maison de l'alimentation durable.",
        is_territory=False,
    ),
    Org(
        "ville-d-annecy",
        "Ville d'Annecy",
        "commune",
        commune("Annecy", "74"),
        "Territoire pilote de la Fabrique des transitions, avec un projet concret à qualifier sur "
        "l'énergie ou l'alimentation.",
        ("energie", "alimentation"),
    ),
    Org(
        "ville-d-arras",
        "Ville d'Arras",
        "commune",
        commune("Arras", "62"),
        "Territoire pilote de la Fabrique des transitions.",
        ("gouvernance-cooperation",),
        needs="Réaliser un diagnostic de territoire.",
    ),
    Org(
        "ville-de-beauvais",
        "Ville de Beauvais",
        "commune",
        commune("Beauvais", "60"),
        "Territoire pilote de la Fabrique des transitions, accompagné sur la commande publique.",
        ("commande-publique-responsable",),
        needs="Intégrer des clauses environnementales et sociales dans ses achats.",
    ),
    Org(
        "ca-pays-de-grasse",
        "Communauté d'agglomération du Pays de Grasse",
        "epci",
        epci("CA du Pays de Grasse", "06"),
        "Projet inspirant retenu à l'atelier « Mobiliser et faire collaborer tous les acteurs du territoire ».",
        ("participation-citoyenne", "gouvernance-cooperation"),
        engagements=(("pcaet", "adopte", "", None),),
    ),
    Org(
        "ca-rochefort-ocean",
        "Communauté d'agglomération Rochefort Océan",
        "epci",
        epci("CA Rochefort Océan", "17"),
        "Projet inspirant retenu à l'atelier « Mobiliser et faire collaborer tous les acteurs du territoire ».",
        ("participation-citoyenne", "adaptation-changement-climatique", "eau"),
        engagements=(("pcaet", "mise_en_oeuvre", "", None),),
    ),
    Org(
        "grand-besancon-metropole",
        "Grand Besançon Métropole",
        "epci",
        epci("CU Grand Besançon Métropole", "25"),
        "Deux projets inspirants retenus à l'atelier « Mobiliser et faire collaborer tous les acteurs "
        "du territoire ».",
        ("participation-citoyenne", "energie", "mobilite"),
        engagements=(("pcaet", "mise_en_oeuvre", "", None), ("crte", "adopte", "", 2021)),
    ),
    Org(
        "sicoval",
        "Sicoval",
        "epci",
        epci("CA du Sicoval", "31"),
        "Communauté d'agglomération du Sud-Est toulousain, dont la démarche « TransitionS en Sicoval » "
        "associe habitants, associations et acteurs économiques.",
        ("participation-citoyenne", "gouvernance-cooperation", "alimentation"),
        "Retour d'expérience sur la mobilisation de tous les acteurs du territoire.",
        engagements=(("pcaet", "mise_en_oeuvre", "", None),),
    ),
    Org(
        "pays-gevaudan-lozere",
        "Pays du Gévaudan-Lozère",
        "petr",
        projet("Gévaudan-Lozère", "48", seat=commune("Mende", "48")),
        "Territoire de projet rural retenu pour ses initiatives de mobilisation des acteurs et de "
        "financement collectif de la transition.",
        ("financement", "participation-citoyenne", "mobilite"),
        engagements=(("crte", "adopte", "", 2021),),
    ),
    Org(
        "arc-compiegne",
        "ARC – Agglomération de la Région de Compiègne",
        "epci",
        epci("CA de la Région de Compiègne et de la Basse Automne", "60"),
        "Dans le cadre du contrat de transition écologique du Grand Compiégnois, un fonds de "
        "participation de 50 000 € sur trois ans soutient les projets des associations et du monde "
        "scolaire (jardins partagés, zéro déchet, vélo…), jusqu'à 1 500 € et 50 % du budget.",
        ("financement", "education-sensibilisation", "biodiversite", "economie-circulaire-dechets"),
        "Règlement et retour d'expérience du fonds de participation.",
        engagements=(
            ("cte", "mise_en_oeuvre", "Contrat de transition écologique du Grand Compiégnois", None),
        ),
    ),
    Org(
        "tco-la-reunion",
        "TCO – Territoire de la Côte Ouest (La Réunion)",
        "epci",
        epci("CA Territoire de la Côte Ouest (TCO)", "974"),
        "Inspiré du *Small Business Act*, le TCO a adopté une Stratégie du bon achat pour ouvrir la "
        "commande publique aux entreprises locales vertueuses et innovantes, avec des clauses de "
        "responsabilité environnementale et sociale.",
        ("commande-publique-responsable", "economie-locale-ess"),
        "Stratégie du bon achat, consultation des filières locales, formation des acheteurs et des offreurs.",
        engagements=(("pcaet", "adopte", "", None),),
    ),
    Org(
        "terres-de-lorraine",
        "PETR du Pays Terres de Lorraine",
        "petr",
        projet("Terres de Lorraine", "54", seat=commune("Toul", "54")),
        "Expérimente l'intracting de la Caisse des Dépôts pour les petites et moyennes collectivités : "
        "les travaux d'économies d'énergie (bâtiments, éclairage public) sont financés par les "
        "économies générées, grâce à une avance remboursable à taux quasi nul.",
        ("financement", "batiment-renovation", "energie", "alimentation"),
        "Dispositif technique et financier « clés en main » pour les petits travaux de performance énergétique.",
        engagements=(("pat", "mise_en_oeuvre", "", None),),
    ),
    # ---- Pending join requests (the animators' queue) -------------------------------------------
    Org(
        "commune-de-muttersholtz",
        "Commune de Muttersholtz",
        "commune",
        commune("Muttersholtz", "67"),
        "Commune rurale citée en exemple par ses voisins pour ses actions de transition.",
        ("energie", "biodiversite", "participation-citoyenne"),
        pending=True,
        motivation="Nous souhaitons partager nos retours d'expérience et rencontrer d'autres communes rurales.",
        requested_by="lea.schaller@demo.maillage.test",
    ),
    Org(
        "codev-grand-besancon",
        "Conseil de développement du Grand Besançon",
        "codev",
        commune("Besançon", "25"),
        "Instance citoyenne consultative de l'agglomération, membre de la CNCD.",
        ("participation-citoyenne", "gouvernance-cooperation"),
        pending=True,
        motivation="Faire connaître nos avis sur la transition et suivre les webinaires de la communauté.",
        requested_by="yann.perrot@demo.maillage.test",
    ),
)


@dataclass(frozen=True)
class Person:
    slug: str
    first_name: str
    last_name: str
    category: str  # directory.PersonCategory value
    function: str
    # (organisation slug, function in the organisation, is_referent)
    memberships: tuple[tuple[str, str, bool], ...]
    themes: tuple[str, ...] = ()
    resource_themes: tuple[str, ...] = ()
    competences: str = ""
    bio: str = ""
    visibility: str = "members"  # directory.Visibility value
    consent: bool = True
    phone: str = ""
    login: str = ""  # email of the demo login this person is, if any

    @property
    def email(self) -> str:
        return self.login or f"{self.slug.replace('-', '.', 1)}@{DEMO_DOMAIN}"


PEOPLE: tuple[Person, ...] = (
    # Élu·es
    Person(
        "sophie-marchal",
        "Sophie",
        "Marchal",
        "elu",
        "Adjointe à la transition écologique",
        (("ville-de-cergy", "Adjointe au maire chargée de la transition écologique", False),),
        ("energie", "mobilite", "participation-citoyenne"),
        ("participation-citoyenne",),
        "Présenter et porter un projet de transition devant le conseil municipal.",
        "Élue depuis 2020, elle a lancé le plan marche et vélo de la ville.",
        "public",
    ),
    Person(
        "bernard-klein",
        "Bernard",
        "Klein",
        "elu",
        "Vice-président transition énergétique",
        (("cc-sauer-pechelbronn", "Vice-président chargé de la transition énergétique", True),),
        ("energie", "biodiversite"),
        ("energie",),
        "Centrales villageoises, géothermie, mobilisation des habitants autour de projets d'énergie.",
        visibility="public",
        phone="01 99 00 12 34",
    ),
    Person(
        "monique-dufau",
        "Monique",
        "Dufau",
        "elu",
        "Présidente de la commission transition écologique",
        (("cc-coeur-haute-lande", "Vice-présidente", False),),
        ("energie", "batiment-renovation"),
        (),
        visibility="members",
    ),
    Person(
        "henri-bastide",
        "Henri",
        "Bastide",
        "elu",
        "Président du PETR",
        (("petr-albigeois-bastides", "Président", True),),
        ("alimentation", "gouvernance-cooperation"),
        ("alimentation",),
        "Relations urbain-rural, coopération entre intercommunalités.",
        visibility="public",
    ),
    Person(
        "nadia-benali",
        "Nadia",
        "Benali",
        "elu",
        "Maire",
        (("commune-de-reugny", "Maire", True),),
        ("economie-circulaire-dechets",),
        visibility="members",
    ),
    Person(
        "gilles-roux",
        "Gilles",
        "Roux",
        "elu",
        "Adjoint à l'alimentation durable",
        (("lomme", "Adjoint à l'alimentation durable", False),),
        ("alimentation", "sante-environnement"),
        visibility="hidden",
    ),
    # Agent·es / technicien·nes
    Person(
        "julie-lambert",
        "Julie",
        "Lambert",
        "agent",
        "Cheffe de projet transition écologique",
        (("ville-de-cergy", "Cheffe de projet transition écologique", True),),
        ("energie", "batiment-renovation", "biodiversite"),
        ("batiment-renovation",),
        "Pilotage énergétique des bâtiments, co-développement entre pairs.",
        "Référente de la ville auprès de COMETE.",
        "members",
        phone="01 99 00 23 45",
        login=f"referent@{DEMO_DOMAIN}",
    ),
    Person(
        "thomas-girard",
        "Thomas",
        "Girard",
        "agent",
        "Chargé de mission énergie-climat",
        (("cc-coeur-haute-lande", "Chargé de mission énergie-climat", True),),
        ("energie", "economie-circulaire-dechets", "climat-carbone"),
        ("energie", "climat-carbone"),
        "Marchés groupés photovoltaïques, plateforme de rénovation, contrat d'objectif territorial.",
        visibility="public",
        phone="01 99 00 34 56",
    ),
    Person(
        "camille-fournier",
        "Camille",
        "Fournier",
        "agent",
        "Chargée de communication",
        (("cc-coeur-haute-lande", "Chargée de communication", False),),
        ("education-sensibilisation", "participation-citoyenne"),
        login=f"membre@{DEMO_DOMAIN}",
    ),
    Person(
        "elodie-perrin",
        "Élodie",
        "Perrin",
        "agent",
        "Responsable commande publique",
        (("cc-pays-evian-vallee-abondance", "Responsable de la commande publique", False),),
        ("commande-publique-responsable",),
        (),
        "Achats durables, rédaction de cahiers des charges.",
        visibility="members",
    ),
    Person(
        "antoine-mercier",
        "Antoine",
        "Mercier",
        "agent",
        "Directeur du pôle transition",
        (("cc-pays-evian-vallee-abondance", "Directeur du pôle transition écologique", True),),
        ("mobilite", "economie-circulaire-dechets", "conduite-changement"),
        ("conduite-changement",),
        "Sensibilisation des élus (fresque du climat), stratégie de communication.",
        visibility="public",
    ),
    Person(
        "marion-leclerc",
        "Marion",
        "Leclerc",
        "agent",
        "Chargée de mission PCAET",
        (("cc-sauer-pechelbronn", "Chargée de mission PCAET", False),),
        ("adaptation-changement-climatique", "sobriete-fonciere", "eau"),
        ("sobriete-fonciere",),
        "Désimperméabilisation des sols, ZAN, lien PCAET-urbanisme.",
    ),
    Person(
        "karim-haddad",
        "Karim",
        "Haddad",
        "agent",
        "Chargé de mission transition",
        (("cc-grand-autunois-morvan", "Chargé de mission transition écologique", True),),
        ("gouvernance-cooperation", "energie"),
        visibility="members",
    ),
    Person(
        "pauline-vidal",
        "Pauline",
        "Vidal",
        "agent",
        "Animatrice du projet alimentaire territorial",
        (
            ("petr-albigeois-bastides", "Animatrice PAT", False),
            ("ville-de-rodez", "Appui au PAT (mise à disposition)", False),
        ),
        ("alimentation",),
        ("alimentation",),
        "Animation de PAT, restauration collective, filières locales.",
        visibility="public",
    ),
    Person(
        "lucas-morel",
        "Lucas",
        "Morel",
        "agent",
        "Responsable du pôle ESS",
        (("ville-de-saint-jean-de-braye", "Responsable du pôle ESS", True),),
        ("economie-locale-ess", "alimentation"),
        ("economie-locale-ess",),
    ),
    Person(
        "ines-garnier",
        "Inès",
        "Garnier",
        "agent",
        "Chargée de mission restauration scolaire",
        (("commune-de-vimy", "Chargée de la restauration scolaire", True),),
        ("alimentation",),
    ),
    Person(
        "romain-blanc",
        "Romain",
        "Blanc",
        "agent",
        "Chef de projet énergies renouvelables",
        (("ville-de-faverges-seythenex", "Chef de projet énergies renouvelables", True),),
        ("energie",),
        ("energie",),
        "Autoconsommation collective, chaufferie bois, réseau de chaleur.",
        visibility="public",
    ),
    Person(
        "claire-bonnet",
        "Claire",
        "Bonnet",
        "agent",
        "Acheteuse publique",
        (("tco-la-reunion", "Chargée de la stratégie du bon achat", True),),
        ("commande-publique-responsable", "economie-locale-ess"),
        ("commande-publique-responsable",),
        "Clauses environnementales et sociales, sourcing des filières locales.",
    ),
    Person(
        "olivier-chevalier",
        "Olivier",
        "Chevalier",
        "agent",
        "Économe de flux",
        (("terres-de-lorraine", "Conseiller en énergie partagé", True),),
        ("energie", "batiment-renovation", "financement"),
        ("financement",),
        "Intracting, certificats d'économies d'énergie, suivi des consommations.",
    ),
    Person(
        "sarah-lemoine",
        "Sarah",
        "Lemoine",
        "agent",
        "Chargée de mission transition",
        (("arc-compiegne", "Chargée du fonds de participation", True),),
        ("financement", "education-sensibilisation"),
        visibility="members",
    ),
    Person(
        "mathieu-fabre",
        "Mathieu",
        "Fabre",
        "agent",
        "Chargé de mission participation",
        (("sicoval", "Chargé de mission TransitionS", True),),
        ("participation-citoyenne",),
        ("participation-citoyenne",),
    ),
    Person(
        "aurelie-dumas",
        "Aurélie",
        "Dumas",
        "agent",
        "Chargée de mission climat",
        (("grand-besancon-metropole", "Chargée de mission climat", True),),
        ("climat-carbone", "mobilite"),
        consent=False,  # not in the directory: shows that consent is honoured
    ),
    # Partenaires
    Person(
        "helene-rousseau",
        "Hélène",
        "Rousseau",
        "partenaire",
        "Chargée de partenariats territoriaux",
        (("ademe", "Direction régionale – chargée des partenariats territoriaux", True),),
        ("energie", "economie-circulaire-dechets", "climat-carbone"),
        ("economie-circulaire-dechets",),
        "Programme Territoire engagé transition écologique, contrats d'objectif territorial.",
        visibility="public",
    ),
    Person(
        "vincent-arnaud",
        "Vincent",
        "Arnaud",
        "partenaire",
        "Chef de projet adaptation",
        (("cerema", "Chef de projet adaptation au changement climatique", True),),
        ("adaptation-changement-climatique", "urbanisme-amenagement"),
        ("adaptation-changement-climatique",),
        "Diagnostics de vulnérabilité, forum Expertises Territoires.",
        visibility="public",
    ),
    Person(
        "agnes-picard",
        "Agnès",
        "Picard",
        "partenaire",
        "Chargée de mission réseau",
        (("fncaue", "Chargée de mission réseau", True),),
        ("paysage-cadre-de-vie", "urbanisme-amenagement"),
        ("paysage-cadre-de-vie",),
    ),
    Person(
        "franck-muller",
        "Franck",
        "Muller",
        "partenaire",
        "Chargé de mission territoires de projet",
        (("anpp", "Chargé de mission", True),),
        ("gouvernance-cooperation",),
    ),
    Person(
        "lucie-gauthier",
        "Lucie",
        "Gauthier",
        "partenaire",
        "Responsable des cycles territoires durables",
        (("comite-21", "Responsable des programmes territoriaux", True),),
        ("gouvernance-cooperation", "education-sensibilisation"),
        ("gouvernance-cooperation",),
        visibility="public",
    ),
    Person(
        "damien-colin",
        "Damien",
        "Colin",
        "partenaire",
        "Animateur du réseau des CPIE",
        (("uncpie", "Animateur réseau", True),),
        ("education-sensibilisation", "biodiversite"),
        ("education-sensibilisation",),
    ),
    Person(
        "celine-aubert",
        "Céline",
        "Aubert",
        "partenaire",
        "Chargée de recherche",
        (("le-rameau", "Chargée de recherche sur les alliances territoriales", True),),
        ("gouvernance-cooperation", "economie-locale-ess"),
        ("economie-locale-ess",),
    ),
    Person(
        "yannick-meyer",
        "Yannick",
        "Meyer",
        "partenaire",
        "Chargé de mission données énergie",
        (("agence-ore", "Chargé de mission données", True),),
        ("energie",),
        ("energie",),
        "Données ouvertes d'électricité et de gaz pour les diagnostics.",
    ),
    Person(
        "laura-renaud",
        "Laura",
        "Renaud",
        "partenaire",
        "Designer de politiques publiques",
        (("la-27e-region", "Designer", True),),
        ("conduite-changement",),
        consent=False,
    ),
    Person(
        "paul-guerin",
        "Paul",
        "Guérin",
        "partenaire",
        "Allié de la Fabrique",
        (("fabrique-des-transitions", "Coordinateur du parcours Territoires pilotes", True),),
        ("conduite-changement", "gouvernance-cooperation"),
        ("conduite-changement",),
        "Diagnostics systémiques sensibles, mise en récit.",
        visibility="public",
    ),
    Person(
        "emma-lefevre",
        "Emma",
        "Lefèvre",
        "partenaire",
        "Chargée de développement",
        (("notre-village", "Chargée de développement", True),),
        ("gouvernance-cooperation",),
    ),
    Person(
        "hugo-brunet",
        "Hugo",
        "Brunet",
        "partenaire",
        "Consultant participation",
        (("missions-publiques", "Consultant", False),),
        ("participation-citoyenne",),
        ("participation-citoyenne",),
        "World café, ateliers prospectifs, diagnostic partagé.",
    ),
    # Services de l'État
    Person(
        "nathalie-robin",
        "Nathalie",
        "Robin",
        "etat",
        "Animatrice de la communauté COMETE",
        (("cgdd-comete", "Animatrice de la communauté", True),),
        ("gouvernance-cooperation", "financement"),
        ("gouvernance-cooperation",),
        "Animation de réseau, dispositifs nationaux (CRTE, Fonds vert).",
        visibility="public",
        login=f"animateur@{DEMO_DOMAIN}",
    ),
    Person(
        "francois-henry",
        "François",
        "Henry",
        "etat",
        "Chargé de mission paysage",
        (("dreal-auvergne-rhone-alpes", "Chargé de mission paysage", True),),
        ("paysage-cadre-de-vie", "biodiversite"),
        ("paysage-cadre-de-vie",),
    ),
    Person(
        "isabelle-giraud",
        "Isabelle",
        "Giraud",
        "etat",
        "Cheffe du service aménagement",
        (("ddt-haute-savoie", "Cheffe du service aménagement et territoires", True),),
        ("sobriete-fonciere", "financement"),
        ("financement",),
        "Fonds vert, CRTE, sobriété foncière.",
        visibility="members",
    ),
    Person(
        "marc-lucas",
        "Marc",
        "Lucas",
        "etat",
        "Chargé de mission Aides-territoires",
        (("anct", "Chargé de déploiement Aides-territoires", True),),
        ("financement",),
        ("financement",),
        consent=False,
    ),
    # Autres
    Person(
        "jeanne-caron",
        "Jeanne",
        "Caron",
        "autre",
        "Habitante, membre du conseil de développement",
        (("sicoval", "Membre du conseil de développement", False),),
        ("participation-citoyenne", "alimentation"),
        visibility="hidden",
    ),
    Person(
        "benoit-faure",
        "Benoît",
        "Faure",
        "autre",
        "Bénévole d'une association de réemploi",
        (("commune-de-reugny", "Partenaire associatif (ressourcerie)", False),),
        ("economie-circulaire-dechets",),
        ("economie-circulaire-dechets",),
        "Réemploi, compostage collectif.",
    ),
    Person(
        "lea-schaller",
        "Léa",
        "Schaller",
        "elu",
        "Maire",
        (("commune-de-muttersholtz", "Maire", True),),
        ("biodiversite", "energie"),
    ),
    Person(
        "yann-perrot",
        "Yann",
        "Perrot",
        "autre",
        "Président du conseil de développement",
        (("codev-grand-besancon", "Président", True),),
        ("participation-citoyenne",),
    ),
)


@dataclass(frozen=True)
class Login:
    role_label: str
    email: str
    role: str  # accounts.Role value
    superuser: bool
    first_name: str
    last_name: str
    try_this: tuple[str, ...] = field(default_factory=tuple)


LOGINS: tuple[Login, ...] = (
    Login(
        "Membre",
        f"membre@{DEMO_DOMAIN}",
        "membre",
        False,
        "Camille",
        "Fournier",
        (
            "parcourir l'annuaire et la carte (/annuaire/)",
            "voir les coordonnées réservées aux membres",
            "compléter son profil (/compte/)",
        ),
    ),
    Login(
        "Référent·e (Ville de Cergy)",
        f"referent@{DEMO_DOMAIN}",
        "membre",
        False,
        "Julie",
        "Lambert",
        (
            "modifier la fiche de la Ville de Cergy",
            "inviter un·e collègue",
            "gérer les rattachements de son organisation",
        ),
    ),
    Login(
        "Animateur·rice du réseau",
        f"animateur@{DEMO_DOMAIN}",
        "animateur",
        False,
        "Nathalie",
        "Robin",
        (
            "traiter les 2 demandes d'adhésion en attente",
            "voir toutes les fiches, même non consenties",
            "importer / exporter l'annuaire",
        ),
    ),
    Login(
        "Administrateur·rice",
        f"admin@{DEMO_DOMAIN}",
        "admin",
        True,
        "Alex",
        "Administrateur",
        ("tout ce que peut l'animation", "l'administration technique (/admin/)"),
    ),
)
