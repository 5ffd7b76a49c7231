/** How the trigger refuses a setting (before any request), for the node and the event files alike. */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const DAY_MS = 86_400_000;

export function settingsError(ctx: IPollFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

export function positiveWholeNumber(ctx: IPollFunctions, value: unknown, field: string, max: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1 || number > max) {
		throw settingsError(ctx, `${field} must be a whole number from 1 to ${max}`, `Set ${field} to a number of days between 1 and ${max}.`);
	}
	return number;
}
