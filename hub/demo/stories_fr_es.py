"""Demo success stories written in French and in Spanish."""

from hub.demo.blocks import StoryBlock

STORIES_FR_ES: tuple[StoryBlock, ...] = (
    StoryBlock(
        "eau-story",
        "L'eau au village : le forage de {city} un an après",
        "Un an après la mise en service du forage, les villages autour de {city} ont l'eau "
        "potable à moins de dix minutes de marche.",
        "Autour de {city}, les femmes et les filles passaient plusieurs heures par jour à "
        "puiser une eau souvent contaminée, et les diarrhées infantiles étaient fréquentes.",
        "Les membres {of_org} ont cotisé pendant deux ans pour financer le forage, le château "
        "d'eau et les bornes-fontaines, en lien avec la commune. Un comité de gestion, "
        "composé pour moitié de femmes, a été formé à la tenue des comptes.",
        "Les familles ont désormais l'eau à proximité, les filles arrivent à l'heure à "
        "l'école et le dispensaire signale moins de diarrhées chez les enfants.",
        "Associer la commune dès le départ a évité que l'ouvrage reste sans propriétaire. "
        "Le prix de l'eau, fixé par le comité, finance les réparations.",
        ("climate", "gender", "remittances"), action="eau-potable", language="fr",
    ),
    StoryBlock(
        "reinsertion-story",
        "Revenir et recommencer à {city}",
        "Accompagnés à leur retour, d'anciens migrants ont ouvert des ateliers et des "
        "commerces à {city}.",
        "Beaucoup de migrants revenus à {city} après un parcours difficile vivaient leur "
        "retour comme un échec et se retrouvaient sans ressources ni soutien.",
        "{The_org} les a accueillis, leur a proposé un suivi psychosocial et une formation, "
        "puis a financé le démarrage d'activités : couture, mécanique, petit élevage, "
        "restauration.",
        "La plupart des activités créées fonctionnent encore un an plus tard, et plusieurs "
        "bénéficiaires emploient aujourd'hui des jeunes du quartier.",
        "Le soutien psychosocial n'est pas un supplément : sans lui, les projets "
        "économiques tiennent rarement.",
        ("return", "skills"), action="reinsertion", language="fr",
    ),
    StoryBlock(
        "solaire-story",
        "La lumière sans pétrole à {city}",
        "Grâce à l'apport de leurs proches à l'étranger, des familles de {city} s'éclairent "
        "désormais à l'énergie solaire.",
        "À {city}, de nombreuses familles s'éclairaient à la lampe à pétrole, coûteuse et "
        "dangereuse, et les élèves révisaient difficilement le soir.",
        "Avec {the_org}, des membres de la diaspora ont payé l'apport initial d'un kit solaire "
        "pour leur famille, qui rembourse le reste par petites mensualités sur mobile. Des "
        "techniciens locaux installent et entretiennent les kits.",
        "Les familles équipées ne dépensent plus rien en pétrole, les enfants étudient le "
        "soir et de petits commerces restent ouverts après la tombée de la nuit.",
        "Former des techniciens sur place a été décisif : une panne réparée en un jour "
        "maintient la confiance.",
        ("climate", "remittances"), action="kits-solaires", language="fr",
    ),
    StoryBlock(
        "obras-story",
        "La obra que construyeron juntos en {city}",
        "Con aportaciones de la diáspora y fondos públicos, la comunidad de {city} eligió y "
        "vigiló su propia obra.",
        "En {city}, la comunidad llevaba años pidiendo un aula y una red de agua que nunca "
        "llegaban al presupuesto municipal.",
        "{The_org} reunió las aportaciones de los paisanos en Estados Unidos y las sumó a los "
        "fondos del municipio y del estado. La asamblea eligió la obra y un comité de "
        "vecinos revisó cada factura.",
        "La obra se terminó en el plazo previsto y el comité presentó las cuentas en "
        "asamblea. Hoy los niños estudian en aulas nuevas y el agua llega a las casas.",
        "La transparencia fue la clave: los migrantes siguieron aportando porque vieron "
        "adónde iba cada peso.",
        ("investment", "remittances"), action="obras-comunitarias", language="es",
    ),
    StoryBlock(
        "artesanas-story",
        "Tejer y vender sin intermediarios en {city}",
        "Con capital semilla y nuevos canales de venta en España, las artesanas de {city} "
        "ganan más por su trabajo.",
        "Las artesanas de {city} vendían sus tejidos a intermediarios que pagaban poco y "
        "tarde.",
        "{The_org} aportó capital semilla y asesoría en diseño, y la diáspora abrió canales de "
        "venta directa en ferias y tiendas de comercio justo en España.",
        "Los ingresos de las artesanas aumentaron de forma notable y varios grupos ya "
        "venden por su cuenta en línea.",
        "El acceso a mercados pesa más que el crédito: sin compradores, el capital no "
        "alcanza.",
        ("gender", "culture"), action="artesanas", language="es",
    ),
)
