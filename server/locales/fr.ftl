### The server's texts in French: problem answers, mails, push notices, the
### registration page and the name of issued extracts. Every key exists in fr, de and en;
### `cargo test -p guichet catalog` checks it, with the variables the code passes.

## Problem answers (application/problem+json): a short title and what to do.

problem-required =
    .title = Champ obligatoire
    .detail = Ce champ doit être rempli.
problem-matricule-format =
    .title = Matricule invalide
    .detail = Le numéro d'identification national compte 13 chiffres.
problem-matricule-date =
    .title = Matricule invalide
    .detail = Les 8 premiers chiffres doivent être une date de naissance (AAAAMMJJ).
problem-matricule-check-digit =
    .title = Matricule invalide
    .detail = Les chiffres de contrôle ne correspondent pas : vérifiez le numéro.
problem-email =
    .title = Adresse e-mail invalide
    .detail = Indiquez une adresse e-mail complète, par exemple nom@example.lu.
problem-phone =
    .title = Numéro de téléphone invalide
    .detail = Indiquez le numéro au format international, par exemple +352 621 123 456.
problem-iban =
    .title = IBAN invalide
    .detail = Le format ou les chiffres de contrôle de l'IBAN sont incorrects.
problem-language =
    .title = Langue inconnue
    .detail = Choisissez fr, de ou en.
problem-too-long =
    .title = Valeur trop longue
    .detail = Raccourcissez la valeur de ce champ.
problem-encoding =
    .title = Encodage invalide
    .detail = La valeur n'est pas correctement encodée (base64 ou PEM).
problem-not-confirmed =
    .title = Non confirmé
    .detail = Cette étape est irréversible : envoyez true pour la confirmer.
problem-terms-not-accepted =
    .title = Conditions non acceptées
    .detail = Vous devez accepter les conditions d'utilisation pour terminer l'inscription.
problem-read-only =
    .title = Champ non modifiable
    .detail = Cette donnée provient du registre national et ne peut pas être modifiée ici.
problem-push-endpoint =
    .title = Adresse de notification invalide
    .detail = L'adresse du service de notification doit être une URL https.
problem-key-length =
    .title = Clé invalide
    .detail = La clé n'a pas la longueur attendue (p256dh : 65 octets, auth : 16 octets).
problem-push-endpoint-address =
    .title = Adresse de notification refusée
    .detail = Le service de notification doit être joignable sur une adresse publique d'Internet, pas sur un réseau local ou réservé.
problem-push-endpoint-host =
    .title = Service de notification non admis
    .detail = Ce service de notification ne fait pas partie de ceux que le guichet accepte.
problem-curve-point =
    .title = Clé invalide
    .detail = La clé publique n'est pas un point de la courbe P-256 : l'appareil ne pourrait jamais lire ses notifications.
