import { defineError } from '../../shared/errors/errors.ts';

export const reminderNotFound = defineError({ code: 'reminders.not_found', status: 404, message: 'No such reminder.' });
export const taskNotFound = defineError({ code: 'tasks.not_found', status: 404, message: 'No such task.' });
export const taskClosed = defineError({ code: 'reminders.task_closed', status: 409, message: 'The task of this reminder is already done or cancelled.' });
export const invalidSnooze = defineError({ code: 'reminders.invalid_snooze', status: 400, message: 'The snooze time is invalid.' });
export const invalidPreferences = defineError({ code: 'reminders.invalid_preferences', status: 400, message: 'The notification preferences are invalid.' });
export const invalidRange = defineError({ code: 'reminders.invalid_range', status: 400, message: 'The time range is invalid.' });
