### The criminal record extract's fixed texts in French (the PDF the portal issues).
### Every key exists in fr, de and en; `cargo test -p guichet-documents catalog` checks it.

extract-state = GRAND-DUCHÉ DE LUXEMBOURG
extract-title = Extrait du casier judiciaire
extract-document-number = N° du document
extract-issue-date = Date de délivrance
extract-subject = Personne concernée
extract-family-name = Nom
extract-given-names = Prénoms
extract-birth-date = Date de naissance
extract-birth-place = Lieu de naissance
extract-outcome = Résultat
extract-no-entry = Néant : le casier judiciaire ne comporte aucune inscription.
extract-entries = Le casier judiciaire comporte { $count } inscription(s) :
extract-court = Juridiction
extract-judgment-date = Date du jugement
extract-offence = Infraction
extract-sentence = Peine
extract-verification = Vérification : scannez le code QR avec l'application GouvCheck. Le cachet électronique garantit l'authenticité et l'intégrité de ce document ; les données affichées par l'application doivent être identiques à celles de cette page.

## Bulletins, pages, and the certificate of residence.

extract-bulletin = Bulletin
extract-bulletin-value = n° { $number }
extract-purpose = Motif
document-page = Page { $page } sur { $pages } — document n° { $number }
residence-title = Certificat de résidence
residence-statement = Selon le registre national des personnes physiques, la personne désignée ci-dessous réside, à la date de délivrance, à l'adresse suivante :
residence-address = Adresse
residence-nationality = Nationalité
extract-verification-code = Code de vérification :

## La lettre des codes de certification (Centre commun de la sécurité sociale).

codes-title = Codes de certification de votre espace professionnel
codes-statement = Suite à votre demande de certification, voici les codes de votre espace professionnel. Chaque code figure uniquement sur ce courrier : conservez-le en lieu sûr.
codes-employer = Employeur
codes-employer-number = Matricule employeur
codes-holder = Codes titulaire (mandat principal)
codes-holder-access = Code d'accès titulaire
codes-revocation = Code de révocation
codes-mandatary = Mandataire : { $name }
codes-mandatary-security = Code de sécurité mandataire (à remettre en mains propres)
codes-mandatary-access = Code d'accès mandataire
codes-warning = Saisissez un code d'accès titulaire avec le code de sécurité choisi lors de votre demande, sous « Certifications » dans votre espace professionnel. Un code de révocation retire aussitôt son domaine.
codes-domain-employee-affiliations = Affiliations des salariés
codes-domain-pay-and-sick-leave = Rémunérations et incapacités de travail
codes-domain-employer-general-data = Données générales de l'employeur
codes-domain-billing-and-accounting = Facturation et comptabilité
## The fillable form of the offline route.

form-instructions = Remplissez ce formulaire sur votre ordinateur, enregistrez-le, puis déposez-le dans votre espace sur le guichet pour le signer et le transmettre. Aucun script n'est nécessaire.
form-mandatory = Les champs marqués d'un * sont obligatoires.
form-read-only = Les champs grisés proviennent du registre national et ne peuvent pas être modifiés ici.
form-date-hint = AAAA-MM-JJ
form-number-range = entre { $min } et { $max }
form-length = { $min } à { $max } caractères
form-max-length = { $max } caractères au plus
form-attachment = À joindre sur le guichet après le dépôt du formulaire.
form-footer = { $reference } — page { $page } sur { $pages }
form-street = Rue
form-house-number = Numéro
form-postcode = Code postal
form-locality = Localité
form-country = Pays
