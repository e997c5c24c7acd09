import { defineError } from '../../shared/errors/errors.ts';

export const notFound = defineError({ code: 'integrations.not_found', status: 404, message: 'No such integration.' });
export const unknownType = defineError({ code: 'integrations.unknown_type', status: 400, message: 'This instance cannot deliver over that type of channel.' });
export const invalidSettings = defineError({ code: 'integrations.invalid_settings', status: 400, message: 'The settings of this channel are invalid.' });
export const alreadyExists = defineError({ code: 'integrations.already_exists', status: 409, message: 'You already have a channel of this type.' });
export const linkRequired = defineError({ code: 'integrations.link_required', status: 400, message: 'This type of channel is set up by linking, not by its settings.' });