problem-characters =
    .title = Caractères non admis
    .detail = Ce champ contient un caractère invisible ou de contrôle (ou un saut de ligne dans un champ d'une seule ligne) : retapez le texte.
problem-rcs =
    .title = Numéro RCS invalide
    .detail = Indiquez le numéro du registre de commerce et des sociétés : une lettre de section et jusqu'à six chiffres, par exemple B123456.
problem-vat =
    .title = Numéro de TVA invalide
    .detail = Un numéro de TVA luxembourgeois est LU suivi de 8 chiffres ; les chiffres de contrôle ne correspondent pas.
problem-from-certificate =
    .title = Donnée de votre certificat Pro
    .detail = Cette valeur provient du certificat Pro avec lequel l'espace a été créé et ne peut pas être modifiée.
problem-space-limit =
    .title = Nombre maximal d'espaces professionnels atteint
    .detail = Vous avez déjà autant d'espaces professionnels que permis. Pour en avoir davantage, contactez le helpdesk en expliquant pourquoi ; il peut relever votre limite.
problem-not-collaborative =
    .title = Espace non partagé
    .detail = Seul un espace professionnel créé avec un certificat Pro peut être partagé avec des collaborateurs.
problem-invitation-unknown =
    .title = Invitation inconnue
    .detail = Ce lien d'invitation n'est pas valable. Demandez-en un nouveau à l'administrateur de l'espace.
problem-invitation-expired =
    .title = Invitation expirée
    .detail = Cette invitation a expiré ou a été retirée. Demandez-en une nouvelle à l'administrateur de l'espace.
problem-invitation-used =
    .title = Invitation déjà utilisée
    .detail = Cette invitation a déjà été acceptée. Une invitation ne sert qu'une fois.
problem-invitation-not-for-you =
    .title = Invitation destinée à une autre personne
    .detail = Cette invitation désigne une autre personne. Connectez-vous avec votre propre certificat, ou demandez à l'administrateur de vous inviter.
problem-already-member =
    .title = Déjà membre
    .detail = Vous êtes déjà membre de cet espace.
problem-last-administrator =
    .title = Dernier administrateur
    .detail = Un espace a besoin d'un administrateur : transmettez d'abord ce rôle à un autre membre.
problem-sole-administrator =
    .title = Seul administrateur
    .detail = Vous êtes le seul administrateur d'espaces professionnels dont d'autres dépendent ou qui gardent les dossiers de l'organisation : donnez d'abord le rôle d'administrateur à un autre membre, puis fermez votre compte.
problem-cert-malformed =
    .title = Certificat illisible
    .detail = Le certificat transmis ne peut pas être lu.
problem-cert-untrusted =
    .title = Certificat non reconnu
    .detail = Ce certificat n'a pas été émis par une autorité reconnue par le guichet.
problem-cert-not-yet-valid =
    .title = Certificat pas encore valide
    .detail = La période de validité de ce certificat n'a pas commencé.
problem-cert-expired =
    .title = Certificat expiré
    .detail = Ce certificat a expiré : renouvelez-le auprès de son émetteur.
problem-cert-revoked =
    .title = Certificat révoqué
    .detail = Ce certificat a été révoqué par son émetteur.
problem-cert-wrong-usage =
    .title = Mauvais certificat
    .detail = Ce certificat ne sert pas à cet usage (authentification ou signature).
problem-cert-missing-identity =
    .title = Identité absente
    .detail = Le certificat ne porte pas de nom ou de numéro d'identification valide.
problem-challenge-invalid =
    .title = Défi invalide
    .detail = Ce défi de connexion est inconnu, expiré ou déjà utilisé : demandez-en un nouveau.
problem-bad-signature =
    .title = Signature invalide
    .detail = La signature ne correspond pas à la clé du certificat.
problem-unauthenticated =
    .title = Connexion requise
    .detail = Connectez-vous avec votre certificat.
problem-registration-pending =
    .title = Inscription non terminée
    .detail = Terminez d'abord votre inscription.
problem-matricule-mismatch =
    .title = Matricule différent
    .detail = Ce numéro d'identification n'est pas celui du titulaire du certificat.
problem-not-in-register =
    .title = Personne inconnue
    .detail = Ce numéro d'identification ne figure pas au registre national.
problem-already-registered =
    .title = Déjà inscrit
    .detail = Un espace privé existe déjà pour cette personne : connectez-vous ou ajoutez ce certificat à votre espace.
problem-certificate-already-registered =
    .title = Certificat déjà enregistré
    .detail = Ce certificat est déjà enregistré.
problem-link-unknown =
    .title = Lien inconnu
    .detail = Ce lien de confirmation n'existe pas : demandez un nouveau lien.
problem-link-expired =
    .title = Lien expiré
    .detail = Ce lien de confirmation était valable 72 heures : demandez un nouveau lien.
problem-link-used =
    .title = Lien déjà utilisé
    .detail = Ce lien a déjà servi ou a été remplacé : connectez-vous ou demandez un nouveau lien.
problem-not-found =
    .title = Introuvable
    .detail = Cette ressource n'existe pas ou ne vous est pas accessible.
problem-precondition-failed =
    .title = Données modifiées entre-temps
    .detail = Ces données ont changé depuis votre lecture : rechargez-les puis recommencez.
problem-internal =
    .title = Erreur interne
    .detail = Une erreur s'est produite de notre côté. Indiquez l'identifiant de la requête au support.
problem-method-not-allowed =
    .title = Méthode non permise
    .detail = Cette adresse n'accepte pas cette méthode HTTP.
problem-body-too-large =
    .title = Requête trop volumineuse
    .detail = Le corps de la requête dépasse la taille permise.
problem-unsupported-media-type =
    .title = Format non pris en charge
    .detail = Envoyez le corps en application/json.
problem-malformed-request =
    .title = Requête mal formée
    .detail = La requête ne peut pas être lue : vérifiez le JSON et ses champs.
problem-too-many-requests =
    .title = Trop de tentatives
    .detail = Trop de demandes en peu de temps : réessayez après le délai indiqué.

## Problems with forms, files, signatures and dossier statuses.

problem-too-short =
    .title = Valeur trop courte
    .detail = Ce champ demande plus de caractères.
problem-date =
    .title = Date invalide
    .detail = Indiquez une date réelle au format AAAA-MM-JJ.
problem-number =
    .title = Nombre invalide
    .detail = Ce champ attend un nombre.
problem-out-of-range =
    .title = Valeur hors limites
    .detail = Le nombre n'est pas dans les limites permises.
problem-choice =
    .title = Choix invalide
    .detail = Choisissez l'une des options proposées.
problem-yes-no =
    .title = Réponse invalide
    .detail = Répondez par oui ou par non.
problem-address =
    .title = Adresse incomplète
    .detail = Indiquez la rue, le numéro, le code postal, la localité et le pays.
problem-format =
    .title = Valeur invalide
    .detail = La valeur n'a pas la forme attendue pour ce champ.
problem-unknown-field =
    .title = Champ inconnu
    .detail = Ce formulaire n'a pas de tel champ à cette étape.
problem-illegal-transition =
    .title = Action impossible
    .detail = Le dossier ne le permet pas dans son état actuel.
problem-file-too-large =
    .title = Fichier trop volumineux
    .detail = Le fichier dépasse la taille permise pour cette pièce.
problem-file-type =
    .title = Type de fichier refusé
    .detail = Ce type de fichier n'est pas accepté pour cette pièce.
problem-dossier-signature =
    .title = Signature invalide
    .detail = La signature ne correspond pas au contenu du dossier.
problem-signature-certificate-unknown =
    .title = Certificat de signature inconnu
    .detail = Enregistrez d'abord ce certificat de signature dans votre espace.
problem-upload-offset =
    .title = Reprise du téléversement
    .detail = Le fichier doit continuer à partir des octets déjà reçus.
problem-upload-digest =
    .title = Fichier altéré
    .detail = Le fichier reçu ne correspond pas à son empreinte SHA-256 : envoyez-le à nouveau.

## Mails: a pointer only, never the content (mail is not a safe place for personal data).

mail-registration =
    .subject = guichet : confirmez votre inscription
    .body =
        Bonjour,

        Pour terminer votre inscription sur guichet, ouvrez ce lien et acceptez les conditions d'utilisation :

        { $link }

        Ce lien est valable { $hours } heures. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

        guichet
mail-invitation =
    .subject = guichet : invitation à un espace professionnel
    .body =
        Bonjour,

        { $inviter } vous invite à travailler dans l'espace professionnel « { $space } » sur guichet.

        Pour accepter, connectez-vous avec votre propre certificat et ouvrez ce lien :

        { $link }

        Ce lien est valable jusqu'au { $expires } (UTC). Si vous n'attendez pas cette invitation, ignorez ce message.

        guichet
mail-communication =
    .subject = guichet : un nouveau document vous attend
    .body =
        Bonjour,

        { $administration } a déposé « { $title } » dans vos communications sur guichet.

        Connectez-vous à guichet pour le consulter et le télécharger.

        guichet
mail-export-ready =
    .subject = guichet : la copie de vos données est prête
    .body =
        Bonjour,

        La copie de vos données que vous avez demandée est prête. Connectez-vous à guichet, puis ouvrez ce lien pour la télécharger :

        { $link }

        Ce lien est valable jusqu'au { $until } (UTC). Si vous n'avez rien demandé, ignorez ce message.

        guichet
mail-account-closed =
    .subject = guichet : votre compte est fermé
    .body =
        Bonjour,

        Votre compte guichet est fermé : plus personne ne peut s'y connecter. Ceci a été supprimé :

        { $deleted }

        La loi conserve ce qui suit, chacun jusqu'à la date indiquée (un tiret : jusqu'à ce que sa règle y mette fin), puis la plateforme le supprime :

        { $kept }

        Vous pouvez vous inscrire à nouveau à tout moment avec votre certificat : cela ouvre un nouveau compte, vide. Si vous n'avez pas fermé votre compte, contactez le helpdesk.

        guichet
