import { defineError } from '../../shared/errors/errors.ts';

export const documentNotFound = defineError({ code: 'documents.not_found', status: 404, message: 'No such document.' });
export const unsupportedType = defineError({ code: 'documents.unsupported_type', status: 415, message: 'This kind of file cannot be read.' });
export const fileTooLarge = defineError({ code: 'documents.file_too_large', status: 413, message: 'The file is too large.' });
export const uploadInvalid = defineError({ code: 'documents.upload_invalid', status: 400, message: 'The upload is invalid.' });
export const correctionInvalid = defineError({ code: 'documents.correction_invalid', status: 400, message: 'The correction is invalid.' });
export const noThumbnail = defineError({ code: 'documents.no_thumbnail', status: 404, message: 'This document has no thumbnail (yet).' });
export const fileMissing = defineError({ code: 'documents.file_missing', status: 410, message: 'The stored file of this document is gone.' });
export const noPage = defineError({ code: 'documents.no_page', status: 404, message: 'This document has no such page.' });
