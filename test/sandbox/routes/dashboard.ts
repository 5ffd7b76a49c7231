/**
 * Dashboard summary: GET /api/dashboard/summary, scoped to the company of the call. The node has no operation for
 * it; the end-to-end test of the credential in n8n's HTTP Request node calls it (the spec gives
 * ServiceResult<SummaryDataResponse[]>, each block an untyped {data, status, message, validationMessages}).
 */
import { ok } from '../http';
import { scopedCompany, type Router } from '../router';

const EMPTY_BLOCKS = [
	'topReporters',
	'reportedEmailTrends',
	'dashboardTopRules',
	'runningInvestigations',
	'dashboardWidgetsOrdering',
	'recentPhishingCampaigns',
	'mostPhishedUsers',
	'topPhishingSimulationReporters',
	'mostEngagedCampaigns',
	'phishingCampaignTrends',
] as const;

function block(data: unknown): Record<string, unknown> {
	return { data, status: true, message: null, validationMessages: [] };
}

export function registerDashboardRoutes(router: Router): void {
	router.add('GET', '/api/dashboard/summary', (ctx) => {
		const company = scopedCompany(ctx);
		const counts = ctx.app.store.data(company.resourceId).counts;
		const summary = {
			dashboardSummary: block({ companyResourceId: company.resourceId, companyName: company.name, activeTargetUserCount: counts.active, inactiveTargetUserCount: counts.inactive }),
			...Object.fromEntries(EMPTY_BLOCKS.map((name) => [name, block([])])),
		};
		return ok([summary]);
	});
}
