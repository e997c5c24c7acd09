import { defineError } from '../../shared/errors/errors.ts';

export const taskNotFound = defineError({ code: 'tasks.not_found', status: 404, message: 'No such task.' });
export const taskInvalid = defineError({ code: 'tasks.invalid', status: 400, message: 'The task is invalid.' });
export const taskBlocked = defineError({ code: 'tasks.blocked', status: 409, message: 'This task still waits for other tasks; complete those first or send "force": true.' });
export const dependencyCycle = defineError({ code: 'tasks.dependency_cycle', status: 400, message: 'This dependency would make tasks wait for each other in a circle.' });
export const dependencyNotFound = defineError({ code: 'tasks.dependency_not_found', status: 404, message: 'This task does not depend on that one.' });
export const unsupportedRecurrence = defineError({ code: 'tasks.unsupported_recurrence', status: 422, message: 'The recurrence cannot be honoured.' });
export const documentNotFound = defineError({ code: 'documents.not_found', status: 404, message: 'No such document.' });
