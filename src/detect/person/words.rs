//! Word lists that give context to a name: titles, labels, triggers, and the words
//! that are never a name (or that announce a street, an institution, a law).
//!
//! Every word is folded (lower case, no accents), as `text::fold` writes it.

/// A civilité or title: the name follows, the title is not part of it.
pub(crate) const TITLE: u8 = 1;
/// Never part of a name (function words, months, roles, organisations, headings).
pub(crate) const STOP: u8 = 2;
/// Announces a street, a place or an institution named after a person: what follows
/// is not a person ("rue Victor Hugo", "lycée Jean Moulin", "loi Evin").
pub(crate) const PLACE: u8 = 4;
/// A word after which a name is expected (greetings, "soussigné", "épouse", "par").
pub(crate) const TRIGGER: u8 = 8;
/// A particle inside a name (de, van, ben, el…).
pub(crate) const PARTICLE: u8 = 16;
/// A first name that is also a well-known place (Florence, Lourdes, Nancy): never a
/// name on its own, without context.
pub(crate) const CITY: u8 = 32;
/// A kinship or close-relation noun ("fille", "frère", "voisine"): after a
/// possessive ("ma fille Rose", "son frère, Antoine"), a first name follows.
pub(crate) const KIN: u8 = 64;

#[rustfmt::skip]
const KINS: &[&str] = &[
    "fils", "fille", "filles", "frere", "freres", "soeur", "soeurs", "pere", "mere",
    "mari", "epoux", "epouse", "conjoint", "conjointe", "compagnon", "compagne", "concubin", "concubine",
    "enfant", "enfants", "neveu", "neveux", "niece", "nieces", "oncle", "tante",
    "cousin", "cousine", "cousins", "cousines", "gendre", "belle-fille", "beau-fils",
    "petit-fils", "petite-fille", "petits-enfants", "grand-mere", "grand-pere",
    "beau-pere", "belle-mere", "beau-frere", "belle-soeur", "fiance", "fiancee",
    "ami", "amie", "amis", "amies", "collegue", "collegues", "voisin", "voisine",
    "voisins", "voisines", "bebe", "cadet", "cadette", "aine", "ainee", "femme", "copine",
    "copain", "copines", "copains", "petite-amie", "petit-ami",
];

#[rustfmt::skip]
const CITIES: &[&str] = &[
    "florence", "lourdes", "nancy", "valence", "vienne", "victoria", "sydney", "adelaide",
    "georgia", "virginia", "lorraine", "champagne", "savoie", "angouleme", "orleans",
    "lyon", "avignon", "sienne", "venise", "antibes", "troyes", "vichy", "laval", "albi",
    "agen", "auch", "dax", "pau", "tulle", "gap", "foix", "sens", "alexandrie", "jerusalem",
    "bethleem", "india", "chine", "china", "kenya", "jordanie", "syrie", "lybie", "libye",
    "reunion", "guyane", "martinique", "guadeloupe", "mayotte", "marseille", "nice",
    "cannes",
];

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "m", "mr", "mme", "mmes", "mlle", "mlles", "melle", "mm", "monsieur", "madame",
    "mademoiselle", "messieurs", "mesdames", "me", "maitre", "dr", "docteur", "docteure",
    "pr", "professeur", "professeure", "mgr", "monseigneur", "sieur",
    // ranks of the police, the gendarmerie and the army ("le brigadier-chef Picard")
    "capitaine", "lieutenant", "lieutenante", "sous-lieutenant", "lieutenant-colonel",
    "commandant", "colonel", "adjudant", "adjudante", "adjudant-chef", "brigadier",
    "brigadiere", "brigadier-chef", "sergent", "sergente", "sergent-chef", "caporal",
    "caporal-chef", "gendarme", "major", "commissaire", "inspecteur", "inspectrice",
];

