"""Demo content, transcribed from the network's source documents in `shared/seeds/`:

- CONSULTATION: `000_*.txt`, the consultation on the draft 2023 roadmap of COMETE (5 objectives,
  10 actions, the steering committee's and the partners' contributions, author labels as typed
  in the document). Extracted with the table parser kept in docs/consultations.md.
- WORKSHOPS: `001_*.txt`, the two workshops ("ateliers") of the inspiring-projects method, their
  retained initiatives and, for the second one, the initiatives' descriptions, restated as
  proposal rows (piste d'orientation / action proposée / objectifs poursuivis).
"""

# fmt: off
CONSULTATION = {'title': 'Projet de feuille de route 2023 de COMETE',
 'opens_on': '2023-02-10',
 'closes_on': '2023-04-30',
 'introduction': 'Bonjour,\n'
                 '\n'
                 'Ce document a pour objet de recueillir vos remarques et propositions sur le projet de '
                 'feuille de route 2023 de COMETE\xa0!\n'
                 'Pour chacune des 10 actions 2023, nous avons créé une page, et avons déjà intégré les '
                 'propositions du COPIL COMETE qui s’est tenu le 9 février 2023.\n'
                 'Vous pouvez ajouter vos contributions dans les tableaux intégrés sur chaque page action. '
                 'N’oubliez pas de mentionner votre nom, et d’enregistrer votre modification\xa0!\n'
                 'D’avance merci pour votre participation\xa0!\n'
                 '\n'
                 'L’équipe COMETE',
 'objectives': [{'position': 1,
                 'title': 'Participer à la montée en puissance et à l’amélioration continue de la '
                          'communauté, pour répondre aux besoins tout en restant complémentaire de l’offre '
                          'existante',
                 'actions': [{'position': 1,
                              'title': 'Animer la gouvernance',
                              'sub_actions': ['Animer le comité de pilotage',
                                              'Animer le club des partenaires'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'besoin de clarification concernant le rôle de chaque '
                                                 'instance : se différencier dans l’écosystème et identifier '
                                                 'les plus-values des instances COMETE (beaucoup d’instances '
                                                 'et de lieux) / Faire comprendre le positionnement '
                                                 'spécifique de COMETE par rapport aux autres réseaux '
                                                 'nationaux'],
                                                ['FNCAUE',
                                                 'Articulation avec les réseaux régionaux\xa0: Réseau '
                                                 'paysage animé par la DREAL AuRA (direction paysages) par '
                                                 'exemple / Faire comprendre le positionnement par rapport '
                                                 'aux réseaux régionaux.'],
                                                ['Ville de Cergy',
                                                 'Renforcer les liens interpersonnels pour mieux faire '
                                                 'fonctionner la gouvernance. \n'
                                                 'Organiser des rencontres bilatérales'],
                                                ['Ville de Cergy',
                                                 'Fonctionnement en sous-commissions souples sur des sujets '
                                                 'ponctuels (pour le Club des partenaires par ex)'],
                                                ['CC Sauer-Pechelbronn', 'Prévoir l’évaluation des actions'],
                                                ['CC Grand Autunois',
                                                 'Pour mobiliser les membres du COPIL et Club des '
                                                 'partenaires sur long terme, il faut pouvoir partager un '
                                                 'projet commun. A voir si la raison d’être de COMETE est '
                                                 'suffisante...'],
                                                ['Notre Village',
                                                 'Rendre plus visibles les divers membres de la communauté '
                                                 'en les structurant en fonction de la nature de leur '
                                                 'organisation (associations, ministères, services '
                                                 'déconcentrés de l’Etat, collectivités territoriales…), les '
                                                 'localiser (cartographie) et bien définir leur activité\n'
                                                 'Travailler en sous-commissions sur des thématiques '
                                                 'ciblées \n'
                                                 'Mieux définir le rôle de COMETE par rapport à d’autres '
                                                 'instances/réseaux nationaux'],
                                                ['Le RAMEAU',
                                                 'Le RAMEAU et l’Observatoire des partenariats sont '
                                                 'volontaires pour s’engager activement aux côtés de la '
                                                 'Communauté.\n'
                                                 'En 2023, une JVS va être créée autour de l’Observatoire '
                                                 'des partenariats, ce peut être l’occasion d’en renforcer '
                                                 'les liens avec le CGDD.'],
                                                ['CEREMA', 'Contribuer au COPIL et club'],
                                                ['ANPP',
                                                 'Relayer auprès de notre réseau les productions, évènements '
                                                 'de la communauté\n'
                                                 '\n'
                                                 'Participer tant que faire se peut aux comités de pilotage '
                                                 'et club des partenaires\n'
                                                 '\n'
                                                 'Etre force de proposition en tant que tête de réseau au '
                                                 'niveau national pour aiguiller la communauté vers des '
                                                 'sujets à fort impact pour les territoires'],
                                                ['ADEME',
                                                 'Que dans quelques régions volontaires l’ADEME avec les '
                                                 'membres des communautés régionales de travail sur la TE '
                                                 '(Etat, ADEME, Région et autres opérateurs), il soit étudié '
                                                 'comment mettre en place une co-animation régionale à '
                                                 'partir des réseaux et de l’animation existants pour '
                                                 'développer des « COMETE Régionaux ».'],
                                                ['COMITE 21',
                                                 'Organiser des échanges réguliers du club des partenaires '
                                                 'pour faire émerger des actions communes intégrées dans '
                                                 'les\n'
                                                 'programmations des acteurs ;\n'
                                                 '-\n'
                                                 'Organiser un échange annuel entre le COPIL/le club des '
                                                 'partenaires pour une mise en perspective des\n'
                                                 'besoins/actions/coopérations.'],
                                                ['Agence ORE',
                                                 'La mise en place prochaine, à l’occasion d’une réunion '
                                                 'physique, du comité des partenaires, sera très '
                                                 'certainement de nature à installer un sentiment '
                                                 'd’appartenance à une communauté d’objectifs et à favoriser '
                                                 'la création de synergies, voire à susciter des actions '
                                                 'conjointes. Les efforts seront à poursuivre en ce sens. \n'
                                                 '\n'
                                                 'La priorisation de quelques objectifs, réalistes et '
                                                 'pertinents, et permettant d’obtenir quelques victoires '
                                                 'rapides, permettra de consolider les relations entre '
                                                 'acteurs. \n'
                                                 '\n'
                                                 'A voir si et comment un recensement des offres existantes '
                                                 'permettrait de dresser un panorama utile et de dégager les '
                                                 'complémentarités et les ponts à créer entre les acteurs.'],
                                                ['France Ville Durable (FVD)',
                                                 'Être membre du Club des Partenaires avec la possibilité de '
                                                 'mobiliser au besoin l’expertise des membres de FVD (Etat, '
                                                 'collectivités, entreprises et experts) sur des sujets '
                                                 'spécifiques.  Participer à  la complémentarité  des '
                                                 'démarches.'],
                                                ['UNADEL',
                                                 'favoriser l’interconnaissance des membres du copil et du '
                                                 'club des partenaires – soit avec des animations '
                                                 'spécifiques, soit en permettant aux structures de '
                                                 'présenter 1-2 de leur projets phares à la communauté (sous '
                                                 'forme de pitch de 5-10 minutes)'],
                                                ['UNCPIE',
                                                 'Participer au comité de pilotage\n'
                                                 'Participer au Club des partenaires']]},
                             {'position': 2,
                              'title': 'Accroitre la visibilité et la notoriété de la communauté',
                              'sub_actions': ['Développer une stratégie de communication et établir un '
                                              'comité éditorial',
                                              'Faire de la lettre mensuelle, un vecteur d’incarnation de la '
                                              'Communauté'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Newsletter : pour être lue et faciliter le positionnement '
                                                 'de COMETE, favoriser la subsidiarité et ses '
                                                 'complémentarités à d’autres newsletter, la simplifier pour '
                                                 'qu’elle soit moins dense et redondante à d’autres '
                                                 '(proposition des membres du COPIL de réagir à une nouvelle '
                                                 'version de la newsletter).\n'
                                                 'Contribution à l’objectif de rendre COMETE bien lisible '
                                                 'dans l’écosystème des réseaux.'],
                                                ['Comité de pilotage',
                                                 'Comprendre et se positionner dans l’écosystème : pour '
                                                 'faciliter ce positionnement et la compréhension de cet '
                                                 'écosystème dense de réseaux, il est proposé de réaliser '
                                                 'une cartographie des acteurs et des offres. En ayant pour '
                                                 'objectif, notamment, de mieux partager le fonctionnement '
                                                 'et les articulations multi-scalaires (national et infra) '
                                                 'entre les territoires et les acteurs, les actions et les '
                                                 'dispositifs\n'
                                                 'Objectif : identifier les complémentarités (dans les 2 '
                                                 'sens national/territoires) d’actions et de ressources en '
                                                 'soulignant le prisme régional'],
                                                ['Comité de pilotage',
                                                 "Organiser la remontée d'information vers le législateur : "
                                                 'notamment au regard des problématiques territoriales qui '
                                                 'trouveraient une réponse réglementaire'],
                                                ['FNCAUE',
                                                 'Articulation avec les réseaux régionaux\xa0: Réseau '
                                                 'paysage animé par la DREAL AuRA (direction paysages) par '
                                                 'exemple. Prévoir une rencontre entre COMETE et ces '
                                                 'réseaux\xa0?'],
                                                ['FNCAUE', 'Faire connaître COMETE dans son réseau CAUE'],
                                                ['CC Coeur Haute Lande',
                                                 'Pour la lettre d’info, traiter une thématique par mois – '
                                                 'format court'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Début mandat\xa0: cette stratégie de communication '
                                                 'manquait. => commande élus de constituer cette stratégie '
                                                 'de com. Un BE spécialisé a été recruté. Stratégie en cours '
                                                 'de validation.'],
                                                ['CC Coeur Haute Lande',
                                                 'Pas de stratégie ni de priorité sur la communication.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Objectifs de cette stratégie\xa0: \n'
                                                 '– Améliorer l’image du SP du quotidien (= «\xa0'
                                                 'marketing\xa0?»)\n'
                                                 '– Valoriser les actions intercommunales pour porter haut '
                                                 'l’objectif de TE = communiquer sur ce qu’on fait de très '
                                                 'concret en la matière\n'
                                                 '– Promouvoir auprès de celles et ceux qui contribuent à '
                                                 'l’avenir du territoire, ntmt acteurs éco et du tourisme => '
                                                 'objectif de relais par ces mêmes acteurs'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Priorisation des sujets par les élus sur lesquels '
                                                 'communiquer en TE\xa0:\n'
                                                 '– Mobilités (nouvelle offre de transports + mobilités '
                                                 'actives)\n'
                                                 '– Economie (volonté de développer de nvelles filières '
                                                 'd’excellence\xa0notamment avec de nouvelles coopérations : '
                                                 'tourisme, économie, territoires voisins…)\n'
                                                 '– Valorisation déchets et dvpt économie circulaire\n'
                                                 '– Actions dans chaque commune pour changer la trajectoire '
                                                 'vis-à-vis du climat. Ex.\xa0: pour faire prendre '
                                                 'conscience du dérèglement climatique, une fresque du '
                                                 'climat avait été organisée pour les 360 élus puis déclinée '
                                                 'auprès des communes. Souhait que les communes proposent '
                                                 'pareil sur leurs territoires (outil fresque ou autre)\n'
                                                 '=> Objectif\xa0: rendre concrète la mise en œuvre du '
                                                 'projet de territoire. Obtenir la fierté par la preuve.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Canaux de communication utilisés\xa0: \n'
                                                 '– Pour l’instant, supports papier privilégiés (flyers, '
                                                 'journal interne…)\n'
                                                 '– Mais volonté d’investir supports électriques (mailings, '
                                                 'réseaux sociaux, etc.), support presse, arrêts de bus, '
                                                 'utiliser sites internet des communes et bulletins '
                                                 'municipaux\n'
                                                 '– Stratégie de com va passer en conf des maires pour '
                                                 'validation. \n'
                                                 '– Réunions d’information en plénière\xa0?'],
                                                ['CC Coeur Haute Lande',
                                                 'Une commission TE au niveau de la CC a été créée pour '
                                                 'réunir élus.\n'
                                                 'Citoyens\xa0: bulletins municipaux et site internet de la '
                                                 'CC. => fonctionne très bien (même pas besoin de pub\xa0!)\n'
                                                 'Ex.\xa0: plateforme de rénovation énergétique \n'
                                                 'Autre ex.\xa0: marché groupé pour panneaux photovoltaïques '
                                                 'en toiture. \n'
                                                 'Flyers à l’intérieur mairies et sites internet des '
                                                 'communes\n'
                                                 'Réseau social «\xa0Intra muros\xa0» = appli de partage '
                                                 'd’infos entre CC et communes, ouvert aux citoyens. Ex.\xa0'
                                                 ': attention message d’info comme quoi tel service sera '
                                                 'fermé, ou événement type «\xa0soirée rénovation '
                                                 'énergétique\xa0».\n'
                                                 'Pour événements plus marquants\xa0: parfois journaux '
                                                 'locaux/régionaux. Mais constat de la perte d’efficacité et '
                                                 'de la pénétration de la presse locale (moins de lecteurs '
                                                 'et lectorat vieillissant.\n'
                                                 'Bien de repartir de l’historique de la démarche et de '
                                                 'faire un petit film là-dessus, à chaque fois qu’on fait '
                                                 'une action de TE (ex.\xa0: LGA circuit court en restau '
                                                 'co…) +> plus ludique et facile à lire pour élus et '
                                                 'citoyens.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Autres communautés (éventuellement de communicants) ou '
                                                 'réseaux avec lesquels sont partagées les communications '
                                                 'sur le thème de votre démarche de TE\xa0:\n'
                                                 '– Membre du réseau des CPIE, très dynamique sur le terr.\n'
                                                 '– Avec l’Agence économique, permet d’intégrer d’autres '
                                                 'réseaux.\n'
                                                 '– Cluster eau transfrontalier «\xa0Evian\xa0»\n'
                                                 '– Tener (\xa0?) 10, pôle de compétitivité régional '
                                                 '(énergie)\n'
                                                 '– ORA 2E\n'
                                                 '– Comité départemental de la TE, organisé par le '
                                                 'département, destiné plutôt aux EPCI.\n'
                                                 'Objectif\xa0: chercher des RETEX nationaux et rentrer en '
                                                 'contact avec d’autres collectivités.'],
                                                ['CC Coeur Haute Lande',
                                                 'Membre de TEPOS NA, du Cler, du CD de la TE ( => réunit '
                                                 'EPCI une fois par an), de l’Ademe.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Avantages de COMETE\xa0: partage d’expériences au niveau '
                                                 'national, échange entre pairs. Ex.\xa0: recherchait une '
                                                 'ressource sur compensation carbone. => a permis d’avancer '
                                                 'plus vite.'],
                                                ['CC Coeur Haute Lande',
                                                 'Difficulté d’arriver sur un domaine dans lequel il y a bcp '
                                                 'de réseaux.\n'
                                                 'Réseau TEPOS fonctionne bien et c’est l’un des pionniers. '
                                                 '=> passerelle à faire avec COMETE, recherche de '
                                                 'mutualisation pour éviter de démultiplier les réseaux.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Comité éditorial\xa0: chronophage pour animer et '
                                                 'entretenir une plateforme collaborative d’acteurs'],
                                                ['CC Coeur Haute Lande',
                                                 'Infolettre de COMETE\xa0:\n'
                                                 'Périodicité mensuelle semble appropriée. Peut-être '
                                                 'insuffisant pour les EPCI ou collectivités qui se '
                                                 'lancent\xa0?\n'
                                                 'Stat des CT qui se connectent\xa0? => non, car envoi '
                                                 'mail.\n'
                                                 '«\xa0Appel à l’aide\xa0» de certaines collectivités '
                                                 'seraient bienvenus. Dans le cadre du réseau TEPOS, revient '
                                                 'souvent.\n'
                                                 'Approfondissement sur certains points d’actus/explications '
                                                 'de textes/réglementations. Ex.\xa0: PJL accélération '
                                                 'énergie nucléaire +  lecture et décryptage de la loi sur '
                                                 'les énergies renouvelables, rappeler les mécanismes à '
                                                 'l’oeuvre sur les variations de prix de l’énergie, économie '
                                                 'circulaire et circuits courts , etc\n'
                                                 'Climat Air Energie\xa0: avoir un lien entre les '
                                                 'plateformes lorsqu’il y a des infos à remplir. Voir à quoi '
                                                 'ressemble un diagnostic d’économie circulaire des flux de '
                                                 'matières entrantes et sortantes.'],
                                                ['Notre Village',
                                                 'Rédiger une newsletter mensuelle sur une thématique '
                                                 'spécifique, un visuel propre à COMETE et un rappel sur les '
                                                 'missions de COMETE\n'
                                                 'Diffuser cette newsletter par d’autres canaux plus «\xa0'
                                                 'accessibles\xa0» que ceux du ministère (celui des DREAL '
                                                 'par exemple, plus proches des territoires)\n'
                                                 'Mettre en exergue des actions concrètes comme des '
                                                 'expériences territoriales (concluantes ou non) afin de '
                                                 'faire avancer les problématiques et les questionnements '
                                                 'liés à la transition écologique et territoriale'],
                                                ['FNCAS',
                                                 'FNCAS: aujourd’hui, un grand nombre d’initiatives, au '
                                                 'travers du plan climat-biodiversité de l’enseignement '
                                                 'supérieur et de la recherche (ESR), font que des projets '
                                                 'bénéficient d’un co-portageterritoire-établissements '
                                                 'd’ESR. Il convient de porter la communication en cohérence '
                                                 'avec les établissements d’ESR. FNCAS peut être un relai '
                                                 'dans ces démarches de communication.'],
                                                ['Le RAMEAU',
                                                 'Le RAMEAU se propose de partager son\n'
                                                 'expérience d’animation à quatre temporalités :\n'
                                                 '-\n'
                                                 'Hebdomadaire\n'
                                                 'avec les « Jeudis de l’ODD 17 » qui permettent d’animer la '
                                                 'plateforme de capitalisation partagée odd17.org, « back '
                                                 'office » par tagé conçu et co\n'
                                                 'élaboré dans le cadre de la mission ministérielle « '
                                                 'Accélérer les alliances stratégiques entre collectivités, '
                                                 'associations et en treprises » copiloté avec la DJEPVA '
                                                 'entre\n'
                                                 '2020 et 2002.\n'
                                                 '-\n'
                                                 'Mensuelle\n'
                                                 'avec un webinaire et une newsletter qui retrace le '
                                                 'cheminement mensuel des « Jeudis »,\n'
                                                 '-\n'
                                                 'Trimestrielle\n'
                                                 'avec le bulletin de veille et d’analyse de l’innovation '
                                                 'sociétale qui comporte un volet sur l’innovation '
                                                 'territoriale,\n'
                                                 '-\n'
                                                 'Annuelle\n'
                                                 'avec deux dossiers par an en partenariat avec le magasine '
                                                 'JURIS Associations, copilotés respectivement depuis 11 ans '
                                                 'sur l’hy br idation des modèles\n'
                                                 'socio économiques ( publié en juillet au moment de la '
                                                 'Rencontre annuelle des pionniers des alliances en '
                                                 'Territoire ), et de depuis 4 ans sur les coopérations\n'
                                                 'territoriales ( publié le 15 novembre juste avant le '
                                                 'Congrès des Maires\n'
                                                 'La cohérence des temporalités, l’anticipation annuelle et '
                                                 'la visibilité du suivi sur le temps long depuis la '
                                                 'signature des Ob\n'
                                                 'jec tifs de Développement Développement\n'
                                                 'Durable en 2015 sont des facilitateurs pour assurer la '
                                                 'cohérence des actions et la cohésion des acteurs.'],
                                                ['CEREMA', 'Contribution à la recherche de sujets'],
                                                ['ANPP',
                                                 'Relayer auprès de nos adhérents les productions et '
                                                 'contenus émanant de la communauté (CP 2x fois par jour, '
                                                 'échange réguliers avec notre réseau)'],
                                                ['ADEME',
                                                 'Ne peut à ce jour construire une veille pour COMETE, mais '
                                                 'par contre l’ADEME peut regarder avec son service '
                                                 'communication les conditions pour établir un droit '
                                                 'd’utilisation des articles de ses publications dans la '
                                                 'newsletter de COMETE.'],
                                                ['COMITE 21',
                                                 'S’appuyer sur les réseaux des partenaires\n'
                                                 'par exemple pour le Comité 21 > mention de la communauté '
                                                 'sur le site Internet, valorisation auprès des\n'
                                                 'adhérents (article dans la newsletter)'],
                                                ['Agence ORE',
                                                 'Ligne éditoriale claire, permettant de déterminer quelles '
                                                 'infos sont ou non à remonter via la communauté, et si oui, '
                                                 'sur quel support\n'
                                                 'Faciliter les actions de notoriété croisées\n'
                                                 'Permettre aux membres et aux partenaires d’afficher leur '
                                                 'implication dans la communauté (créer un logo @membres '
                                                 'Comète et/ou partenaire Comète ? D’un point de vue '
                                                 'général, des actions de co-branding sont à envisager '
                                                 'également pour des ressources, des événements, des '
                                                 'formations…)\n'
                                                 '\n'
                                                 'Pour améliorer, la lisibilité de la complémentarité des '
                                                 'offres, les thématiques ou compétences-clefs de chaque '
                                                 'acteur pourraient être identifiées dans chaque activité de '
                                                 'la communauté (newsletters, actualités, ressources, forum, '
                                                 'etc).'],
                                                ['FVD',
                                                 'Diffuser les informations et actualités de COMETE  via les '
                                                 'outils de com de FVD.'],
                                                ['UNCPIE',
                                                 'Faire connaître et valoriser COMETE auprès du réseau des '
                                                 'CPIE et, par leur intermédiaire, de ses partenaires '
                                                 'territoriaux'],
                                                ['Groupement DREAL',
                                                 'Encourager les approches prospectives (méthode de '
                                                 'travail)']]}]},
                {'position': 2,
                 'title': 'Co-créer des ressources, des méthodes et des outils sur des thèmes émergents et '
                          'complexes pour faire monter en compétence la communauté sur le « comment » de la '
                          'transition écologique',
                 'actions': [{'position': 3,
                              'title': 'Informer sur les ressources, financements et dispositifs '
                                       'd’accompagnement',
                              'sub_actions': ['Améliorer la visibilité et l’appropriation des ressources '
                                              'existantes',
                                              'Réaliser des synthèses sur des thématiques de transition '
                                              'écologique\xa0: consolidation des blocs ressources'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Une proposition générale de mise à disposition et en '
                                                 'visibilité des outils existants, consolidés par des '
                                                 'retours d’expérience : faire le bon choix et disposer des '
                                                 'conditions de mise en œuvre'],
                                                ['Comité de pilotage',
                                                 'Rendre lisible l’accompagnement financier des territoires, '
                                                 'particulièrement avec une certaine urgence le Fonds Vert : '
                                                 'produire ou relayer les modalités de mise en œuvre et les '
                                                 'protocoles de mobilisation opérationnelle, mais aussi, de '
                                                 'manière pragmatique sur les priorités constatées auprès '
                                                 'des Préfectures par les préfets.'],
                                                ['Comité de pilotage',
                                                 'Côté CRTE, animer un réseau des CRTE territoriaux au sein '
                                                 'de COMETE et favoriser une meilleure appréhension des '
                                                 'Contrats par la société civile et les acteurs locaux.'],
                                                ['Comité de pilotage',
                                                 'Réintroduire les CRTE comme outil de dialogue entre les '
                                                 'échelons locaux et COMETE en s‘appuyant sur un outil '
                                                 'proche du Cahier d’accompagnement des porteurs de projet '
                                                 'et services instructeurs de la DGALN : '
                                                 'https://www.ecologie.gouv.fr/sites/default/files/Cahier%20accompagnement_Axe2_Renaturation.pdf.'],
                                                ['Comité de pilotage',
                                                 'Proposition de mener collectivement le travail en '
                                                 's’appuyant sur le forum de COMETE sur Expertises '
                                                 'Territoires \xa0(Tuto : '
                                                 'https://www.communecter.org/upload/communecter/organizations/5ca1b2bb40bb4e9352ba351b/file/62a8737476cdb23d0b74198d/63db91bd7351d94ac3272150/Tuto-Expertises-Territoiresvdef.pdf)'],
                                                ['Comité de pilotage',
                                                 'CRTE / fond vert : concevoir un FAQ mobilisant les membres '
                                                 'du COPIL et l’équipe COMETE'],
                                                ['FNCAUE',
                                                 'Intégrer Aides Territoires de l’ANCT comme outil de '
                                                 'valorisation des soutiens financiers proposés par les '
                                                 'partenaires\xa0?'],
                                                ['CC Coeur Haute Lande',
                                                 'Ressources existantes sur COMETE\xa0:\n'
                                                 'Enrichir site TEPOS, CAE, CRTE => demande bcp de temps\n'
                                                 'Blocs manquants\xa0: EC et circuits courts, avec p-ê '
                                                 'guides méthodo\xa0? besoin d’exemple sur diagnostic EC '
                                                 '(flux entrées-sorties de matières sur le territoire…)\n'
                                                 'Engagé dans un COT avec l’Ademe => AMO mise à notre '
                                                 'service. Pré-mâche le travail. Pas besoin de consulter '
                                                 'infos générales. Privilégie infos personnalisées.\n'
                                                 'Difficulté à partager certains fichiers sur plateforme '
                                                 'COMETE, notamment images, dans la plateforme de gestion de '
                                                 'projets. V\n'
                                                 '\xa0\n'
                                                 '\n'
                                                 'Retours d’expériences (et pas uniquement des infos '
                                                 'techniques)\xa0?\n'
                                                 'Oui, très utile, \n'
                                                 'Quelles ressources utilisez-vous en dehors de celles '
                                                 'proposées par COMETE\xa0? Sous quelle forme d’accès\xa0?\n'
                                                 'Plateforme EC\n'
                                                 'CAE\xa0?\n'
                                                 '=>Alimenter l’évolution des actions sur différentes '
                                                 'plateformes est chronophage => lien avec différentes '
                                                 'plateformes possible\xa0?\n'
                                                 'Thématiques des blocs ressources\xa0: énergie = de fait, '
                                                 'priorité liée à l’actualité. Y compris pour les citoyens. '
                                                 'Pas sujet choisi par la CC mais s’est imposée à elle.'],
                                                ["CC Pays d'Evian Vallée d'Abondance",
                                                 'Ressources existantes sur COMETE\xa0:\n'
                                                 '=> Plutôt méthodo, tout particulièrement cette année car '
                                                 'parmi objectifs, état des lieux COT avec 2 référentiels '
                                                 'EC/climat. Fusion territoriale écente => fondations pas '
                                                 'assez solides (méthodo, finances). Ex.\xa0: budget climat, '
                                                 'achats durables.\n'
                                                 'Collègue sur commande publique\xa0: veut avancer vite. '
                                                 'Plus besoin de réglementation mais de fiches très '
                                                 'pratico-pratiques\xa0: comment réorganiser son service, '
                                                 'comment rédiger des CdC…\n'
                                                 'Végétalisation des cours d’école\n'
                                                 'Souhait de témoignages de collectivités dans les blocs '
                                                 'ressources (sur la commande publique la coillègue a '
                                                 'contacté Chambéry pour avoir son RETEX)'],
                                                ['Notre Village',
                                                 'Dans la newsletter, en fonction de la '
                                                 'thématique/problématique abordée, mettre les liens '
                                                 'correspondant aux divers acteurs de la communauté qui '
                                                 'pourraient aider d’autres territoires à répondre à cette '
                                                 'même thématique/problématique\n'
                                                 'Intégrer des informations en lien avec la législation en '
                                                 'vigueur, des aides techniques et financières pouvant être '
                                                 'apportées aux territoires, des outils déjà existants…'],
                                                ['Le RAMEAU',
                                                 'A partir des résultats de la 1ère étude d’impact de l’ODD '
                                                 '17 à l’échelle de la France et de ses 13 régions '
                                                 'métropolitaines, les « fiches Repères » par Acteurs, '
                                                 'Territoires et Domaines permettent aux acteurs '
                                                 'territoriaux de se situer dans leur écosystème : des '
                                                 'informations cl aires et chiffrées sur les pratiques '
                                                 'd’alliances aujourd’hui, sur les fragilités auxquelles '
                                                 'elles répondent, ainsi que sur les partenariats déjà en '
                                                 'place sur les territoires ; des données fiables en '
                                                 'fonction du profil, du territoire et du domaine '
                                                 'd’activités https://alliances et '
                                                 'territoires.odd17.org/etape 2 consulter\n'
                                                 'des donnees fiables ). Un kit pratique régional a été '
                                                 'développé en 2021, et un kit local sera développé en 2023 '
                                                 'dans le cadre du programme « Chef de projet innovation '
                                                 'territoriale », initié en 2019 à la demande du Cabinet de '
                                                 'la Ministre de la Cohésion des Territoires de l’époque.\n'
                                                 'Le RAMEAU anime chaque mois des webinaires sur les modèles '
                                                 'socio économiques qui croisent l’ODD 17 avec les 16 autres '
                                                 'ODD, avec une programmation sur 2 ans 2023 / 2024 ( '
                                                 'https://www.lerameau.fr/reconnaissance_mse/\n'
                                                 'Pour se tenir informé des outils et ressources '
                                                 'disponibles, «\n'
                                                 'les jeudis de l’ODD17 » constituent une information '
                                                 'hebdomadaire qui pourrait être plus largement diffusée, '
                                                 'voire co construite avec le CGDD '
                                                 'https://odd17.org/actualite'],
                                                ['CEREMA',
                                                 'Continuer l’ancrage terrain de l’ensemble des outils de '
                                                 'transition, y compris résilience et adaptation'],
                                                ['ANPP',
                                                 'Echanger autour des productions de l’association et si '
                                                 'besoin être force de proposition pour les futures '
                                                 'publications de la communauté\n'
                                                 '\n'
                                                 'Tenter de récupérer les avis « à chaud » des adhérents de '
                                                 'l’association sur les productions et informer la '
                                                 'communauté des retours'],
                                                ['ADEME',
                                                 'peut mettre à disposition ses ressources et publications '
                                                 'thématiques. Peut également relayer dans ses directions '
                                                 'techniques les besoins pour éventuellement orienter la '
                                                 'production de prochaines ressources.\n'
                                                 'Le jour où la plateforme TE pourra pointer vers des '
                                                 'ressources, pointer vers des ressources de comete '
                                                 'également.'],
                                                ['COMITE 21',
                                                 'Mobilisation des ressources existantes au sein de la '
                                                 'communauté dans le cadre des activités proposées par le '
                                                 'Comité 21\n'
                                                 'par exe mple,\n'
                                                 'témoignages/retours d’expériences/présentation d’outils '
                                                 'dans le cadre de webinaires ou groupes de travail '
                                                 '(notamment cycles A gen da 2030 local et\n'
                                                 'Territoires durables).'],
                                                ['Agence ORE',
                                                 'La valorisation de l’existant et la cocréation, évoquées '
                                                 'par ailleurs, sont toujours privilégier.\n'
                                                 'Les ressources évoluant rapidement, il est important '
                                                 'd’anticiper leur mise à jour, voire leur retrait (« date '
                                                 'de péremption des ressources ») ou a minima un passage en '
                                                 'revue obligatoire selon une certaine périodicité. Trop de '
                                                 'ressources datées continuent à circuler.'],
                                                ['CNCD',
                                                 'Faire remonter les travaux des conseils de développement '
                                                 'sur des thématiques d’intérêt pour la communauté COMETE. '
                                                 'Nous travaillons à la mise en place d’un centre de '
                                                 'ressources, qui sera opérationnel cet automne, pour '
                                                 'rechercher les contributions des conseils de développement '
                                                 'par mots clés, les faire connaitre et les valoriser.\n'
                                                 'Diffuser des ressources et synthèses thématiques auprès '
                                                 'des conseils de développement (via notre site internet, '
                                                 'lettre d’information, mailing,…)'],
                                                ['UNCPIE',
                                                 'Promouvoir la capacité et les dispositifs d’accompagnement '
                                                 'des acteurs par les CPIE pour la rendre plus accessible '
                                                 'aux acteurs']]},
                             {'position': 4,
                              'title': 'Promouvoir des méthodes de conduite du changement',
                              'sub_actions': ['Recenser et faire connaitre ou co-construire des formations, '
                                              'des temps pédagogiques pour l’accompagnement des territoires '
                                              'dans leur transition écologique',
                                              'Lancer des groupes de travail sur l’élaboration d’outils et '
                                              'méthodes de conduite du changement'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Dans le but d’embarquer l’ensemble des acteurs et de '
                                                 'réussir les dispositifs de concertation, une proposition '
                                                 'en direction des préfectures et sous-préfectures : '
                                                 'proposer des temps de travail et d’acculturation autour de '
                                                 'la transition écologique, notamment dans le cadre des '
                                                 'CRTE.'],
                                                ['Comité de pilotage',
                                                 'Besoins de formation et d’espace de co-développement '
                                                 'autour des enjeux suivants : \n'
                                                 '\uf0b7 L’approche par le «\xa0Budget vert\xa0» (autour du '
                                                 'travail de l’AMF avec I4CE et France Urbaine)\n'
                                                 '\uf0b7 La résilience des territoires : comment changer de '
                                                 'paradigme et déclencher l’action ? (France Urbaine, '
                                                 'partenaire avec l’ANPP du Shift Project sur cette question '
                                                 ': webinaire et élaboration d’une campagne de '
                                                 'sensibilisation autour de ces questions)\n'
                                                 '\uf0b7 Bilan GES : webinaire pour enclencher une méthode '
                                                 'de sensibilisation et d’accompagnement de l’élaboration '
                                                 'd’un BGES réglementaire pour les collectivités\n'
                                                 '\uf0b7 Mobilisation des acteurs autour des enjeux de '
                                                 'transition écologique'],
                                                ['FNCAUE', 'Remontée de retours d’expériences territoriales'],
                                                ['CC Pays d’Évian',
                                                 'Recensement des dispositifs de formation'],
                                                ['CC Pays d’Évian',
                                                 'Recensement de dispositifs d’animation en présentiel à la '
                                                 'conduite du changement – objectif de sensibiliser les élus '
                                                 '(ex\xa0: atelier renaissance écologique pour organiser la '
                                                 'ville de demain, Atelier 2 tonnes)'],
                                                ['CC Coeur Haute Lande',
                                                 'GT sous-réseau avec des acteurs de plus grande proximité'],
                                                ['CC Pays d’Évian',
                                                 'Rendre les contributions possibles, pouvoir déposer du '
                                                 'contenu pour échanger sur les ressources'],
                                                ['CC Coeur Haute Lande',
                                                 'Le contenu législatif manque dans les réseaux locaux. '
                                                 'Portez ces éléments à la connaissance des membres'],
                                                ['Notre Village',
                                                 'Mettre en ligne, effectuer des webinaires…. sur des '
                                                 'retours d’expérience de territoires ayant engagé la '
                                                 'transition écologique; faire également témoigner les '
                                                 'structures (si existantes) les ayant accompagnés dans '
                                                 'cette démarche\n'
                                                 'Organiser des ateliers sur des thématiques spécifiques\n'
                                                 'Diffuser les formations disponibles (sur la newsletter par '
                                                 'exemple) pouvant être proposées par des membres de la '
                                                 'communauté ou autre'],
                                                ['27ème région',
                                                 'Une enquête collaborative sur les processus de décision '
                                                 'publique dans un contexte de sobriété /nouveau régime de '
                                                 'contraintes\n'
                                                 'Un partage des enseignements de notre programme '
                                                 '(Dé)formations visant à repenser la formation des élu.e.s '
                                                 'aux transitions et d’éventuelles suites\xa0 avec un ou des '
                                                 'territoires intéressés'],
                                                ['FDT',
                                                 'Journées d’initiations à la conduite du changement '
                                                 'sysémique\n'
                                                 'Valorisation des formations et dispositifs '
                                                 'd’accompagnement proposés au sein de la FDT\n'
                                                 'Mise en commun d’outils et méthodes de conduite du '
                                                 'changement développés au sein de la FDT'],
                                                ['Le RAMEAU',
                                                 'Dans le cadre de la mission ministérielle sur '
                                                 'l’accélération des alliances stratégiques en territoire, '
                                                 'la plateforme de capit\n'
                                                 'ali sation odd17.org a été complétée dès 2021 par un '
                                                 'parcours pédagogique « Alliances et Territoires ». Il '
                                                 's’adresse à tous ceux intéressés par les dyn amiques de co '
                                                 'construction entre profils d’acteurs différents '
                                                 '(collectivités, entreprises, associations, service de '
                                                 'l’état, académiques…). C’e st un parcours pas à pas en 7 '
                                                 'étapes pour comprendre, se positionner, se former et '
                                                 'passer à l’action en termes d’alliances. Après 18 mois '
                                                 'd’expéri men tation, en partenariat avec le Ministère de '
                                                 'l’Education Nationale et le Secrétariat d’Etat à l’ESS et '
                                                 'à la Vie Associatives, il vient d’ êtr e revu et lancé '
                                                 'dans sa nouvelle version en mars 2023.\n'
                                                 'https://alliances et territoires.odd17.org/'],
                                                ['CEREMA',
                                                 'Construction d’un partenariat en cours CEREMA-Fabrique\n'
                                                 '\n'
                                                 'Faire connaitre les meilleures pratiques participatives et '
                                                 'de conduite du changement effectuées par le CEREMA'],
                                                ['ANPP',
                                                 'ANPP – Territoires de projet anime et coconstruit depuis '
                                                 'son lancement en 1997 des temps informels et formels pour '
                                                 'les adhérents. Nous pouvons donc conseiller la communauté '
                                                 'si besoin.\n'
                                                 '\n'
                                                 'Fort besoin des acteurs des territoires de matière '
                                                 'concrète, le comment de la TE doit être aussi important '
                                                 'que le pourquoi.'],
                                                ['ADEME',
                                                 'notre catalogue de formation est ouvert à toutes les '
                                                 'collectivités. On peut communiquer à notre service '
                                                 'formation les besoins identifiés à n+1 pour voir s’il y a '
                                                 'des synergies de conception et mutualisation à mener.'],
                                                ['COMITE 21',
                                                 '-\n'
                                                 'Mobilisation et valorisation dans les travaux issus de nos '
                                                 'groupes de travail, et mise à disposition des outils '
                                                 'produits aupr\n'
                                                 'ès de la communauté (sur la\n'
                                                 'plateforme, via l’organisation d’un webinaire…) par '
                                                 'exemple dans le cadre de la mise à jour/l’enrichissement '
                                                 'du guide pour l’a ppropriation de l’Agenda\n'
                                                 '2030 par les collectivités françaises ;\n'
                                                 '-\n'
                                                 'Faire connaître auprès de la communauté les formations '
                                                 'proposées par le Comité 21 (ODD et collectivités '
                                                 'territoriales, adapta\n'
                                                 'tio n aux changements\n'
                                                 'climatiques…).'],
                                                ['Agence ORE',
                                                 'S’appuyer sur les réseaux, acteurs et outils existants, en '
                                                 'permettant la diffusion, plutôt que de rechercher à '
                                                 'recréer à côté, semble très pertinent. La cocréation et '
                                                 'plus généralement la promotion conjointes d’actions, avec '
                                                 'des portages croisés, sont à encourager systématiquement.\n'
                                                 ' A ce titre, le forum COMETE accessible via l’outil '
                                                 'Expertise Territoires avec le CEREMA est intéressant. \n'
                                                 '\n'
                                                 'La lisibilité des ressources, et également leur mise à '
                                                 'jour (cf page précédente) sont des facteurs clefs de '
                                                 'succès.'],
                                                ['FVD',
                                                 'Participation de FVD aux cadrages des GT et à certains GT '
                                                 'en fonction des thématiques et assurer la diffusion des '
                                                 'formations,  méthodes et outils'],
                                                ['UNADEL',
                                                 'L’Unadel a engagé un travail de formation via le Carrefour '
                                                 'des métiers et en partenariat avec CNFPT et souhaite '
                                                 'duliquer ces expériences en lien avec les réseaux de '
                                                 'développement local'],
                                                ['UNCPIE',
                                                 '- Mobiliser le savoir-faire pédagogique du réseau des CPIE '
                                                 'et son expérience de l’accompagnement des territoires pour '
                                                 'alimenter la capitalisation et la valorisation d’offres '
                                                 'pour la communauté\n'
                                                 '- Participer aux groupes de travail en fonction de la '
                                                 'contribution utile que l’Union nationale et le réseau des '
                                                 'CPIE peuvent y apporter, notamment avec son positionnement '
                                                 'de facilitateur de l’action commune en territoires'],
                                                ['Groupement DREAL',
                                                 "Encourager l'expérimentation de nouvelles formes de "
                                                 "gouvernance et de participation du public, à l'aide d'une "
                                                 "veille auprès des laboratoires locaux d'innovation, des "
                                                 'conseils de développement, des conseils scientifiques et '
                                                 'prospectifs des PNR et de quelques collectifs '
                                                 'citoyens.']]}]},
                {'position': 3,
                 'title': 'Partager et faire connaître les actions reproductibles et inspirantes, les '
                          'initiatives et dispositifs pour les soutenir et les coopérations fructueuses avec '
                          'les autres acteurs',
                 'actions': [{'position': 5,
                              'title': 'Organiser des webinaires thématiques de partage d’expérience',
                              'sub_actions': ['Réaliser des webinaires de partage d’expériences',
                                              'Réaliser des webinaires flash avec des sujets plus '
                                              'spécialisés ou émergents'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Mettre les dispositifs nationaux au cœur de COMETE pour '
                                                 'assurer une bonne transmission et remontée d’informations  '
                                                 '(Plan avenir montagne, CRTE…)'],
                                                ['Comité de pilotage',
                                                 'Ne pas hésiter à s’appuyer sur des exemples de '
                                                 'territoires, notamment ceux membres du COPIL et du Club, '
                                                 'quitte à présenter des actions plus techniques, tout en '
                                                 'soulignant l’importance de partage de dispositifs de '
                                                 'concertation'],
                                                ['Comité de pilotage',
                                                 'Poursuivre les retours d’expériences et favoriser les '
                                                 'échanges entre territoires au sein de COMETE'],
                                                ['Comité de pilotage',
                                                 'Proposer des retours d’expériences sous l’angle de la '
                                                 'mobilisation des forces vives des territoires: citoyens, '
                                                 'associations, sphère économique'],
                                                ['Comité de pilotage',
                                                 'Webinaire à envisager sur le programme «\xa0ACTEE +\xa0» '
                                                 'avec l’AMF (programme pour développer des projets '
                                                 'd’efficacité énergétique pour les bâtiments publics avec '
                                                 'cofinancements possibles)'],
                                                ['Comité de pilotage',
                                                 'Approche croisée des thématiques de TE\xa0: organiser '
                                                 'davantage de moyens d’animation qui permettent de mettre '
                                                 'en avant cet aspect systémique. Ex : approche croisée des '
                                                 'sujets : sobriété énergétique / pollution lumineuse / '
                                                 'biodiversité'],
                                                ['FNCAUE',
                                                 'Contribution aux webinaires\xa0: recherche d’intervenants '
                                                 'et de retours d’expériences\xa0; participation aux COPIL '
                                                 'd’organisation'],
                                                ['CC Sauer Pechelbronn',
                                                 'Sur les thèmes\xa0: \n'
                                                 'Adaptation au changement climatique, biodiversité, '
                                                 'transition énergétique, ZAN (un vrai sujet).\n'
                                                 'Des choses qui se font aussi dans d’autres réseaux en '
                                                 'parallèle\xa0: ex désimperméabilisation des sols => des '
                                                 'retours d’expériences, lien avec le PCAET de son '
                                                 'territoire.\n'
                                                 'Difficulté d’avoir des dispositifs d’aides financières qui '
                                                 'sont pas les mêmes suivant les régions, ou les agences de '
                                                 'l’eau, donc difficultés d’avoir un webinaire dessus au '
                                                 'niveau national. La région GE fait des webinaire flash '
                                                 'justement sur ces thématiques-là. \n'
                                                 'Résilience agricole, comment collectivités peuvent '
                                                 'accompagner transformation des exploitations '
                                                 'agricoles.\xa0 Alimentation les PAT. \n'
                                                 'Manque cruel de formation sur l’ERC par exemple. (l’OFB '
                                                 'organise des conférence dessus par exemple). Besoin de '
                                                 'formation sur outils réglementaires donc. Aussi sur les '
                                                 'ORE (obligation régionale….\n'
                                                 'Sur le format\xa0:\n'
                                                 'des webinaires de 30 min avec un seul interlocuteur à '
                                                 'privilégier. Ça mobilise pas trop d’énergie et de temps, '
                                                 'sur un sujet très circonscrit, très concret. (ex le '
                                                 'prochain sur les certificats d’économie d’énergie\n'
                                                 'S’appuie aussi sur réseau air énergie climat dans le GE, '
                                                 'avec une plateforme dédiée. Sont dans réseaux TEPOS. TEPOS '
                                                 'font des webinaire d’1h en RETEX avec enregistrement '
                                                 'envoyé ensuite\n'
                                                 'Eux ont déjà fait RETEX sur démarche énergétique de la '
                                                 'comcom, le cheminement transition énergétique sur '
                                                 'trajectoire énergie positive. Avec de la géothermie par '
                                                 'exemple, centrale villageoise, sur la trame verte, '
                                                 'chantier de plantation citoyen/ retour sur construction '
                                                 'bois local (avec vosges du nord) avec mobilisation des '
                                                 'acteurs etc, des fiches techniques directement utilisable, '
                                                 'un guide fait avec le parc/ agroforesterie (on eu le '
                                                 'premier prix en 2021 sur le territoire en '
                                                 'agroforesterie. \n'
                                                 'Besoin de bien mettre les contacts des personnes.\n'
                                                 'Un annuaire des intervenant sur les différents sujets\xa0? '
                                                 'avec téléphone, site internet etc \n'
                                                 '(Anne Guiheux parle des plaquettes en A5 avec les '
                                                 'contacts) => ici un annuaire qui grossirait après chaque '
                                                 'nouveau webinaire, avec tous les contacts de tous les '
                                                 'webinaires. \n'
                                                 'CNFPT fait aussi une veille sur des thématiques, toutes '
                                                 'les semaines'],
                                                ['Ville de Cergy',
                                                 'Sur les thèmes\xa0:\n'
                                                 'Sujet très vaste, très transversal, prod d’énergie, '
                                                 'rénovation thermique, pilotage des bâtiments, '
                                                 'biodiversité, gestion des espaces vert, la restauration '
                                                 'scolaire, vont lancer un plan marche et vélo, la mobilité '
                                                 'des agents, déchets (bcp de sujets relèvent de la '
                                                 'compétence de l’EPCI).\n'
                                                 'Q de la mobilisation du territoire, des parties prenantes, '
                                                 'pour faire de la participation et faire émerger des '
                                                 'initiatives citoyennes. Embarquer sur la TE. \n'
                                                 'N’ont pas de RETEX sur nos webinaires.\n'
                                                 'Les élus ont besoin d’arriver rapidement sur le sujet qui '
                                                 'les intéresse. Donc besoin de trouver vite les thématiques '
                                                 'qu’ils cherchent. \n'
                                                 'Elus ne savent pas toujours bien présenter les choses. '
                                                 'Avoir des RETEX d’autres endroit où un projet a déjà été '
                                                 'fait ça rassure et aide l’élu à porter le projet. comment '
                                                 'présenter les enjeux\xa0? comment vendre le projet. \n'
                                                 'COMETE faire de la veille juridique\xa0? webinaire pour '
                                                 'informer sur les évolutions législatives, sur les\xa0 AAP, '
                                                 'les crédits, les aides…\n'
                                                 '\n'
                                                 '\xa0\n'
                                                 'Sur le format\xa0:\n'
                                                 'réaliser des webinaires flash avec des sujets plus '
                                                 'spécialisés ou émergents'],
                                                ['Notre Village',
                                                 'Mettre en ligne, effectuer des webinaires…. sur des '
                                                 'retours d’expérience de territoires ayant engagé la '
                                                 'transition écologique d’une manière générale ou s’appuyer '
                                                 'sur une thématique spécifique (gestion de l’eau, de '
                                                 'l’énergie, des déchets…)\n'
                                                 'Faire également témoigner les structures (si existantes) '
                                                 'les ayant accompagnés dans cette démarche'],
                                                ['FNCAS',
                                                 'FNCAS: notre engagement vise à stimuler et accompagner des '
                                                 'acteurs institutionnels locaux dans la mobilisation des '
                                                 'usagers des campus pour amplifier l’impact des politiques '
                                                 'de transition énergétique et de développement durable.\n'
                                                 'Concrétisée par notre participation au CoPil du label « '
                                                 'Agir ensemble pour des campus durables en villes durables '
                                                 '», notre action poursuit l’objectif de susciter des '
                                                 'alliances territoriales autour d’une collectivité locale, '
                                                 'd’une université, de grandes écoles, du Crous, et si '
                                                 'possible d’acteurs de la société civile, élaborant '
                                                 'collégialement un plan d’action annuel de mobilisation de '
                                                 'leurs ressortissants sur ces enjeux. Nous pouvons '
                                                 'envisager un partage d’expérience sur des sujets communs.'],
                                                ['Le RAMEAU',
                                                 'Depuis 2020, en partenariat avec la DJEPVA, chaque 3\n'
                                                 'ème jeudi du mois, Le RAMEAU anime le cycle de webinaires '
                                                 '« Vers de nouveaux équilibres économiques », dédiés aux '
                                                 'modèles socio économiques. L’objectif est de valoriser la '
                                                 'diversité des modèles et l’enjeu des alliances au travers '
                                                 'd’illustrations très concrètes. Ils sont ouverts à tous. '
                                                 'En 2023 & 2024, ils sont consacrés à l’Agenda 2030 en cro '
                                                 'isa nt l’ODD 17 avec les 16 autres ODD. Plus '
                                                 'd’informations : '
                                                 'https://www.lerameau.fr/reconnaissance_mse\n'
                                                 'Depuis 2019, le Réseau des 350 « catalyseurs territoriaux '
                                                 '» (https://catalyseurs territoriaux.org/) anime également '
                                                 'des cycles de 6 webinaires accessibles à tous. En 2023, le '
                                                 'thème est « Ensemble, accompagnons les territoires ». Ces '
                                                 'cycles sont disponibles sur la plateforme de '
                                                 'capitalisation: '
                                                 'https://innovationterritoriale.plateformecapitalisation.org/les '
                                                 'webinaires du reseau'],
                                                ['CEREMA', 'Webinaires sur la compensation carbone'],
                                                ['ANPP',
                                                 'Préférer les webinaires thématisés traitant d’une '
                                                 'thématique précise avec des témoignages des territoires '
                                                 'pour rendre cela attrayant.\n'
                                                 '\n'
                                                 'Ne pas hésiter à programmer des webinaires avec des sujets '
                                                 'émergents qui sortent de l’ordinaire, des bonnes solutions '
                                                 '« à la marge »'],
                                                ['ADEME',
                                                 'Les webinaires d’échanges sur le programme TE pourraient '
                                                 'être diffusés sur COMETE pour élargir le public.'],
                                                ['COMITE 21',
                                                 'Contribution à la construction de webinaires via, par '
                                                 'exemple, la mobilisation de nos adhérents (identification '
                                                 'de retours d’\n'
                                                 'exp érience, appel à contribution\n'
                                                 'sur certaines thématiques…).'],
                                                ['Agence ORE',
                                                 'Là encore, proposer des webinaires conjoints, coportés '
                                                 'et/ou relayer ce qui existe par ailleurs.\n'
                                                 'Créer un « agenda des événements TE » « agenda des '
                                                 'formations TE » etc, qui puissent être facilement relayés '
                                                 'par les partenaires identifiés ci-dessus, et dont la '
                                                 'plupart a également un agenda, avec des canaux de '
                                                 'diffusion propres.\n'
                                                 '\n'
                                                 'Faciliter l’émergence d’événements, ressources bénéficiant '
                                                 'de la mention « promu sur Comète » « organisé avec Comète '
                                                 '»'],
                                                ['UNADEL',
                                                 'L’Unadel mène tous les mois depuis 3 ans des « jeudis du '
                                                 'développement local » en lien avec le CNPFT et ANCT et les '
                                                 'réseaux du développement local. Une synergie peut être '
                                                 'trouvée'],
                                                ['CNCD',
                                                 'Relayer les dates et thématiques des webinaires\n'
                                                 'Apporter une contribution, un partage d’expérience en '
                                                 'sollicitant les membres de notre réseau'],
                                                ['UNCPIE',
                                                 'Proposer des retours d’expériences issu du réseau des CPIE '
                                                 'mettant en lumière des pratiques innovantes de '
                                                 'mobilisation des habitants et des acteurs et '
                                                 'd’accompagnement de territoires dans leur transition '
                                                 'écologique']]},
                             {'position': 6,
                              'title': 'Communiquer sur les retours d’expérience des membres de la '
                                       'communauté',
                              'sub_actions': ['Repérer des actions exemplaires au titre de la transition '
                                              'écologique territoriale portées par les membres'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Attentes fortes de partage d’expérience de territoires à '
                                                 'l’échelle nationale'],
                                                ['Comité de pilotage',
                                                 'Etre relais auprès des acteurs territoriaux non '
                                                 'institutionnelles (citoyens, associations, sphère '
                                                 'économique)'],
                                                ['Comité de pilotage',
                                                 'Réseau Grand Paris Express : enjeux de sobriété foncière, '
                                                 'décarbonation qui sont des enjeux communs à d’autres '
                                                 'territoires. Proposition de partager sur des '
                                                 'expérimentations et projets innovants.'],
                                                ['CC Sauer Pechelbronn',
                                                 'Qu’est-ce qu’une action inspirante\xa0?\n'
                                                 'C une action qu’on a envie de reproduire, qui enchante '
                                                 '(notion d’enchantement qui est importante #on ne protège '
                                                 'que ce que l’on aime)\n'
                                                 'Muttersholtz\xa0: voir cette collectivité qui est très '
                                                 'inspirante selon la CC. \n'
                                                 'Parfois pas l’action qui est inspirante, mais le porteur '
                                                 'de projet.'],
                                                ['Notre Village',
                                                 'Pour chaque membre de la communauté, créer un espace dédié '
                                                 'pour que chacun puisse présenter son activité et son '
                                                 'implication dans la transition écologique au sein des '
                                                 'territoire (texte écrit, vidéos avec power point à '
                                                 'l’appui….)\n'
                                                 'Cela permettra également, à ce que chaque membre connaisse '
                                                 'les actions de l’autre et de fait, de favoriser les '
                                                 'échanges entre la communauté\n'
                                                 'Les témoignages des membres pourraient faire l’objet d’un '
                                                 'webinaire dédié'],
                                                ['27ème région',
                                                 'Idée/recommandation : privilégier des monographies assez '
                                                 'complètes, rentrer dans le détail des projets (y compris '
                                                 'les difficultés rencontrées, voire les échecs) pour que ce '
                                                 'soit vraiment utile aux membres (cf '
                                                 'https://lecoleduterrain.fr/projets/). Confier la rédaction '
                                                 'de ces retex à des membres en mode «\xa0enquêteurs\xa0» '
                                                 '(avec une liste d’éléments/indices à recueillir sur le '
                                                 'projet)'],
                                                ['Le RAMEAU',
                                                 'Dans le cadre de l’étude d’impact 2018\n'
                                                 '2022 pilotée par l’Observatoire des partenariats et '
                                                 'l’Institut pour la Recherche de la Ca isse des Dépôts, '
                                                 'plus de 1.000 exemples inspirants ont été recensés : 650 '
                                                 'exemples de partenariats et 350 écosystèmes territoriaux. '
                                                 'En partena ria t avec Le RAMEAU et la plateforme digitale '
                                                 'Sindup , la base IMPACT Alliances donne accès à l’ensemble '
                                                 'de cette connaissance, ainsi qu’aux « Jeudis de\n'
                                                 'l’ODD 17 » et au bulletin de veille et d’analyse de '
                                                 'l’innovation sociétale qui capitalise depuis 2014 plus de '
                                                 '5.000 articles. A partir de mars 2023, cette base est '
                                                 'animée par un mini webinaire d’embarquement à la '
                                                 '(re)découverte de la base pour en redécouvrir les '
                                                 'fonctionnalité s, de 9h à 9h30, tous les derniers '
                                                 'vendredis du mois.\n'
                                                 'https://observatoire des partenariats.fr/base impact '
                                                 'alliances'],
                                                ['CEREMA',
                                                 'A organiser mais la présence sur le terrain du Cerema '
                                                 'permet de d’identifier de nombreuses actions, notamment '
                                                 'sur l’adaptation au CC dans le cadre du CRACC = '
                                                 'coordination à imaginer'],
                                                ['ANPP',
                                                 'ANPP – Territoires de projet compile les retours '
                                                 'd’expériences et les bonnes pratiques des Territoires de '
                                                 'projet. Nous nous efforçons de produire du contenu autour '
                                                 'des actions des PETR/Pays. Ce contenu pourrait être servir '
                                                 'de matière à la communauté'],
                                                ['ADEME',
                                                 'fournir les liens aux plateformes existantes de l’ADEME de '
                                                 'ressources pour les collectivités.'],
                                                ['Agence ORE',
                                                 'S’appuyer sur des acteurs tels que des associations d’élus '
                                                 'et OpenData France.\n'
                                                 'S’appuyer sur les réseaux d’appui tels que le RARE (réseau '
                                                 'des agences régionales énergie climat)\n'
                                                 'Identifier des acteurs prêts à faire bénéficier de leur '
                                                 'retour sur un sujet précis (y compris en passant du temps '
                                                 'à accompagner 1 structure, 1 collectivité) et faciliter '
                                                 'les mises en relations B2B'],
                                                ['FVD',
                                                 'Diffuser bonnes pratiques, outils, méthodes, '
                                                 'démonstrateurs auprès du réseau de FVD dans le cadre des '
                                                 'GT, Ateliers territoriaux et sur le Portail FVD, NL, RS'],
                                                ['UNCPIE',
                                                 'Proposer des retours d’expériences issu du réseau des CPIE '
                                                 'mettant en lumière des pratiques innovantes de '
                                                 'mobilisation des habitants et des acteurs et '
                                                 'd’accompagnement de territoires dans leur transition '
                                                 'écologique']]}]},
                {'position': 4,
                 'title': 'Contribuer à la résolution collective de problèmes rencontrés localement dans la '
                          'mise en œuvre de la transition écologique, avec la possibilité d’expérimenter des '
                          'solutions, et d’éclairer l’évolution des normes',
                 'actions': [{'position': 7,
                              'title': 'Lancer un diagnostic amont avec des territoires volontaires',
                              'sub_actions': ['Initier de façon expérimentale une démarche d’accompagnement '
                                              'd’un territoire par un territoire pair pour réaliser son '
                                              'diagnostic',
                                              'Réaliser pour ce faire un appel à volontariat au bénéfice de '
                                              'territoires déjà initiés'],
                              'description': 'Cette action est menée directement en partenariat entre la '
                                             'Fabrique des transitions et le Commissariat général au '
                                             'développement durable.',
                              'contributions': [['FDT',
                                                 'Proposer des diagnostics systémiques sensibles\n'
                                                 'Former les membres de la communauté à la réalisation de '
                                                 'tel diagnostics\n'
                                                 'Formation action à l’autodiagnostic systémique sensible '
                                                 'pour élus et agents \n'
                                                 'Partager les leçons de tels disgnostics sensibles'],
                                                ['Le RAMEAU',
                                                 'Dans le cadre du Fonds ODD 17, créé en 2020 pour financer '
                                                 'l’ingénierie d’alliance en territoire, une diversité '
                                                 'd’approche des\n'
                                                 'di agnostics territoriaux a été soutenue afin de qualifier '
                                                 'les méthodes les plus adaptées selon la maturité des '
                                                 'territoires et leur(s) ang le( s) de priorités selon leur '
                                                 'Projet de territoire. Des données objectives et '
                                                 'qualitatives des études de l’Observatoire des partenariats '
                                                 'aux « Récits de territoire » accompagnés par des '
                                                 'initiatives telles que la Compagnie des Autres, les '
                                                 'retours d’expérience sont nombreux et conclusifs sur la '
                                                 'valeur de l’ODD 17 en pratiques, tant en termes de '
                                                 'création de valeur que de frugalité des moyens '
                                                 'mobilisés..\n'
                                                 'Pour aller plus loin : exemples de retours d’expérience du '
                                                 'Fonds ODD 17 :\n'
                                                 'https://odd17.org/le fonds odd 17'],
                                                ['27ème région',
                                                 'Une recherche-action inter-territoriale pour explorer et '
                                                 'mettre en test de nouvelles approches du développement '
                                                 'économique local,\xa0 orientées au service d’objectifs de '
                                                 'justice sociale et de lutte contre le changement '
                                                 'climatique.'],
                                                ['CEREMA',
                                                 'Cerema partant dans le cadre notamment de son partenariat '
                                                 'avec la Fabrique'],
                                                ['ANPP',
                                                 'Des territoires volontaires pourraient être trouvés au '
                                                 'sein du réseau de l’association.'],
                                                ['ADEME',
                                                 'Dans le cadre du programme TE , nous pourrions faire cette '
                                                 'appel à volontariat d’un parainage de collectivités 3,4 ou '
                                                 '5* pour échanger avec une collectivité paire débutante au '
                                                 'niveau élus et services techniques.'],
                                                ['COMITE 21',
                                                 'Soutien de ces initiatives par la mobilisation de nos '
                                                 'adhérents, et apport d’expertise éventuel sur les '
                                                 'dynamiques de dialogue et mobilisation multiacteurs.'],
                                                ['UNADEL',
                                                 'Ok. A voir comment articuler cela avec notre dispositif '
                                                 'des écoutes territoriales qui est mené depuis 2014.'],
                                                ['UNCPIE',
                                                 'Relayer l’appel à volontariat auprès du réseau des CPIE\n'
                                                 'Mobiliser le cas échéant les CPIE des territoires '
                                                 'concernés par l’expérimentation pour qu’ils puissent s’y '
                                                 'associer s’ils le souhaitent']]},
                             {'position': 8,
                              'title': 'Appuyer l’identification des solutions',
                              'sub_actions': ['Mise à disposition d’un forum à la Communauté répondant aux '
                                              'questionnements des membres',
                                              'Identifier des leviers et solutions pour des sujets '
                                              'prioritaires'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Attentes fortes forte des membres du COPIL de soutien, '
                                                 'd’espace d’échanges et de questionnements pour répondre à '
                                                 'des problématiques précises vis-à-vis de COMETE'],
                                                ['CC Pays d’Évian',
                                                 'Un webinaire sur les difficultés de mettre en oeuvre un '
                                                 'projet et les stratégies pour s’en sortir -> Témoignages '
                                                 'sur “comment répondre” “comment argumenter” etc. En lien '
                                                 'avec les outils de conduite du changement\xa0: aller '
                                                 'au-delà des solutions purement techniques.'],
                                                ['CC Haute Lande',
                                                 'Positionner COMETE comme courroie de transmission de '
                                                 'blocages législatifs / réglementaires'],
                                                ['Notre Village',
                                                 'Forum existant mais pas assez vivant du fait peut-être que '
                                                 'peu d’acteurs territoriaux connaissent la plateforme '
                                                 'COMETE\n'
                                                 'Pouvoir laisser l’opportunité aux acteurs de territoires '
                                                 'de soumettre leur interrogation afin qu’un membre de la '
                                                 'communauté puisse y répondre'],
                                                ['27ème région',
                                                 'Idée/recommandation : en complément du forum, des formats '
                                                 'courts de co-développement entre pairs'],
                                                ['Le RAMEAU',
                                                 'Sur la base des retours d’expériences du Réseau des 350 «\n'
                                                 'catalyseurs territoriaux », créé en 2014, une animation '
                                                 'd’une Communau té d’acteurs aux profils très différents '
                                                 'pourrait être établie.\n'
                                                 'La Fondation des Territoires est à l’écoute des '
                                                 'initiatives qui nécessitent de soutenir des écosystèmes '
                                                 'qui n’ont pas l’habitude de travailler ensemble, et qui '
                                                 'passent de « l’entre soi » à « l’entre tous » dans le '
                                                 'cadre des Projets de territoire qui mobilisent toutes les '
                                                 'énergies locales.'],
                                                ['ANPP',
                                                 'Nous pourrions être amenés à poser des questions / '
                                                 'participer au forum.'],
                                                ['CEREMA',
                                                 'Contribution à des réponses sous la communauté '
                                                 'Expertise.territoire'],
                                                ['ADEME',
                                                 'espace collaboratif national existant du programme TE'],
                                                ['Agence ORE',
                                                 'Pour \n'
                                                 'contribuer efficacement à la résolution collective\n'
                                                 'éviter les sursollicitations qui risquent de « décourager '
                                                 '»\n'
                                                 'il est important que des experts par thématiques puissent '
                                                 'être identifiés et sollicités lorsqu’ils sont concernés. \n'
                                                 'Chaque question doit en tout cas être, dans la mesure du '
                                                 'possible, « taggée » pour faciliter la dynamique, les '
                                                 'croisements et au final l’intérêt collectif.'],
                                                ['UNADEL',
                                                 'Afin de ne pas démultiplier les comptes etc, nécessitant '
                                                 'une démarche de connexion spécifique, voir comment '
                                                 'utiliser les comptes et outils existants permettant de '
                                                 'répondre aux objectifs d’un forum (page Facebook privée '
                                                 'par exemple ?)'],
                                                ['UNCPIE',
                                                 'Contribuer à l’identification de leviers et solutions sur '
                                                 'des sujets et dans des registres traités par le réseau des '
                                                 'CPIE, en s’appuyant sur l’expertise de personnes '
                                                 'référentes de CPIE'],
                                                ['Deep In Work (conseil) – Mathilde Dehame',
                                                 'Réaliser une étude de terrain pour recueillir les '
                                                 'expériences passées des territoires en la matière et '
                                                 'capitaliser sur ce qui fonctionne bien ou non, comprendre '
                                                 'les freins en profondeur à l’aide d’études plus poussées '
                                                 'sur des chantiers à identifier en commun, pour identifier '
                                                 'des solutions.']]}]},
                {'position': 5,
                 'title': 'Soutenir le dialogue entre les acteurs des territoires pour construire une '
                          'approche globale de la transition écologique territoriale',
                 'actions': [{'position': 9,
                              'title': 'Conforter les espaces d’échanges communautaires',
                              'sub_actions': ['Administrer la plateforme de la Communauté en favorisant les '
                                              'échanges en ligne avec le forum sur Expertises-territoires',
                                              'Multiplier les temps en présentiel destinés aux membres',
                                              'Journée annuelle de la Communauté'],
                              'description': '',
                              'contributions': [['Comité de pilotage',
                                                 'Le Forum, s’il est intéressant pour partager des '
                                                 'ressources en ligne, ne doit pas recréer du contenu '
                                                 'existant par ailleurs mais rediriger vers ce qui existe '
                                                 'déjà. Peut-il devenir le «\xa0hub\xa0» de ressources ? Ou '
                                                 'alors se régionaliser ?'],
                                                ['FNCAUE',
                                                 'Accueil en Ardèche\xa0? Au Chablais (Haute-Savoie)\xa0?'],
                                                ['Ville de Cergy',
                                                 'Organiser des temps de codéveloppement / intelligence '
                                                 'collective sur un sujet précis.'],
                                                ['Ville de Cergy',
                                                 'Renforcer les liens avec les réseaux régionaux, ex\xa0: '
                                                 'TEDDIF'],
                                                ['CC Sauer-Pechelbronn',
                                                 'Pour associer au delà des réunions et renforcer les liens '
                                                 'interpersonnels, prévoir des temps propres à la '
                                                 'communauté'],
                                                ['CC Grand Autunois',
                                                 'Articuler l’échelle d’action de COMETE avec celle des '
                                                 'réseaux régionaux'],
                                                ['CC Grand Autunois',
                                                 'Le recours aux plateformes se fait pour des questions '
                                                 'précises, à l’intérêt du forum de COMETE plus '
                                                 'transversal\xa0?'],
                                                ['CC Grand Autunois',
                                                 'Organiser des voyages d’études sur des sujets précis in '
                                                 'situ afin d’apprécier le contexte local et répondre au '
                                                 'plus des près des territoires'],
                                                ['CC Grand Autunois',
                                                 'Pour faciliter les échanges, l’idéal serait de connaître '
                                                 'les points forts, thématiques principales des territoires '
                                                 'membres (enquête\xa0?)'],
                                                ['Notre Village',
                                                 'Les rencontres en présentielles seraient accessibles pour '
                                                 'les membres présents sur place, mais cela «\xa0'
                                                 'discriminerait\xa0» ceux qui ne peuvent pas de se déplacer '
                                                 'à chaque réunion\n'
                                                 'Ou alors proposer des temps en présentiel un peu partout '
                                                 'en France, une fois dans telle région, une autre fois dans '
                                                 'telle autre \n'
                                                 'Journée annuelle pouvant en revanche, être réalisée en '
                                                 'présentiel'],
                                                ['Le RAMEAU',
                                                 'Le Réseau des catalyseurs territoriaux en partenariat avec '
                                                 'la Fondation des Territoires organisent chaque année, la '
                                                 '«\n'
                                                 'Rencontre des pionniers des alliances en Territoire ». '
                                                 'Elle réunit une diversité d’acteurs engagés dans des '
                                                 'dynamiques d’alliances locales qui souhaiten t échanger '
                                                 'sur leurs enjeux et pratiques, et qui souhaitent enrichir '
                                                 'leurs réflexions et réseaux.\n'
                                                 'Cette rencontre permet de mobiliser une diversité de '
                                                 'réseaux publics, privés, associatifs, académiques.\n'
                                                 'La prochaine aura lieu le 4 juillet 2023 à Paris'],
                                                ['CEREMA', 'Participation et contribution actives du Cerema'],
                                                ['ANPP',
                                                 'A sonder la volonté des territoires de participer à des '
                                                 'temps d’échanges. Nous suivrons cela avec attention.\n'
                                                 '\n'
                                                 'Nous participerons à la journée annuelle.'],
                                                ['Agence ORE',
                                                 'Permettre la mise en relation d’interlocuteurs \n'
                                                 'Souhaitant initier un projet sur un sujet précis\n'
                                                 'Avec des interlocuteurs prêts à partager leur expérience '
                                                 'sur un projet similaire\n'
                                                 '\n'
                                                 'Modalités à étudier : en ligne (asynchrone) / en '
                                                 'organisant des journées dédiées / lors de RDV présentiel'],
                                                ['UNADEL',
                                                 'Oui aux rencontres en présentiel ! Réunir les membres de '
                                                 'la communauté de façon tournante lors des événements des '
                                                 'membres (ex: journées des territoires de l’Unadel) plutôt '
                                                 'que de créer une journée spécifique ?'],
                                                ['UNCPIE',
                                                 'Participer à la journée annuelle de la communauté']]},
                             {'position': 10,
                              'title': 'Développer les outils numériques pour les mettre au service de la '
                                       'stratégie',
                              'sub_actions': ['Développer les fonctions existantes de la plateforme et '
                                              'encourager leur usage (création d’un annuaire des membres)',
                                              'Maintenir le lien technique entre la plateforme COMETE et '
                                              'Expertises-territoires'],
                              'description': '',
                              'contributions': [['FNCAUE',
                                                 'Identifier un petit groupe chargé des relances et du '
                                                 'soutien humain à l’usage de la plateforme. FNCAUE '
                                                 'disponible pour cela'],
                                                ['Notre Village',
                                                 'Rendre plus visibles les divers membres de la communauté '
                                                 'en les structurant en fonction de la nature de leur '
                                                 'organisation (associations, ministères, services '
                                                 'déconcentrés de l’Etat, collectivités territoriales…), les '
                                                 'localiser (cartographie) et bien définir leur activité'],
                                                ['FNCAS',
                                                 'FNCAS propose de participer à la promotion de la '
                                                 'plateforme et de son partage auprès des établissements. '
                                                 'Nous pouvons envisager de le faire en lien avec le haut '
                                                 'fonctionnaire au développement durable de l’ESR.\n'
                                                 'Dans ce contexte d’approche globale, il convient de '
                                                 'veiller à ce que le pilier social et sociétal fasse '
                                                 'toujours partie intégrante de l’ensemble des réflexions, '
                                                 'car c’est lui qui permettra l’atteinte des objectifs de '
                                                 'DD'],
                                                ['Le RAMEAU',
                                                 'Fort de l’expérience de gestion de 18 espaces numériques '
                                                 'depuis près d’une décennie, dont la plateforme « '
                                                 'l’innovation territori ale en actions » en 2018, l’espace '
                                                 '« Alliances & Territoires » du Ministère de l’Education '
                                                 'Nationale en 2020 et la plateforme odd17.org en 2021, Le '
                                                 'RAMEAU peut contribuer à un retour d’expériences sur les '
                                                 'moyens de faciliter les parcours d’usage.\n'
                                                 'De plus, en 7 ans, ce sont plus de 5 M€ qui ont été '
                                                 'investis dans la capitalisation et la diffusion des '
                                                 'M.E.D.O.C. (Méthodes, Exemples,\n'
                                                 'Données, Outils & Compétences ) qui contribuent à l’ODD 17 '
                                                 'en pratiques au c oe ur des Territoires qui incarnet « '
                                                 'l’intérêt général à portée demain ».\n'
                                                 'Après le partenariat avec le Ministère de l’Education '
                                                 'Nationale, et celui avec le CEREMA autour d’Expertises '
                                                 'Territoires, Le\n'
                                                 'RAM EAU serait heureux d’envisager un partenariat plus '
                                                 'structurel avec le CGDD comme il l’a proposé au '
                                                 'Commissaire Général le 24 mars 2023.'],
                                                ['ANPP',
                                                 'Renforcer la transversalité entre les différentes espaces '
                                                 'd’échange, sources d’informations. Aller dans une logique '
                                                 'de centralisation et de simplification d’accès.'],
                                                ['ADEME',
                                                 'la plateforme du programme TE permet à tous les epci de '
                                                 'réaliser son programme d’action TE sur les champs ECi et '
                                                 'CAE. Elle est ouverte et gratuite pour les membres de '
                                                 'COMETE.'],
                                                ['Agence ORE',
                                                 'Permettre le développement de l’usage de la communauté à '
                                                 'travers un portage par les membres et partenaires (=> leur '
                                                 'fournir les outils pour le faire, pour promouvoir Comète '
                                                 'auprès de leurs contacts)\n'
                                                 'Maintenir le lien Comète / expertises-territoires semble '
                                                 'intéressant, pour aller au-delà il pourrait être utile de '
                                                 'voir quels autres outils ou ressources pourraient être '
                                                 'mieux valorisés voire intégrés ou avec lesquels des ponts '
                                                 'pourraient être construits (liens croisés ? Intégration à '
                                                 'moyen ou terme ? Évolution conjointe ?) \n'
                                                 'A titre d’exemple, l’Agence ORE anime un forum pour les '
                                                 'utilisateurs des données open data électricité et gaz, et '
                                                 'identifie les experts les mieux à même d’apporter des '
                                                 'réponses. Ces données étant utiles pour les phases de '
                                                 'diagnostic de transition écologique, ce forum peut '
                                                 'intéresser des collectivités.']]}]}]}

