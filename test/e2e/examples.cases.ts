/**
 * What each example workflow in examples/ must do when run against the sandbox: its outputs, the requests the
 * sandbox received (X-KEEPNET-Company-Id header, bodies) and the sandbox's data afterwards. Expected values are
 * derived from the sandbox's own state and from the workflow file, never copied from a previous run.
 */
import assert from 'node:assert/strict';

import ExcelJS from 'exceljs';

import { channelJourneyOf, journeyOf, reportsOf, resellerOf, targetUserFields, type SandboxChannel } from '../sandbox';
import { findLookup, LOOKUP_TYPE } from '../sandbox/lookups';
import { campaignSettingsOf, SCENARIO_CATALOGUE } from '../sandbox/routes/phishingCampaigns';
import { enrollmentSettingsOf } from '../sandbox/routes/trainingEnrollments';
import type { TargetUserFields } from '../sandbox/store';
import type { Sandbox } from '../sandbox/types';
import type { N8nInstance, WorkflowFile, WorkflowRun } from '../../scripts/n8n/lib/instance';
import { KEEPNET_NODE_TYPE } from '../../scripts/n8n/lib/examples';
import { apiRequests, companyHeaderOf, describeRequests, nodeOutput, readBinary } from './support';

export interface E2eContext {
	sandbox: Sandbox;
	instance: N8nInstance;
}

export interface ExampleCase {
	/** File name in examples/. */
	file: string;
	title: string;
	/** Adjusts the workflow for this sandbox before import (ids that are per company, e.g. roles). */
	prepareForImport?: (context: Pick<E2eContext, 'sandbox'>, workflow: WorkflowFile, companyId: string) => WorkflowFile;
	/** Called before the run, e.g. to record the sandbox's state; its result is passed to check. */
	before?: (context: E2eContext, workflow: WorkflowFile) => unknown;
	/** The lowest n8n major version the example runs on; older ones skip it (with the reason) instead of failing. */
	minimumN8n?: { major: number; reason: string };
	/** Called with the successful run; the sandbox's request log holds only this workflow's requests. */
	check: (context: E2eContext, run: WorkflowRun, workflow: WorkflowFile, before: unknown) => Promise<void> | void;
}

function keepnetNode(workflow: WorkflowFile, name: string): WorkflowFile['nodes'][number] {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	assert.ok(node, `the example has no node "${name}"`);
	assert.equal(node.type, KEEPNET_NODE_TYPE, `node "${name}" is not the Keepnet node`);
	return node;
}

/** The fixed company a Keepnet node of the imported workflow acts in. */
function fixedCompanyOf(workflow: WorkflowFile, nodeName: string): string {
	const locator = keepnetNode(workflow, nodeName).parameters.companyId as { value?: unknown } | undefined;
	assert.ok(typeof locator?.value === 'string' && locator.value !== '', `node "${nodeName}" has no company`);
	return locator.value;
}

function assertEveryRequestActsIn(requests: Sandbox['requests'], companyId: string): void {
	const api = apiRequests(requests);
	assert.ok(api.length > 0, 'the workflow sent no API request');
	for (const request of api) {
		assert.equal(companyHeaderOf(request), companyId, `${request.method} ${request.path} was not sent for company ${companyId}`);
	}
}

/** The rows the onboarding example's Code node produces, read from its source (so editing the example updates the test). */
function onboardingRows(workflow: WorkflowFile): Array<{ email: string; department: string }> {
	const code = String(workflow.nodes.find((node) => node.name === 'Users to onboard')?.parameters.jsCode ?? '');
	const rows = [...code.matchAll(/email:\s*'([^']+)'[^}]*department:\s*'([^']+)'/g)].map((match) => ({ email: match[1] ?? '', department: match[2] ?? '' }));
	assert.ok(rows.length >= 3, `could not read the rows of "Users to onboard" (${rows.length} found)`);
	return rows;
}

const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** The rows of the sync example's HR list (read from its Code node, so editing the example updates the test). */
function hrListRows(workflow: WorkflowFile): Array<{ email: string; phone: string; firstName: string; lastName: string; department: string }> {
	const code = String(workflow.nodes.find((node) => node.name === 'HR list')?.parameters.jsCode ?? '');
	const rows = [...code.matchAll(/\{ email: '([^']+)', phone: '([^']+)', firstName: '([^']+)', lastName: '([^']+)', department: '([^']+)' \}/g)].map((match) => ({
		email: match[1],
		phone: match[2],
		firstName: match[3],
		lastName: match[4],
		department: match[5],
	}));
	assert.equal(rows.length, 5, 'the HR list of the sync example should have five rows');
	return rows;
}

