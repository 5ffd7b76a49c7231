import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the Direct Email Creation operations. */

export const decLocator = (): INodeProperties =>
	recordLocator({
		name: 'directEmailSettingId',
		displayName: 'Direct Email Setting',
		searchListMethod: 'searchDirectEmailSettings',
		description: 'The Direct Email Creation setting of the selected company, searchable by name',
	});

/** Mail platforms of Direct Email Creation, as Keepnet numbers them (its web console; the spec gives no values). */
export const DEC_TYPES = [
	{ name: 'Microsoft 365', value: 1 },
	{ name: 'Google Workspace', value: 2 },
	{ name: 'Exchange (EWS)', value: 3 },
];
