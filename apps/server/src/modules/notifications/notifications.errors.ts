import { defineError } from '../../shared/errors/errors.ts';

export const notFound = defineError({ code: 'notifications.not_found', status: 404, message: 'No such notification.' });