async function emailsOfXlsx(content: Buffer): Promise<string[]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(content);
	const sheet = workbook.worksheets[0];
	assert.ok(sheet, 'the XLSX file has no sheet');
	const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
	const emailColumn = header.indexOf('Email');
	assert.ok(emailColumn > 0, `the XLSX header has no Email column: ${JSON.stringify(header)}`);
	const emails: string[] = [];
	sheet.eachRow((row, rowNumber) => {
		if (rowNumber > 1) emails.push(String(row.getCell(emailColumn).value ?? ''));
	});
	return emails;
}

function emailsOfCsv(content: Buffer): string[] {
	const lines = content.toString('utf8').split(/\r?\n/).filter((line) => line !== '');
	const header = (lines[0] ?? '').split(',');
	const emailColumn = header.indexOf('Email');
	assert.ok(emailColumn >= 0, `the CSV header has no Email column: ${lines[0]}`);
	// Emails contain no comma or quote, so a plain split finds the column in every row.
	return lines.slice(1).map((line) => line.split(',')[emailColumn] ?? '');
}

/** The customer the onboarding-a-new-customer example's Code node describes, read from its source. */
function newCustomerOf(workflow: WorkflowFile): {
	companyName: string;
	adminEmail: string;
	groupName: string;
	userEmails: string[];
	companyGroup: string;
	identityProvider: string;
} {
	const code = String(workflow.nodes.find((node) => node.name === 'Customer')?.parameters.jsCode ?? '');
	const companyName = /company:\s*\{\s*name:\s*'([^']+)'/.exec(code)?.[1];
	const companyGroup = /companyGroup:\s*'([^']+)'/.exec(code)?.[1];
	const identityProvider = /identityProvider:\s*'([^']+)'/.exec(code)?.[1];
	const adminEmail = /admin:\s*\{[^}]*email:\s*'([^']+)'/.exec(code)?.[1];
	const groupName = /groupName:\s*'([^']+)'/.exec(code)?.[1];
	const usersBlock = /users:\s*\[([\s\S]*?)\]/.exec(code)?.[1] ?? '';
	const userEmails = [...usersBlock.matchAll(/email:\s*'([^']+)'/g)].map((match) => match[1] ?? '');
	assert.ok(
		companyName && adminEmail && groupName && userEmails.length >= 2 && companyGroup && identityProvider,
		`could not read the customer from "Customer": ${JSON.stringify({ companyName, adminEmail, groupName, userEmails, companyGroup, identityProvider })}`,
	);
	return { companyName, adminEmail, groupName, userEmails, companyGroup, identityProvider };
}

/** The simulation example's channels: its Get Runs node, the sandbox channel and the row's channel label. */
const MONTHLY_CHANNELS: Array<{ node: string; channel: SandboxChannel; label: string; path: RegExp }> = [
	{ node: 'Email phishing runs', channel: 'phishing', label: 'Email phishing', path: /^\/api\/phishing-simulator\/phishing-campaign-job-report\/search$/i },
	{ node: 'SMS (smishing) runs', channel: 'smishing', label: 'SMS (smishing)', path: /^\/api\/smishing-simulator\/smishing-campaign-job-report\/search$/i },
	{ node: 'QR-code (quishing) runs', channel: 'quishing', label: 'QR code (quishing)', path: /^\/api\/quishing-simulator\/quishing-campaign-job-report\/search$/i },
];

/** Start of a calendar month (UTC) `offset` months from now; seeds sit mid-month or at noon, clear of time-zone edges. */
const monthStart = (offset: number) => {
	const now = new Date();
	return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1);
};

