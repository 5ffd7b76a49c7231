import { listCompanies } from '../sources';
import type { StateEvent } from './types';

/** Over the license limit: the companies Keepnet lists with isTargetUserCountExceededLimit (docs/keepnet-api.md#trigger-events). */
export const companyOverLicenseLimit: StateEvent = {
	kind: 'state',
	label: 'Company Over License Limit',
	description: 'A customer starts using more seats than its license allows',
	scope: 'reseller',
	async members({ env }) {
		return (await listCompanies(env, { onlyOverLicenseLimit: true })).map((row) => ({ row, value: 'overLimit' }));
	},
};
