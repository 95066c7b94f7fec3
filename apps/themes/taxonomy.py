"""The default taxonomy of transition themes a new network starts with.

Pure data plus one installer that works with either the real model or a migration's historical
model, so that the data migration (0002) and the demo loader share it. The installer only
*creates missing* themes, keyed on the slug: a network that renamed, re-described, re-ordered or
deactivated a theme keeps its edits, and a deleted default theme comes back only when the
installer runs again (migration on a fresh database, `load_demo`).

Slugs are the stable identifiers other code (the demo, imports) may rely on: never change one.
"""

from typing import NamedTuple


class DefaultTheme(NamedTuple):
    slug: str
    name: str
    description: str


# Order = display order (`Theme.position`). Themes named by the COMETE documents (roadmap 2023,
# Territoires pilotes of the Fabrique des transitions, ADEME regional network) are all covered.
DEFAULT_THEMES: tuple[DefaultTheme, ...] = (
    DefaultTheme(
        "energie",
        "Énergie",
        "Sobriété et efficacité énergétiques, énergies renouvelables (photovoltaïque, bois-énergie, "
        "géothermie, réseaux de chaleur), autoconsommation collective, centrales villageoises, "
        "trajectoire de territoire à énergie positive.",
    ),
    DefaultTheme(
        "batiment-renovation",
        "Bâtiment et rénovation",
        "Rénovation énergétique du patrimoine public et des logements, pilotage des bâtiments, "
        "éclairage public, plateformes de rénovation, construction bois et matériaux biosourcés.",
    ),
    DefaultTheme(
        "mobilite",
        "Mobilité",
        "Mobilités actives (marche, vélo), transports collectifs, mobilité durable en zone rurale, "
        "covoiturage, plans de mobilité des agents et des employeurs.",
    ),
    DefaultTheme(
        "alimentation",
        "Alimentation et agriculture",
        "Projets alimentaires territoriaux (PAT), restauration collective durable, circuits courts, "
        "relations urbain-rural, résilience et transformation des exploitations agricoles, agroforesterie.",
    ),
    DefaultTheme(
        "biodiversite",
        "Biodiversité",
        "Trames vertes et bleues, atlas de la biodiversité communale, gestion écologique des espaces "
        "verts, pollution lumineuse, séquence éviter-réduire-compenser, chantiers de plantation citoyens.",
    ),
    DefaultTheme(
        "eau",
        "Eau",
        "Gestion de la ressource et des usages, sécheresses, désimperméabilisation des sols, "
        "gestion intégrée des eaux pluviales, milieux aquatiques et zones humides.",
    ),
    DefaultTheme(
        "economie-circulaire-dechets",
        "Économie circulaire et déchets",
        "Prévention et valorisation des déchets (dont biodéchets), réemploi, diagnostic des flux de "
        "matières entrants et sortants, économie de la fonctionnalité, zéro déchet.",
    ),
    DefaultTheme(
        "adaptation-changement-climatique",
        "Adaptation au changement climatique",
        "Diagnostic de vulnérabilité, résilience des territoires, îlots de chaleur, végétalisation "
        "(cours d'école…), risques naturels, sensibilisation à l'adaptation.",
    ),
    DefaultTheme(
        "climat-carbone",
        "Climat et bilan carbone",
        "Atténuation, plans climat-air-énergie (PCAET), bilans de gaz à effet de serre, budget vert, "
        "stockage du carbone dans les sols, compensation carbone, qualité de l'air.",
    ),
    DefaultTheme(
        "sobriete-fonciere",
        "Sobriété foncière",
        "Zéro artificialisation nette (ZAN), renouvellement urbain, reconquête des friches et des "
        "espaces délaissés, densification douce.",
    ),
    DefaultTheme(
        "urbanisme-amenagement",
        "Urbanisme et aménagement",
        "Planification (SCoT, PLU(i)), aménagement durable, revitalisation des centres-bourgs, "
        "espaces publics, nature en ville.",
    ),
    DefaultTheme(
        "paysage-cadre-de-vie",
        "Paysage et cadre de vie",
        "Plans de paysage, qualité architecturale, valorisation et embellissement des espaces, "
        "conseil aux collectivités et aux habitants (CAUE).",
    ),
    DefaultTheme(
        "sante-environnement",
        "Santé-environnement",
        "Une seule santé, qualité de l'air intérieur et extérieur, bruit, alimentation et santé, "
        "contrats locaux de santé, plans régionaux santé-environnement.",
    ),
    DefaultTheme(
        "commande-publique-responsable",
        "Commande publique responsable",
        "Achats durables, clauses environnementales et sociales, stratégie du bon achat, accès des "
        "entreprises locales à la commande publique, rédaction de cahiers des charges.",
    ),
    DefaultTheme(
        "economie-locale-ess",
        "Économie locale et ESS",
        "Économie sociale et solidaire, écosystèmes coopératifs d'acteurs économiques, nouveaux "
        "modèles économiques, filières locales, tourisme durable.",
    ),
    DefaultTheme(
        "participation-citoyenne",
        "Participation citoyenne",
        "Concertation, co-construction avec les habitants, budgets participatifs, conventions "
        "citoyennes, conseils de développement, mobilisation des associations.",
    ),
    DefaultTheme(
        "education-sensibilisation",
        "Éducation et sensibilisation",
        "Éducation à l'environnement, sensibilisation des habitants et des scolaires, fresques et "
        "ateliers (climat, 2 tonnes…), campus durables.",
    ),
    DefaultTheme(
        "conduite-changement",
        "Conduite du changement et formation",
        "Formation des élus et des agents, management coopératif, mise en récit, intelligence "
        "collective, co-développement entre pairs, diagnostics systémiques.",
    ),
    DefaultTheme(
        "gouvernance-cooperation",
        "Gouvernance et coopération",
        "Projet de territoire, coopérations entre collectivités, État et acteurs locaux, alliances "
        "public-privé-associatif, contrats (CRTE), relations entre territoires voisins.",
    ),
    DefaultTheme(
        "financement",
        "Financement de la transition",
        "Aides et appels à projets (Fonds vert…), ingénierie financière, intracting, certificats "
        "d'économies d'énergie, financement participatif et fonds de participation locaux.",
    ),
    DefaultTheme(
        "cohesion-sociale",
        "Cohésion sociale et transition juste",
        "Précarité énergétique et alimentaire, accès de tous aux services, emploi et compétences de la "
        "transition, pilier social du développement durable.",
    ),
)


def install_default_themes(theme_model) -> list[str]:
    """Create the default themes that do not exist yet; return the slugs created.

    `theme_model` is `apps.themes.models.Theme` or a migration's historical model (which has no
    custom `save()`, hence every field is given explicitly). A theme is left untouched when its
    slug exists (the network may have edited it) and skipped when another theme already uses its
    name (the network renamed one of its own themes to it: name is unique).
    """
    created = []
    for position, theme in enumerate(DEFAULT_THEMES, start=1):
        if theme_model.objects.filter(slug=theme.slug).exists():
            continue
        if theme_model.objects.filter(name__iexact=theme.name).exists():
            continue
        theme_model.objects.create(
            slug=theme.slug,
            name=theme.name,
            description=theme.description,
            position=position * 10,
            is_active=True,
        )
        created.append(theme.slug)
    return created
