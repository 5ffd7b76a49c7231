/**
 * "All Companies I Manage": one read-only operation run once per customer of the Reseller credential, the mechanism
 * behind the node's Companies field and the trigger's All Companies polling. How it behaves is documented in
 * docs/all-companies.md; an operation opts in with `acrossCompanies: true` in its handler (types.ts).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pages } from '../transport/paging';
import { companySearchPages } from './company/api';
import { ACROSS_COMPANIES_CONCURRENCY, COMPANY_LIST_PAGE_SIZE, isForbidden, runPaced } from './fanOut';
import { asNodeError, errorJson, identityOf } from './runner';
import type { CompanyRef, ItemOperation, OperationOutput } from './types';
import type { KeepnetSession } from '../transport/session';

/** The editor field that chooses one company or all of them. */
export const COMPANY_SCOPE_PARAMETER = 'companyScope';
/** The Companies field: placed before the Company picker, which it hides when all companies are chosen. */
function companyScopeField(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Companies',
		name: COMPANY_SCOPE_PARAMETER,
		type: 'options',
		noDataExpression: true,
		default: 'one',
		description:
			'Which customers to read. With all companies the node lists your customers and runs once for each; every output item then carries the customer in "company".',
		options: [
			{ name: 'All Companies I Manage', value: 'all' },
			{ name: 'One Company', value: 'one' },
		],
		displayOptions,
	};
}

/**
 * An opted-in operation's fields with the Companies field added before its Company picker (companyId), which then
 * shows only for One Company. Used by resources.ts for every operation whose handler sets acrossCompanies.
 */
export function withCompanyScope(description: INodeProperties[]): INodeProperties[] {
	const index = description.findIndex((property) => property.name === 'companyId');
	if (index < 0) throw new Error('An operation across companies needs a Company field (companyId)');
	const picker = description[index];
	const scoped: INodeProperties = {
		...picker,
		displayOptions: { ...picker.displayOptions, show: { ...picker.displayOptions?.show, [COMPANY_SCOPE_PARAMETER]: ['one'] } },
	};
	return [...description.slice(0, index), companyScopeField(picker.displayOptions), scoped, ...description.slice(index + 1)];
}

/** The customers of the Reseller credential, by name: the paged company search, one request per 1,000 companies. */
export async function listManagedCompanies(session: KeepnetSession, itemIndex?: number): Promise<CompanyRef[]> {
	const companies = new Map<string, CompanyRef>();
	for await (const page of pages(companySearchPages(session, { itemIndex }), { pageSize: COMPANY_LIST_PAGE_SIZE })) {
		for (const row of page.rows) {
			if (typeof row.companyResourceId !== 'string' || companies.has(row.companyResourceId)) continue;
			companies.set(row.companyResourceId, { resourceId: row.companyResourceId, name: typeof row.companyName === 'string' ? row.companyName : null });
		}
	}
	return [...companies.values()];
}

/** The error, its message naming the customer it came from (the transport's messages name the request only). */
function naming(error: unknown, company: CompanyRef): unknown {
	if (error instanceof Error) {
		const label = `company "${company.name ?? company.resourceId}" (${company.resourceId})`;
		if (!error.message.includes(company.resourceId)) error.message = `${error.message} [${label}]`;
	}
	return error;
}

const tagged = (output: OperationOutput, company: CompanyRef): OperationOutput => ({ ...output, json: { ...output.json, company: { ...company } } });

/**
 * Runs an opted-in operation once per input item and customer. Every item is prepared (and checked) before the first
 * request; the customers are listed once; then each (item, customer) pair runs, ACROSS_COMPANIES_CONCURRENCY at a
 * time. Output: per item, per customer in name order, the operation's items with `company: { resourceId, name }`.
 * A customer answering 403 is skipped and named in a warning; other failures follow Continue On Fail (an error item
 * naming the customer, or the run stops with the customer in the message).
 */
export async function runAcrossCompanies(
	this: IExecuteFunctions,
	operation: ItemOperation<unknown>,
	items: INodeExecutionData[],
	session: KeepnetSession,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const prepared: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = await session.whilePreparingForAllCompanies(() => operation.prepare.call(this, itemIndex, session));
			if (typeof (value as { companyId?: unknown } | undefined)?.companyId !== 'string') {
				throw new NodeOperationError(this.getNode(), 'This operation cannot run for all companies (it names no company)', { itemIndex });
			}
			prepared.push({ ok: true, value });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, itemIndex);
			prepared.push({ ok: false, error });
		}
	}

	let companies: CompanyRef[] = [];
	if (prepared.some((entry) => entry.ok)) {
		try {
			companies = await listManagedCompanies(session);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, 0);
			for (const [itemIndex, entry] of prepared.entries()) if (entry.ok) prepared[itemIndex] = { ok: false, error };
		}
	}

	const pairs: Array<{ itemIndex: number; company: CompanyRef }> = [];
	for (const [itemIndex, entry] of prepared.entries()) {
		if (entry.ok) for (const company of companies) pairs.push({ itemIndex, company });
	}
	const settled = await runPaced(
		session,
		ACROSS_COMPANIES_CONCURRENCY,
		pairs.length,
		async (index) => {
			const { itemIndex, company } = pairs[index];
			const entry = prepared[itemIndex] as { ok: true; value: { companyId: string } };
			const forCompany = operation.forCompany ? operation.forCompany(entry.value, company) : { ...entry.value, companyId: company.resourceId };
			return await operation.run.call(this, forCompany, itemIndex, session);
		},
		(error) => !continueOnFail && !isForbidden(error),
	);

	const firstFailure = settled.findIndex((outcome) => outcome !== undefined && !outcome.ok && !isForbidden(outcome.error));
	if (firstFailure >= 0 && !continueOnFail) {
		const { itemIndex, company } = pairs[firstFailure];
		throw asNodeError(this, naming((settled[firstFailure] as { error: unknown }).error, company), itemIndex);
	}

	const results: INodeExecutionData[] = [];
	const refused = new Map<string, CompanyRef>();
	let pairIndex = 0;
	for (const [itemIndex, entry] of prepared.entries()) {
		if (!entry.ok) {
			results.push({ json: errorJson(entry.error, identityOf(this, operation, itemIndex)), pairedItem: { item: itemIndex } });
			continue;
		}
		for (const company of companies) {
			const outcome = settled[pairIndex++];
			if (outcome === undefined) continue;
			if (outcome.ok) {
				for (const output of outcome.value) results.push({ ...tagged(output, company), pairedItem: { item: itemIndex } });
			} else if (isForbidden(outcome.error)) {
				refused.set(company.resourceId, company);
			} else {
				results.push({
					json: { ...errorJson(outcome.error, identityOf(this, operation, itemIndex)), company: { ...company } },
					pairedItem: { item: itemIndex },
				});
			}
		}
	}
	if (refused.size > 0) reportRefused(this, [...refused.values()]);
	return results;
}

/** Customers that refused access: a warning in the editor's output pane and in n8n's log; the run succeeds. */
function reportRefused(ctx: IExecuteFunctions, companies: CompanyRef[]): void {
	const names = companies.map((company) => `${company.name ?? company.resourceId} (${company.resourceId})`);
	const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
	const message = `Skipped ${companies.length} ${companies.length === 1 ? 'company' : 'companies'} that refused access (HTTP 403): ${shown}`;
	ctx.logger.warn(`Keepnet: ${message}`);
	ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}