#[rustfmt::skip]
const STOPS: &[&str] = &[
    // function words
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "en", "au",
    "aux", "a", "ce", "cet", "cette", "ces", "il", "ils", "elle", "elles", "je", "tu",
    "nous", "vous", "on", "pour", "par", "sur", "sous", "dans", "avec", "sans", "chez",
    "selon", "si", "mais", "donc", "or", "ni", "car", "que", "qui", "quoi", "quand",
    "comme", "lors", "entre", "vers", "depuis", "apres", "avant", "contre", "pendant",
    "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "votre", "nos",
    "vos", "leur", "leurs", "tout", "tous", "toute", "toutes", "aucun", "aucune", "ne",
    "pas", "plus", "moins", "tres", "bien", "ici", "voici", "voila", "oui", "non", "the",
    "of", "and", "for", "with", "to", "in", "on", "at", "by", "from", "this", "that", "is",
    "it", "an", "see", "also", "you", "if", "not", "all", "new", "use",
    // sentence-initial adverbs and conjunctions ("Puis Marie Durand est venue")
    "puis", "ensuite", "alors", "enfin", "hier", "demain", "aujourd", "cependant",
    "toutefois", "neanmoins", "pourtant", "ainsi", "desormais", "egalement", "soudain",
    "finalement", "heureusement", "malheureusement", "recemment", "auparavant", "lorsque",
    "lorsqu", "puisque", "parce", "afin", "dont", "ou", "quant", "concernant", "suite",
    "entre-temps", "bref", "certes", "sinon", "surtout", "notamment", "meme",
    // form words and headings
    "objet", "date", "nom", "noms", "prenom", "prenoms", "adresse", "tel", "telephone",
    "mail", "email", "e-mail", "courriel", "fax", "ref", "reference", "dossier", "numero",
    "n", "no", "page", "voir", "aussi", "description", "options", "option", "synopsis",
    "exemple", "exemples", "note", "notes", "remarque", "remarques", "attention",
    "important", "merci", "cordialement", "signature", "fiche", "renseignements",
    "situation", "nombre", "total", "montant", "iban", "bic", "rib", "nir", "siret",
    "siren", "tva", "naissance", "ne", "nee", "lieu", "sexe", "nationalite", "profession",
    "code", "postal", "ville", "pays", "commune", "cedex", "bp", "cs", "tsa", "annexe",
    "article", "alinea", "chapitre", "section", "titre", "auteur", "auteurs", "bogues",
    "bugs", "copyright", "licence", "version", "fichier", "fichiers", "environnement",
    "valeur", "retour", "erreurs", "historique", "traduction", "conformite",
    "disponibilite", "name", "author", "authors", "files", "usage", "help", "aide",
    "utilisateur", "linux", "gnu", "debian", "unix", "posix", "windows", "manuel",
    "programmeur", "commandes", "commande", "bonjour", "bonsoir", "salut", "cher", "chere",
    "chers", "cheres", "veuillez", "agreer", "salutations",
    // months and days
    "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
    // roles
    "prefet", "prefete", "prefecture", "directeur", "directrice", "president", "presidente",
    "maire", "adjoint", "adjointe", "juge", "procureur", "greffier", "greffiere",
    "ministre", "conseiller", "conseillere", "secretaire", "general", "generale", "chef",
    "responsable", "agent", "gestionnaire", "administrateur", "commissaire", "capitaine",
    "lieutenant", "colonel", "sergent", "brigadier", "gendarme", "officier", "avocat",
    "avocate", "notaire", "huissier", "expert", "depute", "senateur", "recteur", "doyen",
    "inspecteur", "inspectrice", "comptable", "tresorier", "medecin", "infirmier",
    "infirmiere", "assistant", "assistante", "client", "cliente", "patient", "patiente",
    "dame", "epoux", "epouse", "veuve", "veuf", "demoiselle", "enfant", "enfants", "pere",
    "mere", "fils", "fille",
    // organisations and public bodies
    "caf", "cpam", "urssaf", "msa", "cnav", "carsat", "cnaf", "ameli", "pole", "emploi",
    "travail", "credit", "agricole", "societe", "banque", "mutuelle", "assurance",
    "assurances", "maladie", "allocations", "familiales", "securite", "sociale", "tribunal",
    "cour", "ministere", "mairie", "conseil", "departement", "departemental", "region",
    "regional", "etat", "gouvernement", "union", "europeenne", "nationale", "national",
    "assemblee", "senat", "republique", "francaise", "francais", "france", "sa", "sas",
    "sarl", "eurl", "sci", "sasu", "snc", "scp", "selarl", "selas", "selafa", "selca",
    "aarpi", "scop", "scea", "gaec", "earl", "gie", "cabinet", "associes", "gmbh", "inc",
    "ltd", "llc", "impots", "finances", "publiques",
    "tresor", "public", "publique", "direction", "service", "services", "bureau", "agence",
    "caisse", "centre", "office", "sfr", "bouygues", "free", "edf", "gdf", "engie", "sncf",
    "ratp", "la poste", "poste", "postale", "mutualite", "retraite", "retraites",
    "complementaire", "groupe", "compagnie", "association", "federation", "syndicat",
    "entreprise", "cabinet", "armee", "terre", "air", "police", "gendarmerie", "justice",
    "sante", "education", "interieur", "cassation", "appel", "instance", "prud'hommes",
    "conseil d'etat", "cnil", "rgpd", "ue", "eu", "onu", "insee", "dgfip", "ursaff",
    // places often capitalised in prose
    "paris", "lyon", "marseille", "toulouse", "nice", "nantes", "strasbourg", "montpellier",
    "bordeaux", "lille", "rennes", "reims", "toulon", "grenoble", "dijon", "angers",
    "nimes", "brest", "tours", "limoges", "amiens", "perpignan", "metz", "besancon",
    "orleans", "rouen", "caen", "normandie", "bretagne", "alsace", "provence", "corse",
    "europe", "afrique", "amerique", "asie", "allemagne", "espagne", "italie", "belgique",
    "suisse", "portugal", "maroc", "algerie", "tunisie", "ile-de-france", "loire", "seine",
    "rhone", "garonne", "nord", "sud", "est", "ouest",
];

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "rue", "ruelle", "avenue", "av", "ave", "bd", "bld", "boulevard", "place", "pl",
    "allee", "allees", "impasse", "imp", "chemin", "ch", "quai", "square", "sq", "cours",
    "route", "rte", "passage", "villa", "cite", "residence", "res", "lycee", "college",
    "ecole", "groupe scolaire", "hopital", "chu", "chr", "clinique", "salle", "stade",
    "gymnase", "piscine", "musee", "mediatheque", "bibliotheque", "theatre", "fondation",
    "institut", "universite", "faculte", "loi", "lois", "decret", "amendement", "prix",
    "parc", "jardin", "jardins", "station", "gare", "aeroport", "rond-point", "esplanade",
    "promenade", "parvis", "espace", "maison", "foyer", "ehpad", "pavillon", "batiment",
    "bat", "hameau", "lieu-dit", "porte", "tour", "saint", "sainte", "st", "ste", "metro",
    "eglise", "cathedrale", "chapelle", "abbaye", "chateau", "hotel", "sentier", "voie",
    "faubourg", "fg", "quartier", "complexe", "auditorium", "amphitheatre", "amphi",
    "campus", "palais", "halle", "creche", "syndrome", "theoreme", "effet", "principe",
    "methode", "maladie", "plan", "rapport", "reforme", "collegiale", "centre", "avenues",
    "rues", "boulevards", "bvd", "cite", "mail", "carrefour", "lotissement", "domaine",
    "vallee", "mont", "col", "lac", "ile", "cap", "baie", "fort", "base", "camp", "caserne",
    "prison", "maison d'arret", "tribunal", "lycee professionnel", "groupe hospitalier",
    "pole", "espace", "cinema", "studio", "association", "fondation", "club", "prix",
    "trophee", "coupe", "challenge", "medaille", "ordre", "promotion", "dispositif",
    "programme", "operation", "affaire", "arret", "jurisprudence", "circulaire",
    "ordonnance", "rapport",
    // street types (../shared/data/street_types_fr.tsv, without the words that are
    // also common surnames: moulin, fontaine, bois…)
    "ach", "aer", "aerodrome", "all", "alle", "allee", "allees", "aut", "autoroute", "aven",
    "bassin", "bcle", "ber", "berge", "berges", "bld", "blvd", "boucle", "boul", "bould",
    "bretelle", "brg", "brtl", "bsn", "bvd", "camping", "caref", "carr", "carrefour",
    "carriere", "cha", "chaussee", "che", "chem", "chemins", "chl", "chp", "chps", "chs",
    "chse", "chss", "cht", "cit", "cite", "clr", "contour", "cor", "corniche", "couloir",
    "cours", "cpg", "cr", "crnc", "crs", "ctr", "ctre", "descente", "desserte", "devi",
    "deviation", "dig", "digue", "domaine", "dra", "draille", "dre", "dreve", "dsc", "ecl",
    "ecluse", "embr", "embranchement", "enc", "enclos", "esp", "espa", "espace", "espl",
    "esplanade", "etng", "faubourg", "fbg", "fbourg", "fg", "galerie", "gbd", "gir",
    "giratoire", "gpl", "halage", "halle", "ham", "hameau", "hle", "hlg", "ilot", "imp",
    "impasse", "jar", "jard", "jardin", "jetee", "jte", "ld", "lieudit", "lotis", "lotiss",
    "lotissement", "mln", "montagne", "montee", "mrn", "mt", "mte", "mtgne", "nte", "pae",
    "pai", "parc", "parking", "parvis", "passage", "passerelle", "pch", "periph",
    "peripherique", "pge", "pkg", "pl", "pla", "plac", "place", "placette", "ple", "pln",
    "plt", "pnt", "porq", "portique", "prl", "prm", "prom", "promenade", "prt", "prv",
    "psge", "pta", "pte", "ptr", "ptte", "pvr", "qrt", "qu", "qua", "quai", "quart",
    "quartier", "r", "raidillon", "rampe", "rangee", "rav", "ravine", "rdl", "rdp",
    "rdpoint", "rdpt", "res", "residence", "rle", "rocade", "rondpoint", "rop", "rotonde",
    "rou", "route", "rpe", "rpt", "rtd", "rte", "rue", "ruel", "ruelle", "ruellette",
    "rues", "ruet", "ruette", "rul", "rult", "rve", "sen", "sente", "sentier", "snt", "sq",
    "squ", "square", "stade", "std", "stde", "str", "taillis", "terrain", "terrasse",
    "terre-plein", "tertre", "tpl", "trab", "traboule", "trav", "traverse", "trn", "trt",
    "tsse", "tun", "tunn", "tunnel", "valee", "vall", "vallee", "vallon", "vch", "vche",
    "venelle", "vge", "viad", "viaduc", "villa", "vla", "voie", "vte", "za", "zac", "zi",
    "zup",
];

