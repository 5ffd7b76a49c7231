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
	prepare(itemIndex) {
		return readTargetGroupTarget(this, itemIndex);
	},
	identifyBy: ['targetGroupId'],
	async run(prepared, itemIndex, state) {
		return [{ json: await getTargetGroup(this, state, prepared.companyId, prepared.targetGroupId, itemIndex) }];
	},
};
