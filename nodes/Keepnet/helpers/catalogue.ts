import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { buildFilter } from '../transport/search';
import type { RecordReference } from './parameters';
import { findRecordIdByName } from './recordByName';
import type { KeepnetSession } from '../transport/session';

/**
 * Keepnet calls that both operations and the editor's lists make: the training and scenario catalogues (and
 * finding an entry by name), a training's languages, a company's email delivery settings.
 */

/**
 * POST /api/trainings/search without its filter: the whole catalogue as the company sees it, newest first, as
 * Keepnet's UI and agent list it (docs/keepnet-api.md#training-catalogue; sorting by Name is unverified).
 */
export const TRAINING_CATALOGUE_SEARCH = { path: '/api/trainings/search', body: { orderBy: 'CreateTime', ascending: false, trainingSearchType: 1, trainingType: null } };

/** The training search for a search text, as the Training picker and Training → Get Many both send it. */
export function trainingSearchBody(searchText: string): IDataObject {
	return { ...TRAINING_CATALOGUE_SEARCH.body, filter: buildFilter([], searchText, ['Name']) };
}

/** A training given by ID, or by its exact name in the company's catalogue (Training → By Name). */
export async function resolveTrainingId(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	session: KeepnetSession,
	companyId: string,
	training: RecordReference,
	itemIndex: number | undefined,
): Promise<string> {
	if ('id' in training) return training.id;
	return await findRecordIdByName(ctx, session, { ...TRAINING_CATALOGUE_SEARCH, companyId, nameField: 'trainingName', idField: 'trainingId', label: 'Training' }, training.name, itemIndex);
}

/** The languages one training is offered in (GET /api/enrollments/{trainingId}/languages, docs/keepnet-api.md#training-languages): LanguageDTOs. */
export async function trainingLanguages(
	session: KeepnetSession,
	companyId: string,
	trainingId: string,
	itemIndex: number | undefined,
): Promise<IDataObject[]> {
	const languages = await session.request<IDataObject[] | undefined>({
		method: 'GET',
		path: `/api/enrollments/${trainingId}/languages`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: `training "${trainingId}" in company "${companyId}"`,
	});
	return (Array.isArray(languages) ? languages : []).filter((language) => typeof language?.id === 'string');
}

/** POST …/phishing-scenario/search without its filter: the scenarios the company can send, by name. */
export const SCENARIO_CATALOGUE_SEARCH = { path: '/api/phishing-simulator/phishing-scenario/search', body: { orderBy: 'Name', ascending: true } };

/** The scenario search for a search text, as the Scenario picker and Phishing Scenario → Get Many both send it. */
export function scenarioSearchBody(searchText: string): IDataObject {
	return { ...SCENARIO_CATALOGUE_SEARCH.body, filter: buildFilter([], searchText, ['Name']) };
}

/** A scenario given by ID, or by its exact name among the company's scenarios (Scenario → By Name). */
export async function resolveScenarioId(ctx: IExecuteFunctions | ILoadOptionsFunctions, session: KeepnetSession, companyId: string, scenario: RecordReference, itemIndex: number): Promise<string> {
	if ('id' in scenario) return scenario.id;
	return await findRecordIdByName(ctx, session, { ...SCENARIO_CATALOGUE_SEARCH, companyId, nameField: 'name', idField: 'resourceId', label: 'Scenario' }, scenario.name, itemIndex);
}

/** emailDeliverySettingType values (docs/keepnet-api.md#phishing-campaign-create): the setting's type decides which id field carries it. */
export const DELIVERY_TYPE_SMTP = 1;
export const DELIVERY_TYPE_DIRECT_EMAIL = 2;

/** One email delivery setting of a company: an SMTP setting (type 1) or a Direct Email Creation setting (type 2). */
export interface DeliverySetting {
	resourceId: string;
	type: number;
	name?: string;
	isDefault?: boolean;
}

export function asDeliverySetting(value: unknown): DeliverySetting | undefined {
	const record = value !== null && typeof value === 'object' ? (value as IDataObject) : undefined;
	const type = Number(record?.type);
	if (typeof record?.resourceId !== 'string' || record.resourceId === '' || (type !== DELIVERY_TYPE_SMTP && type !== DELIVERY_TYPE_DIRECT_EMAIL)) return undefined;
	return { resourceId: record.resourceId, type, name: typeof record.name === 'string' ? record.name : undefined, isDefault: record.isDefault === true };
}

/** The company's delivery settings (GET …/phishing-campaign/email-delivery-setting-list, as the web app's campaign form lists them). */
export async function listDeliverySettings(session: KeepnetSession, companyId: string, itemIndex?: number): Promise<DeliverySetting[]> {
	const list = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: '/api/phishing-simulator/phishing-campaign/email-delivery-setting-list',
		companyId,
		retry: 'safe',
		itemIndex,
	});
	const results = Array.isArray(list?.results) ? list.results : [];
	return results.map(asDeliverySetting).filter((setting): setting is DeliverySetting => setting !== undefined);
}