#[rustfmt::skip]
const TRIGGERS: &[&str] = &[
    "soussigne", "soussignee", "soussigne(e)", "soussigne.e", "bonjour", "bonsoir", "salut",
    "coucou", "hello", "cher", "chere", "merci", "epouse", "epoux", "nee", "veuve", "veuf",
    "par", "appelle", "c'est", "signe", "signee", "attention", "part", "contacter", "nomme",
    "nommee", "denomme", "denommee", "prenomme", "prenommee", "alias", "famille", "avec",
];

#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "ter", "da", "dos",
    "das", "di", "del", "della", "dal", "el", "al", "ben", "bin", "ibn", "abou", "abu",
    "ould", "ait", "mac", "mc", "y", "bou", "ba", "lo", "les",
];

/// Every listed word with one of its classes (a word may come more than once).
pub(crate) fn all_classes() -> impl Iterator<Item = (&'static str, u8)> {
    [
        (TITLES, TITLE),
        (STOPS, STOP),
        (PLACES, PLACE),
        (TRIGGERS, TRIGGER),
        (PARTICLES, PARTICLE),
        (CITIES, CITY),
        (KINS, KIN),
    ]
    .into_iter()
    .flat_map(|(list, flag)| list.iter().map(move |w| (*w, flag)))
}

