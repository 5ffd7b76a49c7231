import type { INodeProperties } from 'n8n-workflow';

import type { resources } from './resources';

type Resources = typeof resources;
/** "company:getAll", … : every (resource, operation) pair of the node, so none can lack a tool description. */
export type OperationKey = { [R in keyof Resources]: `${R & string}:${keyof Resources[R]['operations'] & string}` }[keyof Resources];

/**
 * What an AI agent reads about each operation when the node is its tool. n8n's automatic tool description is the
 * operation's `action` ("Delete a company in Keepnet"), which is also the line the nodes panel shows, so it must stay
 * short there. The tool variant of the node (usableAsTool.replacements) shows these instead: one sentence a model can
 * act on, saying what the operation does, what it returns, and, where it is so, that it cannot be undone.
 */
export const TOOL_DESCRIPTIONS: Record<OperationKey, string> = {
	'company:create': 'Create a customer company under this reseller and return it with its resourceId.',
	'company:delete': 'Irreversibly delete a customer company and all its data (users, groups, campaigns, results); returns the deleted company\'s resourceId.',
	'company:get': 'Get one customer company by its resourceId, with its license, contact and settings fields.',
	'company:getAll': 'List the customer companies this reseller manages, one item per company with its name, resourceId, license and user counts.',
	'company:getLicenseStatus': 'Tell whether a customer company is over its license limit: returns the license limit, the seats in use, the active, inactive and deleted user counts and the license end date.',
	'company:update': 'Change fields of a customer company, keeping every field not given, and return the company as stored.',
	'phishingCampaign:create': 'Create a phishing simulation campaign for target groups from a scenario, saved for later, scheduled or sent now, and return it with its resourceId.',
	'phishingCampaign:get': 'Get one phishing campaign with its settings and its runs (numbers, statuses, dates).',
	'phishingCampaign:getAll': 'List the phishing campaigns of a company, one item per campaign with its name, status and dates.',
	'phishingCampaign:getReport': 'List the users of one phishing campaign run, one item per user saying whether and when they opened, clicked, submitted data or reported.',
	'phishingCampaign:getReportFile': 'Download the detailed report of one phishing campaign run as a file (binary data).',
	'phishingCampaign:start': 'Start a phishing campaign (a new run, or the idle run a saved campaign has), now or at a date, which sends simulated phishing emails to real people; returns the run.',
	'phishingCampaign:stop': 'Stop a running or scheduled run of a phishing campaign so that no more of its emails are sent.',
	'systemUser:create': 'Create a platform administrator (system user) of a company with the given roles and return it with its resourceId.',
	'systemUser:delete': 'Irreversibly delete a platform administrator (system user) of a company; returns its resourceId.',
	'systemUser:get': 'Get one platform administrator (system user) by its resourceId, with its roles.',
	'systemUser:getAll': 'List the platform administrators (system users) of a company, one item per user with name, email and roles.',
	'systemUser:sendInformationEmail': 'Send the welcome email with sign-in information to a platform administrator (system user).',
	'systemUser:update': 'Change fields or roles of a platform administrator (system user), keeping every field not given, and return it as stored.',
	'targetGroup:create': 'Create a target group (a list of learners) in a company and return it with its resourceId.',
	'targetGroup:delete': 'Irreversibly delete a target group of a company (its users stay in the company); returns its resourceId.',
	'targetGroup:get': 'Get one target group by its resourceId, with its name, priority, status and member count.',
	'targetGroup:getAll': 'List the target groups of a company, one item per group with its name, resourceId and member count.',
	'targetGroup:getMembers': 'List the target users in one target group, one item per user with email, name and department.',
	'targetGroup:update': 'Change the name, priority or status of a target group and return it as stored.',
	'targetUser:addToGroups': 'Add one target user (learner), given by email or resourceId, to target groups; the user keeps the groups it had.',
	'targetUser:create': 'Create a target user (learner) in a company from an email and optional name, department and phone; fails if the email already exists; returns the user with its resourceId.',
	'targetUser:delete': 'Delete a target user (learner) of a company: it stops receiving simulations and training and frees its seat; it stays listed as deleted and cannot be restored through this node.',
	'targetUser:export': 'Export the target users of a company as a CSV, Excel or PDF file (binary data).',
	'targetUser:get': 'Get one target user (learner) by its resourceId, with email, name, department, status and groups.',
	'targetUser:getAll': 'List the target users (learners) of a company, one item per user with email, name, department and status.',
	'targetUser:getCountSummary': 'Count the active, inactive and deleted target users (learners) of a company.',
	'targetUser:import': 'Create or update many target users (learners) of a company at once through Keepnet\'s bulk import, one output item per input item.',
	'targetUser:removeFromGroups': 'Remove one target user (learner) from target groups; the user stays in the company.',
	'targetUser:update': 'Change fields of one target user (learner), keeping every field not given, and return the user as stored.',
	'targetUser:upsert': 'Create a target user (learner) in a company, or update the existing one with the same email, and return it with "action": "created" or "updated".',
	'trainingEnrollment:create': 'Enroll target groups or users of a company in a training, scheduled or sent now, and return the enrollment with its resourceId.',
	'trainingEnrollment:get': 'Get one training enrollment with its settings and its completion counts.',
	'trainingEnrollment:getAll': 'List the training enrollments of a company, one item per enrollment with its name, training, status and dates.',
	'trainingEnrollment:getReport': 'List the users of one training enrollment, one item per user with progress (not started, in progress, completed) and dates.',
	'trainingEnrollment:send': 'Send a scheduled training enrollment to its learners now instead of at its date.',
};

/**
 * The node's properties as its tool variant shows them: each Operation menu's `action` (what n8n hands the agent
 * as the tool's description) replaced by the operation's tool description; everything else unchanged.
 */
export function toolVariantProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		if (property.name !== 'operation' || property.type !== 'options' || !property.options) return property;
		const resource = property.displayOptions?.show?.resource?.[0];
		return {
			...property,
			options: property.options.map((option) => {
				if (!('value' in option)) return option;
				const key = `${String(resource)}:${String(option.value)}` as OperationKey;
				return { ...option, action: TOOL_DESCRIPTIONS[key] ?? ('action' in option ? option.action : undefined) };
			}),
		};
	});
}
