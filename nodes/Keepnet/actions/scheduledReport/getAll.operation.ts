import { searchOperation } from '../searchOperation';

const operation = searchOperation({
	path: '/api/report-scheduling/search',
	company: 'The customer company whose scheduled reports to list (sent as the scope header)',
	// Keepnet matches the text itself (name and report name): no column list.
	searchText: { fields: [], placeholder: 'e.g. monthly', description: 'Only schedules whose name or report name contains this text', max: 100 },
	sort: { orderBy: 'CreateTime', ascending: false },
	// The list has no recipients (docs/billing-and-reports.md#endpoints-per-operation): Get reads them.
	simplify: ['resourceId', 'name', 'reportName', 'reportResourceId', 'frequency', 'status', 'nextSendDate', 'lastSendDate'],
});

export const description = operation.description;
export const handler = operation.handler;
