import { defineResource } from '../types';
import * as getAll from './getAll.operation';

export { getAll };

/** Phishing Scenario: the email-and-landing-page templates a company can send in a phishing campaign. */
export const phishingScenarioResource = defineResource({
	name: 'Phishing Scenario',
	description: 'The phishing scenarios (email template and landing page) a company can send',
	defaultOperation: 'getAll',
	operations: {
		getAll: { name: 'Get Many', action: 'Get many phishing scenarios', description: 'Returns the phishing scenarios a company can send, one item each, optionally narrowed by name', module: getAll },
	},
});
