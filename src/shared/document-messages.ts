// The French sentences of the document and privacy error codes (document-contracts.ts). Kept apart from the
// contracts, which import zod, so that the error table the login page needs stays small.

export const DOCUMENT_MESSAGES_FR = {
  'document.type_unknown': 'Ce type de document n’existe pas ou n’est plus demandé : rechargez la page.',
  'document.child_required': 'Choisissez l’enfant concerné par ce document.',
  'document.child_not_expected': 'Ce document concerne la famille : ne choisissez pas d’enfant.',
  'document.no_file': 'Choisissez au moins un fichier avec « Parcourir ».',
  'document.too_many_files': 'Vous pouvez envoyer au plus 5 fichiers à la fois pour un même document.',
  'document.file_too_large': 'Chaque fichier doit peser au plus 10 Mo.',
  'document.file_empty': 'Ce fichier est vide.',
  'document.file_type':
    'Ce fichier n’est pas un PDF, une image JPEG ou une image PNG valide. Enregistrez-le dans l’un de ces formats et recommencez.',
  'document.file_heic':
    'Les photos au format HEIC (iPhone) ne sont pas acceptées : dans Réglages › Appareil photo › Formats, choisissez « Le plus compatible », ou envoyez une capture d’écran ou un PDF.',
  'document.file_truncated': 'Ce fichier est incomplet ou endommagé : enregistrez-le à nouveau et recommencez.',
  'document.file_name_invalid': 'Le nom du fichier n’est pas valide.',
  'document.not_pending': 'Ce document a déjà été examiné.',
  'document.reason_required': 'Indiquez le motif du refus : la famille le verra.',
  'document.validity_months_required': 'Indiquez la durée de validité en mois (1 à 120).',
  'document.activity_unknown': 'Une des activités choisies n’existe pas : rechargez la page.',
  'document.name_taken': 'Un type de document porte déjà ce nom.',
  'booking.documents_missing':
    'Un document obligatoire pour cette activité manque ou n’est pas encore accepté : consultez « Documents à fournir ».',
  'privacy.already_requested': 'Vous avez déjà demandé la clôture de votre compte : la mairie la traitera sous un mois.',
  'privacy.family_closed': 'Ce compte famille a été clôturé.',
  'privacy.confirm_required': 'Confirmez la clôture en recopiant le nom de famille du responsable 1.',
} satisfies Record<string, string>;