-dossier-sign-in = Connectez-vous à guichet pour lire le message dans votre tableau de bord.
mail-dossier-information-requested =
    .subject = guichet : l'administration vous pose une question
    .body =
        L'administration demande des informations sur votre dossier « { $title } ».

        { -dossier-sign-in }

        guichet
mail-dossier-closed =
    .subject = guichet : votre dossier est traité
    .body =
        L'administration a terminé le traitement de votre dossier « { $title } ».

        { -dossier-sign-in }

        guichet

## Push notices: a short title and body the phone shows.

push-document-ready =
    .title = Document disponible
    .body = Un nouveau document vous attend dans vos communications.
push-data-read =
    .title = Vos données ont été consultées
    .body = Une administration a consulté vos données. Votre journal des accès dit qui, quand et pourquoi.

push-export-ready =
    .title = Copie de vos données prête
    .body = La copie de vos données est prête à être téléchargée.
push-message =
    .title = Nouveau message
    .body = L'administration vous a écrit au sujet d'un dossier.
push-status-changed =
    .title = Dossier mis à jour
    .body = Le statut de l'un de vos dossiers a changé.

## The page the registration link opens.

confirm-page =
    .title = Confirmer votre inscription
    .terms = Vos données sont traitées par l'État pour les démarches que vous faites sur guichet, conformément à la loi sur la protection des données. Chaque accès à votre espace est enregistré.
    .accept = J'accepte les conditions d'utilisation
    .done = Inscription terminée. Connectez-vous avec votre certificat.

