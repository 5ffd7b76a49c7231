import type { INodeProperties } from 'n8n-workflow';

import { callbackCampaignResource } from './callbackCampaign/CallbackCampaign.resource';
import { companyResource } from './company/Company.resource';
import { companyGroupResource } from './companyGroup/CompanyGroup.resource';
import { restApiClientResource } from './restApiClient/RestApiClient.resource';
import { gamificationResource } from './gamification/Gamification.resource';
import { auditLogResource } from './auditLog/AuditLog.resource';
import { executiveReportResource } from './executiveReport/ExecutiveReport.resource';
import { scheduledReportResource } from './scheduledReport/ScheduledReport.resource';
import { directEmailCreationResource } from './directEmailCreation/DirectEmailCreation.resource';
import { phishingCampaignResource } from './phishingCampaign/PhishingCampaign.resource';
import { phishingScenarioResource } from './phishingScenario/PhishingScenario.resource';
import { quishingCampaignResource, smishingCampaignResource } from './simulationChannel/SimulationChannel.resource';
import { scimIntegrationResource } from './scimIntegration/ScimIntegration.resource';
import { systemUserResource } from './systemUser/SystemUser.resource';
import { targetGroupResource } from './targetGroup/TargetGroup.resource';
import { targetUserResource } from './targetUser/TargetUser.resource';
import { trainingResource } from './training/Training.resource';
import { trainingEnrollmentResource } from './trainingEnrollment/TrainingEnrollment.resource';
import { operationProperties } from './registry';
import type { OperationEntry, ResourceDefinition } from './types';

/**
 * Every resource of the node, keyed by the resource value saved in workflows. The Resource menu, each
 * Operation menu, every operation's fields and the router's dispatch are all built from this one map.
 */
export const resources = {
	callbackCampaign: callbackCampaignResource,
	company: companyResource,
	companyGroup: companyGroupResource,
	directEmailCreation: directEmailCreationResource,
	gamification: gamificationResource,
	auditLog: auditLogResource,
	executiveReport: executiveReportResource,
	phishingCampaign: phishingCampaignResource,
	phishingScenario: phishingScenarioResource,
	quishingCampaign: quishingCampaignResource,
	restApiClient: restApiClientResource,
	scheduledReport: scheduledReportResource,
	scimIntegration: scimIntegrationResource,
	smishingCampaign: smishingCampaignResource,
	systemUser: systemUserResource,
	targetGroup: targetGroupResource,
	targetUser: targetUserResource,
	training: trainingResource,
	trainingEnrollment: trainingEnrollmentResource,
} satisfies Record<string, ResourceDefinition>;

export type KeepnetResource = keyof typeof resources;

const byName = <T extends { name: string }>(entries: T[]): T[] => [...entries].sort((a, b) => a.name.localeCompare(b.name));

/** The node's properties: the Resource menu, one Operation menu per resource, then every operation's fields (registry.ts). */
export function nodeProperties(): INodeProperties[] {
	const entries: Array<[string, ResourceDefinition]> = Object.entries(resources);
	const resourceMenu: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: byName(entries.map(([value, resource]) => ({ name: resource.name, value, description: resource.description }))),
		default: 'targetUser',
	};
	const operationMenus: INodeProperties[] = entries.map(([value, resource]) => {
		const defaultOperation = resource.defaultOperation;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [value] } },
			options: byName(
				Object.entries(resource.operations).map(([operation, entry]: [string, OperationEntry]) => ({
					name: entry.name,
					value: operation,
					action: entry.action,
					description: entry.description,
				})),
			),
			default: defaultOperation,
		};
	});
	const operationFields = entries.flatMap(([resource, definition]) =>
		Object.entries(definition.operations).flatMap(([operation, entry]: [string, OperationEntry]) => operationProperties(resource, operation, entry.module)),
	);
	return [resourceMenu, ...operationMenus, ...operationFields];
}

/**
 * The canvas subtitle, e.g. "Create or Update: Target User": the operation's and the resource's names as their
 * menus show them, looked up by "resource:operation" in a table built from the same map (n8n evaluates the
 * subtitle as an expression, so the table is written into it as JSON). An unknown pair shows no subtitle.
 */
export function nodeSubtitle(): string {
	const names: Record<string, string> = {};
	for (const [value, resource] of Object.entries(resources) as Array<[string, ResourceDefinition]>) {
		for (const [operation, entry] of Object.entries(resource.operations) as Array<[string, OperationEntry]>) {
			names[`${value}:${operation}`] = `${entry.name}: ${resource.name}`;
		}
	}
	return `={{ (${JSON.stringify(names)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
