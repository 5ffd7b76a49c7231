import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { getTargetGroup } from './api';
import { readTargetGroupTarget, type TargetGroupTarget } from './body';
import { targetGroupLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), targetGroupLocator()];

export const handler: ItemOperation<TargetGroupTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readTargetGroupTarget(this, session, itemIndex);
	},
	identifyBy: ['targetGroupId'],
	async run(prepared, itemIndex, session) {
		return [{ json: await getTargetGroup(session, prepared.companyId, prepared.targetGroupId, itemIndex) }];
	},
};