## The criminal record extract, as it appears in "my communications".

extract-communication =
    .title = Extrait du casier judiciaire
    .file-prefix = extrait-casier-judiciaire

## Payments: the receipt in "my communications", the page after the provider's.

payment-receipt =
    .title = Quittance de paiement
    .file-prefix = quittance
    .procedure = Démarche
    .dossier = Dossier
    .amount = Montant payé
    .paid-at = Payé le
    .reference = Référence du paiement
    .note = Payé en ligne par carte auprès du prestataire de paiement. Cette quittance n'est pas une facture.
payment-return =
    .title = Paiement
    .paid = Merci. Votre paiement est en cours de confirmation; le tableau de bord l'indiquera dans un instant et la quittance arrivera dans vos communications.
    .cancelled = Le paiement a été abandonné. Vous pouvez le reprendre depuis votre dossier.

problem-payment-required =
    .title = Paiement requis
    .detail = Cette démarche est payante: payez les frais avant de transmettre le dossier.
problem-no-fee-due =
    .title = Aucun frais à payer
    .detail = Ce dossier ne doit rien, ou les frais sont déjà payés.
problem-payment-provider-unavailable =
    .title = Paiement indisponible
    .detail = Le prestataire de paiement ne répond pas; réessayez dans quelques minutes.