export const EXAMPLE_CASES: ExampleCase[] = [
	{
		file: 'onboard-users-from-list.json',
		title: 'creates new rows, updates the existing one, reports the invalid one',
		before({ sandbox }, workflow) {
			const companyId = fixedCompanyOf(workflow, 'Create or update target users');
			const existing = onboardingRows(workflow)
				.filter((row) => sandbox.store.findTargetUserByEmail(companyId, row.email) !== undefined)
				.map((row) => row.email);
			return { companyId, existing };
		},
		check({ sandbox }, run, workflow, before) {
			const { companyId, existing } = before as { companyId: string; existing: string[] };
			const rows = onboardingRows(workflow);
			const valid = rows.filter((row) => looksLikeEmail(row.email));
			const expectedCreated = valid.filter((row) => !existing.includes(row.email)).map((row) => row.email);
			const expectedUpdated = valid.filter((row) => existing.includes(row.email)).map((row) => row.email);
			const invalid = rows.filter((row) => !looksLikeEmail(row.email)).map((row) => row.email);
			assert.ok(expectedCreated.length > 0 && expectedUpdated.length > 0 && invalid.length > 0, 'the example should show all three outcomes');

			const [report] = nodeOutput(run, 'Report').map((item) => item.json);
			assert.ok(report, 'Report produced nothing');
			assert.equal(report.created, expectedCreated.length, `created: ${JSON.stringify(report)}`);
			assert.equal(report.updated, expectedUpdated.length, `updated: ${JSON.stringify(report)}`);
			assert.equal(report.failed, invalid.length, `failed: ${JSON.stringify(report)}`);
			assert.deepEqual([...(report.createdEmails as string[])].sort(), [...expectedCreated].sort());
			assert.deepEqual(report.updatedEmails, expectedUpdated);

			assertEveryRequestActsIn(sandbox.requests, companyId);
			const creates = apiRequests(sandbox.requests, 'POST', /^\/api\/target-users$/i);
			assert.deepEqual(
				creates.map((request) => (request.body as { email?: string }).email).sort(),
				[...expectedCreated].sort(),
				`creates:\n${describeRequests(sandbox.requests)}`,
			);
			const updates = apiRequests(sandbox.requests, 'PUT', /^\/api\/target-users\/[^/]+$/i);
			assert.deepEqual(updates.map((request) => (request.body as { email?: string }).email), expectedUpdated);
			for (const email of invalid) {
				assert.ok(!JSON.stringify(sandbox.requests.map((request) => request.body)).includes(email), `the invalid row ${email} reached Keepnet`);
			}
			// The sandbox now holds every valid row with the department from the list.
			for (const row of valid) {
				const stored = sandbox.store.findTargetUserByEmail(companyId, row.email);
				assert.ok(stored, `${row.email} is not in the sandbox after the run`);
				assert.equal(stored.department, row.department, `${row.email}'s department`);
			}
		},
	},
	{
		file: 'sync-users-from-hr-list.json',
		title: 'dry run writes nothing; the sync creates the joiner into HR Sync, updates the changed person, deactivates the member who left, leaves non-members alone',
		before({ sandbox }, workflow) {
			const companyId = fixedCompanyOf(workflow, 'Sync target users');
			const rows = hrListRows(workflow);
			const store = sandbox.store;
			const data = store.data(companyId);
			// The group the example manages: the first four people of the list are members (the second with an old
			// department), the fifth is new, and one member is missing from the list (the leaver).
			let group = [...data.targetGroups.values()].find((candidate) => candidate.name === 'HR Sync');
			if (!group) {
				group = { resourceId: store.newId(), companyId, name: 'HR Sync', priority: 'Medium', createTime: new Date().toISOString(), updateTime: null, isEditable: true, isSystemGenerated: false, isActive: true, memberIds: new Set<string>(), seq: store.newSeq() };
				data.targetGroups.set(group.resourceId, group);
			}
			const ensure = (email: string, fields: Partial<TargetUserFields>) => {
				const existing = store.findTargetUserByEmail(companyId, email);
				const user = existing ?? store.addTargetUser(companyId, targetUserFields(email, { phoneNumber: '+15555550000', ...fields }));
				if (existing) store.updateTargetUser(existing, { isActive: true, ...fields });
				store.addMembership(companyId, (group as { resourceId: string }).resourceId, user.resourceId);
				return user;
			};
			rows.slice(0, 4).forEach((row, index) => ensure(row.email.trim(), { firstName: row.firstName, lastName: row.lastName, phoneNumber: row.phone, department: index === 1 ? 'Old Department' : row.department }));
			const leaver = ensure('former.employee@globex.example', { firstName: 'Former', lastName: 'Employee', department: 'Sales' });
			const joiner = store.findTargetUserByEmail(companyId, rows[4].email);
			if (joiner) store.softDeleteTargetUser(joiner);
			const outsiders = store.targetUsersOf(companyId).filter((user) => !user.isDeleted && !group?.memberIds.has(user.resourceId)).map((user) => structuredClone({ ...user, groupIds: [...user.groupIds] }));
			assert.ok(outsiders.length > 0, 'the company should have users outside HR Sync, to show they stay untouched');
			return { companyId, groupId: group.resourceId, leaverId: leaver.resourceId, outsiders };
		},
		check({ sandbox }, run, workflow, before) {
			const { companyId, groupId, leaverId, outsiders } = before as { companyId: string; groupId: string; leaverId: string; outsiders: Array<{ resourceId: string }> };
			const rows = hrListRows(workflow);
			const plan = nodeOutput(run, 'Plan (Dry Run)').map((item) => item.json);
			assert.deepEqual(
				plan.filter((json) => json.summary !== true && json.leaver !== true).map((json) => json.action),
				['unchanged', 'update', 'unchanged', 'unchanged', 'create'],
				`plan: ${JSON.stringify(plan)}`,
			);
			assert.deepEqual(plan.filter((json) => json.leaver === true).map((json) => [json.email, json.action]), [['former.employee@globex.example', 'deactivate']]);

			const [report] = nodeOutput(run, 'Report').map((item) => item.json);
			assert.ok(report, 'Report produced nothing');
			assert.deepEqual(report.created, [rows[4].email]);
			assert.deepEqual(report.updated, [{ email: rows[1].email.trim(), changes: { department: { from: 'Old Department', to: rows[1].department } } }]);
			assert.deepEqual(report.deactivated, ['former.employee@globex.example']);

			// Writes: the joiner's create (into the group), one PUT for the change and one for the leaver; nothing in the dry run.
			assertEveryRequestActsIn(sandbox.requests, companyId);
			const creates = apiRequests(sandbox.requests, 'POST', /^\/api\/target-users$/i);
			assert.deepEqual(creates.map((request) => (request.body as { email?: string }).email), [rows[4].email], `creates:\n${describeRequests(sandbox.requests)}`);
			assert.deepEqual((creates[0].body as { targetGroupResourceIds?: string[] }).targetGroupResourceIds, [groupId]);
			assert.equal(apiRequests(sandbox.requests, 'PUT', /^\/api\/target-users\/[^/]+$/i).length, 2, describeRequests(sandbox.requests));
			assert.equal(apiRequests(sandbox.requests, 'DELETE', /./).length, 0);

			const store = sandbox.store;
			assert.equal(store.findTargetUserByEmail(companyId, rows[1].email)?.department, rows[1].department);
			const joiner = store.findTargetUserByEmail(companyId, rows[4].email);
			assert.ok(joiner && joiner.groupIds.has(groupId), 'the joiner is in HR Sync');
			const leaver = store.data(companyId).targetUsers.get(leaverId);
			assert.ok(leaver && leaver.isActive === false && !leaver.isDeleted && leaver.groupIds.has(groupId), 'the leaver is deactivated, kept, still in its group');
			for (const outsider of outsiders) {
				const now = store.data(companyId).targetUsers.get(outsider.resourceId);
				assert.deepEqual(structuredClone({ ...now, groupIds: [...(now?.groupIds ?? [])] }), outsider, `a user outside HR Sync changed: ${outsider.resourceId}`);
			}
		},
	},
	{
		file: 'export-target-users.json',
		title: 'CSV and Excel files hold every (not deleted) target user of the company',
		async check({ sandbox, instance }, run, workflow) {
			const companyId = fixedCompanyOf(workflow, 'Export as CSV');
			const expectedEmails = sandbox.store
				.targetUsersOf(companyId)
				.filter((user) => !user.isDeleted)
				.map((user) => user.email)
				.sort();
			assert.ok(expectedEmails.length > 0, 'the company has no target user to export');

			const [csvItem] = nodeOutput(run, 'Export as CSV');
			const csvFile = csvItem?.binary?.data;
			assert.ok(csvFile, 'Export as CSV produced no binary "data"');
			assert.equal(csvFile.mimeType, 'text/csv');
			assert.equal(csvFile.fileName, 'target-users.csv');
			assert.deepEqual(emailsOfCsv(await readBinary(instance, csvFile)).sort(), expectedEmails);

			const [xlsxItem] = nodeOutput(run, 'Export as Excel');
			const xlsxFile = xlsxItem?.binary?.data;
			assert.ok(xlsxFile, 'Export as Excel produced no binary "data"');
			assert.equal(xlsxFile.mimeType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			assert.equal(xlsxFile.fileName, 'target-users.xlsx');
			assert.deepEqual((await emailsOfXlsx(await readBinary(instance, xlsxFile))).sort(), expectedEmails);

			assertEveryRequestActsIn(sandbox.requests, companyId);
			const exports = apiRequests(sandbox.requests, 'POST', /^\/api\/target-users\/search\/export$/i);
			assert.deepEqual(exports.map((request) => (request.body as { exportType?: string }).exportType).sort(), ['CSV', 'Excel']);
		},
	},
	{
		file: 'add-system-user.json',
		title: 'creates a Company Admin system user (role given by name) and sends the information email',
		check({ sandbox }, run, workflow) {
			const node = keepnetNode(workflow, 'Create system user');
			const companyId = fixedCompanyOf(workflow, 'Create system user');
			const email = String(node.parameters.email);
			const companyAdminRole = sandbox.ids.rolesByCompany[companyId]?.companyAdmin;

			const [output] = nodeOutput(run, 'Create system user').map((item) => item.json);
			assert.ok(output, 'Create system user produced nothing');
			assert.equal(output.email, email);
			assert.equal(output.informationEmailSent, true, `information email: ${JSON.stringify(output)}`);
			assert.ok(typeof output.resourceId === 'string' && output.resourceId !== '', 'no resourceId in the output');

			assertEveryRequestActsIn(sandbox.requests, companyId);
			const [create] = apiRequests(sandbox.requests, 'POST', /^\/api\/system-users$/i);
			assert.ok(create, `no POST /api/system-users:\n${describeRequests(sandbox.requests)}`);
			const body = create.body as { email?: string; roleResourceIdList?: string[]; firstName?: string };
			assert.equal(body.email, email);
			assert.deepEqual(body.roleResourceIdList, [companyAdminRole]);

			const stored = [...sandbox.store.data(companyId).systemUsers.values()].find((user) => user.email === email);
			assert.ok(stored, `${email} is not a system user of ${companyId} after the run`);
			assert.equal(stored.resourceId, output.resourceId);
			const sent = sandbox.store.sentInformationEmails.filter((entry) => entry.systemUserResourceId === output.resourceId);
			assert.equal(sent.length, 1, 'the information email was not sent exactly once');
		},
	},
	{
		file: 'count-summary-all-customers.json',
		title: 'one row per managed company with its active/inactive/deleted counts',
		check({ sandbox }, run) {
			const managed = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId);
			const rows = nodeOutput(run, 'Summary table').map((item) => item.json);
			assert.equal(rows.length, managed.length, `rows: ${JSON.stringify(rows)}`);
			for (const company of managed) {
				const row = rows.find((candidate) => candidate.companyId === company.resourceId);
				assert.ok(row, `no row for ${company.name}`);
				const counts = sandbox.store.data(company.resourceId).counts;
				assert.deepEqual(row, { company: company.name, companyId: company.resourceId, active: counts.active, inactive: counts.inactive, deleted: counts.deleted });
			}
			// One count request per company, each sent for that company.
			const countRequests = apiRequests(sandbox.requests, 'GET', /^\/api\/target-users\/count-summary$/i);
			assert.deepEqual(countRequests.map(companyHeaderOf).sort(), managed.map((company) => company.resourceId).sort());
			for (const search of apiRequests(sandbox.requests, 'POST', /^\/api\/companies\/search$/i)) {
				assert.equal(companyHeaderOf(search), undefined, 'listing companies must act as the reseller itself');
			}
		},
	},
	{
		file: 'onboard-new-customer.json',
		// Seen in n8n 1.123.81 under `n8n execute`: every `$('Customer').first()` reference evaluated to nothing, while
		// `$json` worked (the Create company step passed with `$json.company.name`). Not investigated further.
		minimumN8n: { major: 2, reason: "n8n 1.123's `n8n execute` evaluates $('Node') references in this workflow to nothing" },
		title: 'creates the company in a company group, its admin, its REST API client and SCIM integration (credentials handed off), users in a group, a sent training enrollment and a started phishing run',
		check({ sandbox }, run, workflow) {
			const customer = newCustomerOf(workflow);
			const store = sandbox.store;
			// 1. The company, created under the reseller with the given name; every later request acts in it.
			const [createdCompany] = nodeOutput(run, 'Create company').map((item) => item.json);
			const companyId = String(createdCompany?.resourceId ?? '');
			const company = store.companies.get(companyId);
			assert.ok(company, `Create company returned no company of the sandbox: ${JSON.stringify(createdCompany)}`);
			assert.equal(company.name, customer.companyName);
			assert.equal(company.parentResourceId, sandbox.ids.resellerCompanyId);
			// Create company first reads the lookup lists it names entries of and the company groups it names (both
			// reseller-wide: no company header); company-group calls never carry one; every other request after the
			// create acts in the new company.
			const isGroupCall = (path: string) => /^\/api\/company-groups/i.test(path);
			const requests = apiRequests(sandbox.requests);
			const createIndex = requests.findIndex((request) => request.method === 'POST' && /^\/api\/companies$/i.test(request.path));
			assert.ok(createIndex >= 0, 'no POST /api/companies');
			for (const request of requests.slice(0, createIndex)) {
				assert.ok(/^GET \/api\/lookups\/\d+$/i.test(`${request.method} ${request.path}`) || isGroupCall(request.path), `${request.method} ${request.path} before the create`);
				assert.equal(companyHeaderOf(request), undefined, `${request.path} is reseller-wide`);
			}
			for (const request of requests.slice(createIndex + 1)) {
				assert.equal(companyHeaderOf(request), isGroupCall(request.path) ? undefined : companyId, `${request.method} ${request.path} acted in the wrong company`);
			}
			// The country, industry, license type and period are given by name in the file (tenant IDs differ): the entries of those names were stored.
			const createNode = keepnetNode(workflow, 'Create company').parameters;
			const named = (field: string) => String(createNode[field]).replace(/^=/, '');
			assert.deepEqual(
				{
					country: findLookup(LOOKUP_TYPE.country, company.countryResourceId)?.name,
					industry: findLookup(LOOKUP_TYPE.industry, company.industryResourceId)?.name,
					licenseType: findLookup(LOOKUP_TYPE.licenseType, company.licenseTypeResourceId)?.name,
					licensePeriod: findLookup(LOOKUP_TYPE.licensePeriod, company.licensePeriodTypeResourceId)?.name,
					timeZoneId: company.timeZoneId,
				},
				{ country: named('countryId'), industry: named('industryId'), licenseType: named('licenseTypeId'), licensePeriod: named('licensePeriodTypeId'), timeZoneId: createNode.timeZoneId },
			);

			// 1b. The company is in the company group named in Customer.
			const reseller = resellerOf(store);
			const companyGroup = reseller.groupsOf(sandbox.ids.resellerCompanyId).find((group) => group.name === customer.companyGroup);
			assert.ok(companyGroup, `the sandbox has no company group "${customer.companyGroup}"`);
			assert.ok(reseller.membersOf(companyGroup.resourceId).some((member) => member.resourceId === companyId), 'the new company is not in the company group');

			// 2. The admin, with the new company's Company Admin role (given by name), and the information email.
			const companyAdminRole = store.rolesOf(companyId).find((role) => role.name === 'Company Admin');
			assert.ok(companyAdminRole, 'the new company has no Company Admin role');
			const admin = [...store.data(companyId).systemUsers.values()].find((user) => user.email === customer.adminEmail);
			assert.ok(admin, `${customer.adminEmail} is not a system user of the new company`);
			assert.deepEqual(admin.roleIds, [companyAdminRole.resourceId]);
			assert.equal(store.sentInformationEmails.filter((sent) => sent.systemUserResourceId === admin.resourceId).length, 1, 'the information email was not sent exactly once');

			// 2b. The REST API client and the SCIM integration of the new company; the hand-off carries their credentials.
			const clients = [...reseller.restApiClients.values()].filter((client) => client.companyId === companyId);
			assert.equal(clients.length, 1, `REST API clients of the new company: ${clients.length}`);
			assert.deepEqual(clients[0]!.roleResourceIdList, [companyAdminRole.resourceId]);
			const scims = [...reseller.scimIntegrations.values()].filter((scim) => scim.companyId === companyId);
			assert.equal(scims.length, 1, `SCIM integrations of the new company: ${scims.length}`);
			assert.equal(scims[0]!.name, customer.identityProvider);
			const [handOff] = nodeOutput(run, 'Hand-off for the customer').map((item) => item.json);
			assert.ok(handOff, 'Hand-off for the customer produced nothing');
			assert.equal(handOff.to, customer.adminEmail);
			assert.equal(handOff.apiClientId, clients[0]!.clientId);
			assert.equal(handOff.apiClientSecret, clients[0]!.clientSecret);
			assert.equal(handOff.scimIntegrationId, scims[0]!.resourceId);
			assert.equal(handOff.scimToken, scims[0]!.token);

			// 3. The users, in the new company, all members of the new group.
			const users = customer.userEmails.map((email) => {
				const user = store.findTargetUserByEmail(companyId, email);
				assert.ok(user, `${email} is not a target user of the new company`);
				return user;
			});
			const groups = [...store.data(companyId).targetGroups.values()].filter((group) => group.name === customer.groupName);
			assert.equal(groups.length, 1, `groups named ${customer.groupName}: ${groups.length}`);
			const group = groups[0]!;
			assert.deepEqual([...group.memberIds].sort(), users.map((user) => user.resourceId).sort(), 'the group does not hold exactly the imported users');

			// 4. The enrollment of that group, sent, with one row per member.
			const journey = journeyOf(store);
			const enrollments = journey.enrollmentsOf(companyId);
			assert.equal(enrollments.length, 1, `enrollments: ${enrollments.length}`);
			const enrollment = enrollments[0]!;
			assert.deepEqual(enrollment.targetGroupResourceIds, [group.resourceId]);
			// The training is given by name in the file (tenant IDs differ): the one of that name was enrolled.
			const trainingName = (keepnetNode(workflow, 'Enroll in training').parameters.trainingId as { value?: unknown }).value;
			assert.equal(enrollment.trainingName, trainingName);
			assert.equal(enrollment.status, 'Sending');
			assert.equal(enrollmentSettingsOf(enrollment)?.sendCount, 1, 'Send was not called exactly once');
			assert.deepEqual([...enrollment.users.values()].map((row) => row.targetUserResourceId).sort(), [...group.memberIds].sort());

			// 5. The campaign on that group, with one started run covering the members.
			const campaigns = journey.campaignsOf(companyId);
			assert.equal(campaigns.length, 1, `campaigns: ${campaigns.length}`);
			const campaign = campaigns[0]!;
			assert.deepEqual(campaign.targetGroupResourceIds, [group.resourceId]);
			const scenarioName = (keepnetNode(workflow, 'Create phishing campaign').parameters.scenarioId as { value?: unknown }).value;
			assert.deepEqual(
				campaignSettingsOf(campaign)?.scenarioIds.map((id) => SCENARIO_CATALOGUE.find((scenario) => scenario.resourceId === id)?.name),
				[scenarioName],
			);
			const runs = [...campaign.runs.values()];
			assert.equal(runs.length, 1, `runs: ${runs.map((campaignRun) => campaignRun.status).join(', ')}`);
			assert.equal(runs[0]!.status, 'Running');
			assert.deepEqual([...runs[0]!.users.values()].map((row) => row.targetUserResourceId).sort(), [...group.memberIds].sort());
		},
	},
	{
		file: 'monthly-simulation-results.json',
		title: "one row per customer and channel with last month's runs (runs of this month and earlier months left out)",
		before({ sandbox }) {
			// Runs of last month, this month and two months ago, in three channels, for the first three customers.
			const customers = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId).slice(0, 3);
			const lastMonthMid = new Date(monthStart(-1) + 14 * 86_400_000 + 12 * 3_600_000).toISOString();
			const thisMonth = new Date(monthStart(0) + 12 * 3_600_000).toISOString();
			const twoMonthsAgo = new Date(monthStart(-2) + 14 * 86_400_000).toISOString();
			customers.forEach((company, companyIndex) => {
				const users = [...sandbox.store.data(company.resourceId).targetUsers.values()].filter((user) => user.isActive && !user.isDeleted).map((user) => user.resourceId);
				MONTHLY_CHANNELS.forEach(({ channel }, channelIndex) => {
					const journey = channelJourneyOf(sandbox.store, channel);
					// Customer 0 has runs in every channel, customer 1 in email phishing only, customer 2 none last month.
					if (companyIndex === 1 && channelIndex > 0) return;
					const inside = journey.addCampaign(company.resourceId, { name: `${channel} last month`, createTime: companyIndex === 2 ? twoMonthsAgo : lastMonthMid, userIds: users.slice(0, 4 + channelIndex), status: 'Completed' });
					journey.recordBehaviour(inside.campaign.resourceId, 1, users[0], 'clicked', lastMonthMid);
					if (channelIndex === 0) journey.recordBehaviour(inside.campaign.resourceId, 1, users[1], 'submitteddata', lastMonthMid);
					journey.addCampaign(company.resourceId, { name: `${channel} this month`, createTime: thisMonth, userIds: users.slice(0, 2), status: 'Running' });
				});
			});
			return { from: monthStart(-1), to: monthStart(0) };
		},
		check({ sandbox }, run, _workflow, before) {
			const { from, to } = before as { from: number; to: number };
			const managed = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId);
			const rows = nodeOutput(run, 'Monthly results').map((item) => item.json);
			assert.equal(rows.length, managed.length * MONTHLY_CHANNELS.length, `rows: ${JSON.stringify(rows)}`);
			for (const company of managed) {
				for (const { channel, label } of MONTHLY_CHANNELS) {
					// Expected from the sandbox's runs that started in last month's window.
					const runs = channelJourneyOf(sandbox.store, channel)
						.runsOf(company.resourceId)
						.filter(({ run: stored }) => Date.parse(stored.startDate) >= from && Date.parse(stored.startDate) < to)
						.map(({ run: stored }) => [...stored.users.values()]);
					const users = runs.flat();
					const expected = {
						company: company.name,
						companyId: company.resourceId,
						channel: label,
						runs: runs.length,
						targetUsers: users.length,
						delivered: users.length,
						opened: users.filter((row) => row.openedCount > 0).length,
						clicked: users.filter((row) => row.clickedCount > 0).length,
						submittedData: users.filter((row) => row.submittedCount > 0).length,
					};
					const row = rows.find((candidate) => candidate.companyId === company.resourceId && candidate.channel === label);
					assert.deepEqual(row, expected, `${company.name} / ${label}`);
				}
			}
			const first = managed[0].resourceId;
			assert.ok(rows.some((row) => row.companyId === first && row.channel === 'SMS (smishing)' && row.runs === 1 && row.clicked === 1), 'the seeded SMS run of last month is not in the table');
			// Each channel's run list was read once per customer, each request for that customer.
			for (const { path } of MONTHLY_CHANNELS) {
				const requests = apiRequests(sandbox.requests, 'POST', path);
				assert.deepEqual(requests.map(companyHeaderOf).sort(), managed.map((company) => company.resourceId).sort(), describeRequests(requests));
				for (const request of requests) assert.deepEqual((request.body as { orderBy?: unknown }).orderBy, 'StartDate');
			}
		},
	},
	{
		file: 'monthly-billing-rollup.json',
		title: "last month's usage of every customer and a TOTAL row in a CSV file, from one company search",
		async check({ sandbox, instance }, run) {
			const managed = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId);
			const now = new Date();
			const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
			const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
			const summary = nodeOutput(run, 'Usage summary').map((item) => item.json as Record<string, unknown>);
			assert.equal(summary.length, managed.length + 1, `summary items: ${summary.length}`);
			const monthlyOf = (companyId: string) => sandbox.store.data(companyId).monthlyActiveUsers.find((entry) => entry.monthsAgo === 1)?.count ?? 0;
			for (const company of managed) {
				const item = summary.find((entry) => (entry.company as { resourceId?: string } | undefined)?.resourceId === company.resourceId);
				assert.ok(item, `no summary for ${company.name}`);
				const counts = sandbox.store.data(company.resourceId).counts;
				assert.equal(item.month, month);
				assert.equal(item.targetUsers, counts.active + counts.inactive, `${company.name} target users`);
				assert.equal(item.monthlyUsers, monthlyOf(company.resourceId), `${company.name} monthly users`);
			}
			const total = summary[summary.length - 1]!;
			assert.equal(total.summary, 'total');
			assert.equal(total.monthlyUsers, managed.reduce((sum, company) => sum + monthlyOf(company.resourceId), 0));

			const [fileItem] = nodeOutput(run, 'Billing file');
			const file = fileItem?.binary?.data;
			assert.ok(file, 'Billing file produced no binary "data"');
			assert.equal(file.fileName, `billing-${month}.csv`);
			const lines = (await readBinary(instance, file)).toString('utf8').split(/\r?\n/).filter((line) => line !== '');
			assert.equal(lines.length, 1 + managed.length + 1, `CSV lines:\n${lines.join('\n')}`);
			assert.match(lines[0] ?? '', /Company/);
			assert.match(lines[lines.length - 1] ?? '', new RegExp(`TOTAL \\(${managed.length} companies\\)`));

			// One company search (pages of 1,000) with the month, Reseller-wide: no per-customer request.
			const api = apiRequests(sandbox.requests);
			assert.deepEqual(api.map((request) => `${request.method} ${request.path}`), ['POST /api/companies/search'], describeRequests(sandbox.requests));
			assert.equal(companyHeaderOf(api[0]!), undefined);
			assert.match(JSON.stringify(api[0]!.body), new RegExp(`"MonthlyActiveUser","Operator":"=","Value":"${month}"`));
		},
	},
	{
		file: 'monthly-customer-report.json',
		title: "every customer's Monthly Summary executive report, one row per widget, each read in that customer",
		check({ sandbox }, run) {
			const managed = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId);
			const reports = reportsOf(sandbox.store);
			const rows = nodeOutput(run, 'Per customer').map((item) => item.json as Record<string, unknown>);
			const expected = managed.flatMap((company) => {
				const report = reports.reportsOf(company.resourceId).find((entry) => entry.name === 'Monthly Summary');
				assert.ok(report, `${company.name} has no Monthly Summary in the sandbox`);
				return report.widgetIds.map((widgetId) => ({ company, widget: reports.widgets.find((widget) => widget.resourceId === widgetId)! }));
			});
			assert.equal(rows.length, expected.length, `rows: ${JSON.stringify(rows).slice(0, 500)}`);
			for (const { company, widget } of expected) {
				const row = rows.find((candidate) => candidate['Company ID'] === company.resourceId && candidate.Widget === widget.name);
				assert.ok(row, `no row for ${company.name} / ${widget.name}`);
				assert.equal(row.Company, company.name);
				assert.equal(row.Report, 'Monthly Summary');
				const values = (reports.dataOf(widget, company.resourceId, 0) as { widgetDatas: Array<{ values: Array<{ name: string; value: number }> }> }).widgetDatas[0]!.values;
				assert.equal(row.Values, values.map((value) => `${value.name}=${value.value}`).join(', '));
			}
			// Every widget was read in its own customer's scope, with Last Month (0).
			const widgetCalls = apiRequests(sandbox.requests, 'POST', /^\/api\/executive-report\/get-widget-datas$/i);
			assert.equal(widgetCalls.length, expected.length);
			for (const call of widgetCalls) {
				const body = call.body as { widgetIds: string[]; datePeriod: number };
				assert.equal(body.widgetIds.length, 1);
				assert.equal(body.datePeriod, 0);
				const header = companyHeaderOf(call);
				assert.ok(expected.some(({ company, widget }) => company.resourceId === header && widget.resourceId === body.widgetIds[0]), `widget ${body.widgetIds[0]} read in ${header}`);
			}
		},
	},
];