WORKSHOPS = [{'title': 'Enjeu 1 : Mobiliser et faire collaborer TOUS les acteurs du territoire',
  'held_on': '2021-03-02',
  'registered_count': 20,
  'introduction': 'Atelier du 2 mars 2021 (matin), 20 territoires inscrits.\n'
                  '\n'
                  "Objectifs : 🎯 travailler en groupe d'acteurs concernés sur de premières pistes de "
                  'solutions ; 🎯 démontrer le potentiel de co-construction et initier des communs.\n'
                  '\n'
                  'La méthode : 1. partage de réalisations inspirantes par les territoires — les acteurs des '
                  "territoires participants (agents de la collectivité, de l'Etat, élus, porteurs de "
                  'projet...) échangent autour de 5 à 10 initiatives inspirantes en lien avec le thème de la '
                  'session et en sélectionnent 2 ou 3 pour aller plus loin ; 2. décomposition de '
                  "l'initiative et remise en perspective dans d'autres contextes ; 3. travail de design "
                  '(post-production).',
  'next_steps': 'Les ateliers seront restitués et donneront lieu à des activités durant la journée du 23 '
                'mars.\n'
                '\n'
                'Les designers du collectif Bam, présents en séance, exploitent la matière obtenue pour '
                'restituer quelques concepts consolidés à partager entre territoires.',
  'initiatives': [{'title': 'Pays de Grasse', 'territory_label': 'Pays de Grasse', 'description': ''},
                  {'title': "Communauté d'agglomération Rochefort Océan",
                   'territory_label': "Communauté d'agglomération Rochefort Océan",
                   'description': ''},
                  {'title': 'Grand Besançon Métropole',
                   'territory_label': 'Grand Besançon Métropole',
                   'description': ''},
                  {'title': 'TransitionS en Sicoval', 'territory_label': 'Sicoval', 'description': ''},
                  {'title': 'Pays du Gévaudan-Lozère',
                   'territory_label': 'Pays du Gévaudan-Lozère',
                   'description': ''},
                  {'title': "Pays d'Evian Vallée d'Abondance",
                   'territory_label': "Pays d'Evian Vallée d'Abondance",
                   'description': ''}],
  'proposals': []},
 {'title': 'Enjeu 2 : Financement collectif de la transition',
  'held_on': '2021-03-09',
  'registered_count': 20,
  'introduction': "Atelier du 9 mars 2021 (matin), 20 territoires inscrits. Même méthode que l'enjeu 1 : "
                  'partage de réalisations inspirantes, sélection de 2 ou 3 initiatives, décomposition puis '
                  'remise en perspective.',
  'next_steps': 'Les ateliers seront restitués et donneront lieu à des activités durant la journée du 23 '
                'mars.\n'
                '\n'
                'Les designers du collectif Bam, présents en séance, exploitent la matière obtenue pour '
                'restituer quelques concepts consolidés à partager entre territoires.',
  'initiatives': [{'title': 'Pays du Gévaudan-Lozère',
                   'territory_label': 'Pays du Gévaudan-Lozère',
                   'description': ''},
                  {'title': 'Fonds de participation du Contrat de Transition Ecologique du Grand Compiégnois',
                   'territory_label': 'Agglomération de la Région de Compiègne',
                   'description': 'Pour aider les associations et le monde scolaire à contribuer à la '
                                  'transition écologique, l’Agglomération de la Région de Compiègne a mis en '
                                  'place un fonds de participation. Le fonds est d’un montant total de 50 '
                                  '000 € répartis sur 3 ans (de 2021 à 2023), il permettra de contribuer '
                                  'financièrement à un projet lauréat dans la limite de 1 500 €, à hauteur '
                                  'de 50 % maximum du plan de financement global. Les actions peuvent entrer '
                                  'dans ces cadres : création de jardins partagés en permaculture, animation '
                                  'de sensibilisation à la protection de la biodiversité, événement sur '
                                  'l’écologie, observatoire de la biodiversité, outil pour partager des '
                                  'astuces pour protéger la planète, animation sur la cuisine Zéro déchet et '
                                  'locale, projet de valorisation de déchets / d’invendus en circuits '
                                  'courts, projet pour favoriser l’usage du vélo...'},
                  {'title': 'Stratégie du Bon Achat (SBA)',
                   'territory_label': 'Territoire de la Côte Ouest de la Réunion (TCO)',
                   'description': 'Inspiré des "Small Business Act" aux Etats-Unis, le SBA s\'intéresse à la '
                                  'manière de faciliter la participation des entreprises locales vertueuses '
                                  'et innovantes à la commande publique territoriale. Le code des marchés '
                                  "publics permet une telle approche mais il est essentiel que l'acheteur "
                                  "public territorial dispose d'une Stratégie du Bon Achat. La SBA vise à : "
                                  '- rendre visible et lisible la commande publique - consulter les filières '
                                  'locales dans la construction de la commande publique (notamment pour '
                                  "favoriser les circuits courts et l'innovation territoriale, prévenir le "
                                  'dumping social...) - former les acteurs (acheteurs et offreurs) pour '
                                  'moderniser la commande publique. La SBA est un bon moyen pour intégrer '
                                  'des clauses de responsabilité environnementale et sociale en '
                                  "collaboration avec les acteurs du territoire pour s'assurer de leur bonne "
                                  'appropriation'},
                  {'title': 'Aides-territoires',
                   'territory_label': '',
                   'description': "Aides-territoires facilite la recherche d'aides des collectivités "
                                  'territoriales et de leurs partenaires locaux (associations, '
                                  'établissements publics, entreprises, agriculteurs) en rendant visibles et '
                                  "accessibles tous les dispositifs financiers et d'ingénierie auxquels ils "
                                  'peuvent prétendre.'},
                  {'title': 'Intracting pour les petites et moyennes collectivités',
                   'territory_label': 'Territoire Terres de Lorraine',
                   'description': "L’action consiste à expérimenter le dispositif d'intracting proposé par "
                                  'la Caisse des Dépôts et Consignations au niveau de petites et moyennes '
                                  'collectivités locales. Le principe : financer les travaux d’économies '
                                  'd’énergie (bâtiment et éclairage public) par les économies d’énergie '
                                  'générées sous forme d’une avance remboursable avec un taux proche de '
                                  'zero. Il permet de : - Massifier les petits travaux d’économie d’énergie '
                                  'par un dispositif technique et financier « clés en main » adapté aux '
                                  'petites collectivités - Proposer un dispositif de financement '
                                  'complémentaire aux dispositifs existants ( subventions, ...) - Mobiliser '
                                  'les collectivités locales sur des petits travaux de performance '
                                  'énergétique efficaces avec des temps de retour courts (inférieur à 10 -13 '
                                  'ans)'}],
  'proposals': [{'group': 'Sous-groupe Grand Compiégnois',
                 'orientation': 'Aider les associations et le monde scolaire à contribuer à la transition '
                                'écologique',
                 'action': "Mettre en place un fonds de participation : 50 000 € répartis sur 3 ans, jusqu'à "
                           '1 500 € par projet lauréat, à hauteur de 50 % maximum du plan de financement '
                           'global',
                 'objectives': 'Jardins partagés en permaculture, sensibilisation à la protection de la '
                               'biodiversité, cuisine zéro déchet et locale, valorisation de déchets et '
                               "d'invendus en circuits courts, usage du vélo"},
                {'group': 'Sous-groupe TCO',
                 'orientation': 'Faciliter la participation des entreprises locales vertueuses et innovantes '
                                'à la commande publique territoriale',
                 'action': "Doter l'acheteur public territorial d'une Stratégie du Bon Achat : rendre "
                           'visible et lisible la commande publique, consulter les filières locales, former '
                           'les acheteurs et les offreurs',
                 'objectives': "Favoriser les circuits courts et l'innovation territoriale, prévenir le "
                               'dumping social, intégrer des clauses de responsabilité environnementale et '
                               'sociale'},
                {'group': 'Sous-groupe TCO',
                 'orientation': 'Moderniser la commande publique avec les acteurs du territoire',
                 'action': 'Intégrer des clauses de responsabilité environnementale et sociale en '
                           'collaboration avec les acteurs du territoire',
                 'objectives': "S'assurer de la bonne appropriation des clauses par les acteurs du "
                               'territoire'},
                {'group': 'Sous-groupe Aides-territoires',
                 'orientation': 'Rendre visibles et accessibles tous les dispositifs financiers et '
                                "d'ingénierie",
                 'action': "Faciliter la recherche d'aides des collectivités territoriales et de leurs "
                           'partenaires locaux (associations, établissements publics, entreprises, '
                           'agriculteurs)',
                 'objectives': 'Que chaque collectivité trouve les aides auxquelles elle peut prétendre'},
                {'group': 'Sous-groupe Terres de Lorraine',
                 'orientation': "Financer les travaux d'économies d'énergie par les économies d'énergie "
                                'générées',
                 'action': "Expérimenter l'intracting de la Caisse des Dépôts et Consignations (avance "
                           'remboursable à taux proche de zéro) dans les petites et moyennes collectivités, '
                           "pour le bâtiment et l'éclairage public",
                 'objectives': "Massifier les petits travaux d'économie d'énergie avec un dispositif « clés "
                               'en main » ; proposer un financement complémentaire aux subventions ; '
                               'mobiliser les collectivités sur des travaux aux temps de retour courts'}]}]
# fmt: on