problem-webhook-refused =
    .title = Notification refusée
    .detail = La notification n'est pas signée par le prestataire de paiement, ou elle est trop ancienne.
residence-communication =
    .title = Certificat de résidence
    .file-prefix = certificat-de-residence

## Certification des espaces professionnels et mandats (issue 13).

codes-communication =
    .title = Codes de certification de votre espace professionnel
    .file-prefix = codes-de-certification
mail-mandate-revoked =
    .subject = guichet : un mandat a été révoqué
    .body =
        Bonjour,

        { $employer } a révoqué le mandat que votre espace détenait pour le domaine « { $domain } ». Vous ne pouvez plus agir pour cet employeur dans ce domaine.

        guichet
problem-code-rejected =
    .title = Code refusé
    .detail = Le code d'accès ou le code de sécurité est erroné, a déjà été utilisé ou a été retiré. Vérifiez les deux codes ; après plusieurs codes erronés, la saisie est bloquée pour un temps.
problem-code-locked =
    .title = Saisie des codes bloquée
    .detail = Trop de codes erronés : la saisie des codes est bloquée. Réessayez après le délai indiqué.
problem-check-character =
    .title = Erreur de frappe dans le code
    .detail = Le dernier caractère du code ne correspond pas aux autres : un caractère a été mal saisi. Vérifiez le code sur le courrier.
problem-domain-not-certified =
    .title = Domaine non certifié
    .detail = Cet espace n'est pas certifié pour le domaine de cette démarche : ajoutez d'abord la certification avec le code d'accès titulaire.
problem-offline-form-not-a-pdf =
    .title = PDF illisible
    .detail = Le fichier n'est pas un PDF lisible (ou il est chiffré). Déposez le formulaire tel que votre lecteur PDF l'a enregistré.
problem-offline-form-no-fields =
    .title = Aucun champ de formulaire
    .detail = Le PDF n'a aucun champ de formulaire : il a été aplati, imprimé en PDF ou scanné. Téléchargez à nouveau le formulaire et remplissez-le dans votre lecteur PDF.
problem-offline-form-xfa =
    .title = Formulaire XFA refusé
    .detail = Le fichier est un formulaire XFA, que seuls certains lecteurs comprennent. Téléchargez le formulaire du guichet et remplissez-le.
problem-offline-form-active-content =
    .title = Scripts ou actions refusés
    .detail = Le PDF contient du JavaScript ou des actions ; ils n'ont pas été exécutés et le formulaire n'a pas été accepté. Téléchargez à nouveau le formulaire et remplissez-le sans y ajouter de script.
problem-offline-form-binding =
    .title = Formulaire d'une autre origine
    .detail = Le lien caché du formulaire manque ou a été modifié. Téléchargez le formulaire depuis votre espace et remplissez-le.
problem-offline-form-other-procedure =
    .title = Formulaire d'une autre démarche
    .detail = Ce formulaire appartient à une autre démarche. Déposez-le pour la démarche pour laquelle il a été téléchargé.
problem-offline-form-other-version =
    .title = Formulaire périmé
    .detail = Ce formulaire appartient à une autre version de la démarche. Téléchargez le formulaire actuel et remplissez-le à nouveau.
problem-offline-form-other-space =
    .title = Formulaire d'un autre espace
    .detail = Ce formulaire a été téléchargé depuis un autre espace. Déposez-le dans l'espace auquel il appartient.
problem-offline-form-other-dossier =
    .title = Formulaire d'un autre dossier
    .detail = Ce formulaire appartient à un autre dossier (ou en ouvre un nouveau). Déposez-le là où il a été téléchargé.
