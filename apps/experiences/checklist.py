"""The guided checklist for contributors acting as "enquêteurs": what to collect before writing."""

CHECKLIST = [
    (
        "Avant l'entretien",
        [
            "Identifier la personne qui a porté le projet et une personne qui l'a vécu de l'extérieur (partenaire, habitant·e, agent·e).",
            "Rassembler les documents existants : délibérations, bilans, articles, photos (avec l'accord des personnes photographiées).",
            "Situer le territoire : nombre d'habitants, rural ou urbain, littoral, montagne, outre-mer.",
        ],
    ),
    (
        "Pendant l'entretien",
        [
            "Le déclencheur : pourquoi ce projet, à ce moment-là ?",
            "Les objectifs de départ, et s'ils ont changé en route.",
            "Les étapes et leur durée réelle (pas seulement le calendrier prévu).",
            "Qui a fait quoi : élu·es, services, associations, entreprises, habitant·es.",
            "Le budget : montants, financeurs, part d'autofinancement, temps humain (en jours ou en ETP).",
            "Les résultats mesurés : indicateurs, chiffres avant/après, ce qui n'est pas mesurable mais compte.",
            "Les difficultés et les échecs : ce qui a bloqué, ce qui a été abandonné, ce qu'ils referaient autrement.",
            "Les conditions pour reproduire : ce qui tient au contexte local, ce qui est transposable, ce qu'il faudrait adapter.",
        ],
    ),
    (
        "Après l'entretien",
        [
            "Faire relire le texte par la personne interrogée avant de le soumettre.",
            "Demander l'accord pour publier ses coordonnées, ou indiquer un contact générique.",
            "Vérifier les chiffres et les dates, et citer les sources.",
        ],
    ),
]
