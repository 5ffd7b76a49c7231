import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { enrollmentNotFound } from './api';
import { readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), enrollmentLocator()];

export const handler: ItemOperation<EnrollmentTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readEnrollmentTarget(this, session, itemIndex);
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, session) {
		// A send that may have gone through is not repeated: users would get the training email twice.
		await session.request({
			method: 'POST',
			path: `/api/enrollments/${prepared.enrollmentId}/send`,
			body: {},
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: enrollmentNotFound(prepared.companyId, prepared.enrollmentId),
		});
		return [{ json: { enrollmentId: prepared.enrollmentId, companyId: prepared.companyId, sent: true } }];
	},
};
