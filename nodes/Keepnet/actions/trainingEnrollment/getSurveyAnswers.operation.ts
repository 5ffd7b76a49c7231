import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection, returnAllAndLimit } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readPaging } from '../../helpers/parameters';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { enrollmentNotFound } from './api';
import { readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	enrollmentLocator(),
	...returnAllAndLimit().map((property) =>
		property.name === 'limit' ? { ...property, description: 'Max number of users to read answers of (each gives one item per question)' } : property,
	),
	optionsCollection([
		{
			displayName: 'Include Users Without Answers',
			name: 'includeUnanswered',
			type: 'boolean',
			default: false,
			description: 'Whether users who have not answered get one item with answered set to false (otherwise they are left out)',
		},
	]),
];

interface Prepared extends EnrollmentTarget {
	limit: number;
	includeUnanswered: boolean;
}

/** ISO 8601 duration (`PT0H1M15S`, as Keepnet gives `latency`) in seconds, or null. */
function durationSeconds(value: unknown): number | null {
	const match = typeof value === 'string' ? /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value.trim()) : null;
	if (!match || value === 'P' || value === 'PT') return null;
	const [, days, hours, minutes, seconds] = match;
	return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

/** The user's answer to one question: the option marked isUserAnswer, else the raw response (`4_Strongly_Agree`). */
function answerOf(interaction: IDataObject): { answer: string | null; answerCode: string | null } {
	const options = Array.isArray(interaction.answers) ? (interaction.answers as IDataObject[]) : [];
	const chosen = options.filter((option) => option?.isUserAnswer === true).map((option) => String(option.option ?? ''));
	const response = typeof interaction.studentOrLearnerResponse === 'string' ? interaction.studentOrLearnerResponse : null;
	const answer = chosen.length > 0 ? chosen.join(', ') : response === null ? null : response.replace(/^[^_]*_/, '').replace(/_/g, ' ');
	// The code is what comes before the first "_" of the raw response (e.g. "4" for a 1–5 scale).
	const answerCode = response !== null && response.includes('_') ? response.slice(0, response.indexOf('_')) : response;
	return { answer, answerCode };
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return { ...readEnrollmentTarget(this, session, itemIndex), limit: readPaging(this, itemIndex).limit, includeUnanswered: options.includeUnanswered === true };
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, session) {
		const notFoundSubject = enrollmentNotFound(prepared.companyId, prepared.enrollmentId);
		// The enrolled users (trainingType 0 = trainings and surveys, docs/keepnet-api.md#enrollment-get-and-summary), then each one's answers
		// (docs/results-reporting.md: exam-result-sessions, the call Keepnet's own survey script made per user).
		const users = await session.search<IDataObject>(
			{ path: `/api/training-reports/${prepared.enrollmentId}/users/search`, body: { filter: buildFilter(), orderBy: 'Email', ascending: true, trainingType: 0 }, companyId: prepared.companyId, itemIndex, notFoundSubject },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		const output: IDataObject[] = [];
		for (const user of users) {
			if (typeof user.targetUserResourceId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(user.targetUserResourceId)) continue;
			const person = { enrollmentId: prepared.enrollmentId, targetUserResourceId: user.targetUserResourceId, email: user.email ?? null, firstName: user.firstName ?? null, lastName: user.lastName ?? null };
			const sessions =
				(await session.request<IDataObject[] | undefined>({
					method: 'GET',
					path: `/api/training-reports/${prepared.enrollmentId}/exam-result-sessions/${user.targetUserResourceId}`,
					companyId: prepared.companyId,
					headers: { 'x-ir-company-id': prepared.companyId },
					retry: 'safe',
					itemIndex,
					notFoundSubject,
				})) ?? [];
			let answered = 0;
			for (const enrollmentSession of Array.isArray(sessions) ? sessions : []) {
				const interactions = Array.isArray(enrollmentSession?.interactionsHumanReadable) ? (enrollmentSession.interactionsHumanReadable as IDataObject[]) : [];
				for (const [position, interaction] of interactions.entries()) {
					answered++;
					output.push({
						...person,
						answered: true,
						sessionTime: enrollmentSession.enrollmentSessionCreatedAt ?? null,
						questionIndex: typeof interaction.index === 'number' ? interaction.index : position,
						question: interaction.question ?? interaction.description ?? null,
						...answerOf(interaction),
						result: interaction.result ?? null,
						latencySeconds: durationSeconds(interaction.latency),
					});
				}
			}
			if (answered === 0 && prepared.includeUnanswered) output.push({ ...person, answered: false });
		}
		return output.map((json) => ({ json }));
	},
};
