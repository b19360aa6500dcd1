### guichet-verify's report in French.
### Every key exists in fr, de and en; `cargo test -p guichet-verifier catalog` checks it.

## The verdict and what was checked.

valid = VALIDE : le sceau est authentique et le document est valable.
invalid = NON VALIDE
revoked = RÉVOQUÉ : l'émetteur a révoqué ce document (vérification en ligne).
superseded = REMPLACÉ : l'émetteur a remplacé ce document par un autre (vérification en ligne).
authentic-offline = Hors ligne, le sceau est cryptographiquement valide : il a été signé par l'émetteur et n'a pas été modifié.
compare = Comparez ces données avec le document et la pièce d'identité de la personne :
untrusted = Les données du sceau ne sont pas affichées : elles ne sont pas dignes de confiance.

## The seal's data, one label per line.

document = Document
number = Numéro
issuer = Émetteur
issued = Délivré le
valid-until = Valable jusqu'au
no-expiry = sans limite
family = Nom
given = Prénom(s)
birth = Né(e) le
result = Résultat
pages = Pages
bulletin = Bulletin
bulletin-number = n° { $number }
address = Adresse
employer-number = Matricule employeur
domains = Domaines
language = Langue du document

## The content binding, the online status and the trust list.

content-checked = Contenu : le PDF correspond au sceau.
content-mismatch = Contenu : le PDF ne correspond PAS au sceau (il a été modifié après émission).
content-photo = Contenu non vérifié (photo) : seul le sceau a été contrôlé ; comparez le texte imprimé avec les données ci-dessus.
content-text = Contenu non vérifié : seul le texte du sceau a été contrôlé.
online-valid = En ligne : l'émetteur confirme que le document n'est ni révoqué ni remplacé.
online-unavailable = En ligne : statut indisponible
online-not-asked = Statut en ligne non demandé (--online) et pas de liste de révocation (--revocation-list) : une révocation ne peut pas être détectée hors ligne.
reason-label = Motif
trust-list = Liste de confiance

## Document types and outcomes a seal names.

document-type-criminal-record-extract = Extrait du casier judiciaire
document-type-residence-certificate = Certificat de résidence
document-type-certification-codes = Codes de certification (sécurité sociale)
domain-employee-affiliations = Affiliations des salariés
domain-pay-and-sick-leave = Rémunérations et incapacités de travail
domain-employer-general-data = Données générales de l'employeur
domain-billing-and-accounting = Facturation et comptabilité
outcome-no-entry = Néant (aucune inscription)
outcome-entries-listed = Inscriptions énumérées : voir le document

## Why a document is not valid (the code adds the detail in brackets).

reason-malformed = sceau illisible ou malformé
reason-no-seal = aucun sceau trouvé
reason-unknown-key = clé de signature inconnue
reason-bad-signature = signature invalide : sceau modifié ou contrefait
reason-key-not-valid-at-issue = la clé n'était pas valable à la date de délivrance
reason-key-not-allowed-for-type = la clé n'est pas autorisée pour ce type de document
reason-expired = document expiré
reason-content-mismatch = le contenu du PDF ne correspond pas au sceau
reason-ambiguous-pdf = le PDF peut être lu de plusieurs façons : des lecteurs PDF différents peuvent afficher des contenus différents, aucun ne peut être garanti
reason-revoked = révoqué par l'émetteur
reason-superseded = remplacé par un autre document
reason-issued-in-future = délivré après la date de vérification (horloge de l'émetteur ou sceau antidaté)
reason-unreadable-input = le fichier ne peut pas être lu (format non pris en charge, endommagé ou trop grand)

## La liste de révocation signée (hors ligne).

revoked-in-list = RÉVOQUÉ : l'émetteur a révoqué ce document (liste de révocation du { $date }).
revocation-list = Liste de révocation : n° { $sequence } du { $date }, âgée de { $hours } h.
revocation-list-stale = Liste de révocation PÉRIMÉE : le n° { $sequence } du { $date } a { $hours } h, plus que les { $max } h admises : une révocation depuis ne peut pas être vue. Chargez une liste récente (--revocation-list).
revoked-on = révoqué le { $date }
reason-revoked-in-list = révoqué par l'émetteur (liste de révocation)
revocation-reason-unspecified = sans motif indiqué
revocation-reason-issued-in-error = délivré par erreur
revocation-reason-obtained-by-fraud = obtenu par fraude
revocation-reason-withdrawn = retiré
revocation-reason-other = autre motif