/// The class bits of a folded word (0 when it is in no list).
#[inline(always)]
pub(crate) fn class(folded: &str) -> u8 {
    super::dict::dict().class_key(super::dict::key(folded))
}

/// Possessive determiners: "ma fille Rose", "leur voisin Karim".
pub(crate) fn is_possessive(folded: &str) -> bool {
    matches!(
        folded,
        "mon"
            | "ma"
            | "mes"
            | "ton"
            | "ta"
            | "tes"
            | "son"
            | "sa"
            | "ses"
            | "notre"
            | "nos"
            | "votre"
            | "vos"
            | "leur"
            | "leurs"
    )
}

/// Triggers after which only a known first name (or a known full name) is taken.
pub(crate) fn is_weak_trigger(folded: &str) -> bool {
    matches!(
        folded,
        "par"
            | "avec"
            | "merci"
            | "attention"
            | "part"
            | "contacter"
            | "signe"
            | "signee"
            | "cher"
            | "chere"
            | "hello"
            | "coucou"
            | "salut"
    )
}

/// Participles before "par" that announce a person ("dossier suivi par").
pub(crate) fn is_agent_verb(folded: &str) -> bool {
    matches!(
        folded,
        "suivi"
            | "suivie"
            | "traite"
            | "traitee"
            | "redige"
            | "redigee"
            | "signe"
            | "signee"
            | "instruit"
            | "instruite"
            | "represente"
            | "representee"
            | "assiste"
            | "assistee"
            | "ecrit"
            | "ecrite"
            | "realise"
            | "realisee"
            | "valide"
            | "validee"
            | "verifie"
            | "delivre"
            | "delivree"
            | "etabli"
            | "etablie"
            | "recu"
            | "recue"
            | "examine"
            | "examinee"
            | "vu"
            | "vue"
            | "entendu"
            | "entendue"
            | "accompagne"
            | "accompagnee"
    )
}

