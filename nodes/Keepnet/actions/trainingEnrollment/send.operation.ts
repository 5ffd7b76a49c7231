import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { enrollmentNotFound } from './api';
import { readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), enrollmentLocator()];

export const handler: ItemOperation<EnrollmentTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return readEnrollmentTarget(this, itemIndex);
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, state) {
		// A send that may have gone through is not repeated: users would get the training email twice.
		await keepnetApiRequest(this, state, {
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