/// Labels after which a form field, an e-mail header or a JSON key holds a name.
/// Matched against the folded text before the `:` (whole label, or its end after a
/// space for the longer ones).
#[rustfmt::skip]
pub(crate) const LABELS: &[&str] = &[
    "nom", "noms", "prenom", "prenoms", "prenom(s)", "nom d'usage", "nom de naissance",
    "nom de famille", "nom marital", "nom patronymique", "nom de jeune fille",
    "nom et prenom", "nom et prenoms", "nom, prenom", "nom prenom", "nom/prenom",
    "nom / prenom", "nom - prenom", "prenom et nom", "prenom nom", "nom complet",
    "identite", "debiteur", "titulaire", "titulaire du compte", "nom du titulaire",
    "co-titulaire", "cotitulaire", "de", "a", "from", "to", "cc", "destinataire",
    "expediteur", "expeditrice", "signataire", "beneficiaire", "agent", "contact",
    "interlocuteur", "interlocutrice", "conseiller", "conseillere", "suivi par",
    "dossier suivi par", "affaire suivie par", "patient", "patiente", "assure", "assuree",
    "nom de l'assure", "allocataire", "demandeur", "demandeuse", "requerant", "requerante",
    "defendeur", "defenderesse", "salarie", "salariee", "employe", "employee", "enfant",
    "conjoint", "conjointe", "pere", "mere", "epoux", "epouse", "representant legal",
    "representant", "temoin", "victime", "redacteur", "redactrice", "medecin",
    "medecin traitant", "praticien", "souscripteur", "mandataire", "locataire",
    "proprietaire", "bailleur", "emprunteur", "co-emprunteur", "full_name", "fullname",
    "first_name", "firstname", "last_name", "lastname", "surname", "given_name",
    "family_name", "nom_complet", "nom_usage", "nom_naissance", "name", "client", "cliente",
    "usager", "eleve", "etudiant", "etudiante", "candidat", "candidate", "signe",
    "signe par", "fait par", "vu par", "gestionnaire", "instructeur", "instructrice",
    "referent", "referente", "tuteur", "tutrice", "curateur", "curatrice",
    "personne a contacter", "personne a prevenir", "auteur", "declarant", "declarante",
    "mis en cause", "prevenu", "prevenue", "plaignant", "plaignante", "interesse",
    "interessee", "responsable", "appelant", "appelante", "intime", "intimee", "dirigeant",
    "gerant", "gerante", "president", "nom du patient", "nom de l'enfant",
    "prenom de l'enfant", "nom du conjoint", "destinataires", "nom_prenom", "prenom_nom",
    "nom usuel", "nom d'epouse", "nom marital", "pseudo", "utilisateur",
    "titulaire de la carte", "porteur", "nom du porteur", "payeur", "crediteur",
    "donneur d'ordre", "presents", "presentes", "present", "presente", "absents",
    "absentes", "absent", "absente", "excuses", "excusees", "excuse", "excusee",
    "participants", "participantes", "invites", "invitees", "membres presents",
];

/// Closing formulas after which a name alone on a line is a signature.
#[rustfmt::skip]
pub(crate) const CLOSINGS: &[&str] = &[
    "cordialement", "salutations", "bien a vous", "respectueusement", "sinceres", "amities",
    "bien a toi", "a bientot", "merci d'avance", "dans l'attente", "distinguee",
    "distinguees", "considera", "signature", "le conseiller", "la conseillere", "l'agent",
    "bonne journee", "bonne soiree",
];

/// Lower-case words that cannot be the surname after a first name in chat.
#[rustfmt::skip]
pub(crate) const CHAT_STOPS: &[&str] = &[
    "je", "j'ai", "jai", "j", "et", "de", "du", "des", "le", "la", "les", "un", "une",
    "pour", "par", "sur", "avec", "mon", "ma", "mes", "votre", "vos", "merci", "svp", "stp",
    "ici", "au", "aux", "a", "en", "qui", "que", "est", "suis", "ai", "ya", "y", "il",
    "elle", "on", "nous", "vous", "tu", "ne", "n'ai", "pas", "plus", "bonjour", "bonsoir",
    "salut", "desole", "desolee", "encore", "aussi", "donc", "mais", "ou", "si", "ca",
    "c'est", "cest", "dossier", "numero", "tel", "mail", "moi", "toujours", "vraiment",
    "bien", "tres", "trop", "deja", "la-dessus", "dans", "chez", "from", "concernant",
    "car", "comme", "quand", "the", "and", "avais", "avait", "veux", "voudrais", "souhaite",
    "souhaiterais", "appelle", "ecris", "contacte", "relance",
];
