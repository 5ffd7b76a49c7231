import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { KeepnetTrigger } from '../../nodes/KeepnetTrigger/KeepnetTrigger.node';
import { KeepnetApi } from '../../credentials/KeepnetApi.credentials';
import { LOOKUP_TYPE, LOOKUPS, TIME_ZONES } from '../sandbox';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

const description = new Keepnet().description;

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []) as INodePropertyOptions[];
}

/** The subtitle evaluated as n8n evaluates it: the expression body with `$parameter` in scope. */
function subtitleFor(resource: string, operation: string): unknown {
	const subtitle = String(description.subtitle);
	const match = /^=\{\{(.*)\}\}$/s.exec(subtitle);
	if (!match) throw new Error(`subtitle is not an expression: ${subtitle}`);
	const evaluate = new Function('$parameter', `return (${match[1]});`) as (parameter: Record<string, string>) => unknown;
	return evaluate({ resource, operation });
}

/** Texts the editor shows (names, descriptions, hints, placeholders, actions) with characters beyond plain English. */
function nonEnglishTexts(value: unknown, path: string, key = ''): string[] {
	const shownKeys = new Set(['displayName', 'name', 'description', 'hint', 'placeholder', 'action']);
	if (typeof value === 'string') {
		// Printable ASCII plus the typographic marks the texts use: ’ → … – —.
		return shownKeys.has(key) && /[^\x20-\x7e\u2019\u2192\u2026\u2013\u2014]/.test(value) ? [`${path}: ${JSON.stringify(value)}`] : [];
	}
	if (Array.isArray(value)) return value.flatMap((entry, index) => nonEnglishTexts(entry, `${path}[${index}]`, key));
	if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([childKey, child]) => nonEnglishTexts(child, `${path}.${childKey}`, childKey));
	return [];
}

describe('node description as the editor shows it', () => {
	it('the canvas subtitle names every operation as the node panel does, e.g. "Create or Update: Target User"', () => {
		const resources = optionsOf(description.properties.find((property) => property.name === 'resource'));
		let checked = 0;
		for (const resource of resources) {
			const operations = description.properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
			);
			for (const operation of optionsOf(operations)) {
				expect(subtitleFor(String(resource.value), String(operation.value))).toBe(`${operation.name}: ${resource.name}`);
				checked++;
			}
		}
		// Nineteen resources: Company 8, Target User 12, Target Group 6, System User 6, Training 1, Training Enrollment 8,
		// Phishing Campaign 11, Phishing Scenario 1, Smishing Campaign 5, Quishing Campaign 5, Callback Campaign 4, Gamification 6, Company Group 8,
		// REST API Client 5, SCIM Integration 7, Direct Email Creation 4, Audit Log 2, Executive Report 3, Scheduled Report 6.
		expect([resources.length, checked]).toEqual([19, 108]);
		expect(subtitleFor('scimIntegration', 'revokeToken')).toBe('Revoke Token: SCIM Integration');
		expect(subtitleFor('companyGroup', 'addCompanies')).toBe('Add Companies: Company Group');
		expect(subtitleFor('targetUser', 'upsert')).toBe('Create or Update: Target User');
		expect(subtitleFor('targetGroup', 'getMembers')).toBe('Get Members: Target Group');
		expect(subtitleFor('trainingEnrollment', 'getReport')).toBe('Get Report: Training Enrollment');
		expect(subtitleFor('phishingCampaign', 'getReportFile')).toBe('Get Report File: Phishing Campaign');
		// A pair no menu has (e.g. from a workflow saved by a newer version) shows no subtitle rather than a wrong one.
		expect(subtitleFor('targetUser', 'noSuchOperation')).toBeUndefined();
	});

	it('Time Zone and Preferred Language are lists loaded from Keepnet in every target user form, Import included', () => {
		const forms = ['create', 'upsert', 'update', 'import'];
		for (const operation of forms) {
			const collection = description.properties.find(
				(property) =>
					(property.name === 'additionalFields' || property.name === 'updateFields') &&
					property.displayOptions?.show?.resource?.includes('targetUser') &&
					property.displayOptions?.show?.operation?.includes(operation),
			);
			const fields = (collection?.options ?? []) as INodeProperties[];
			const byName = (name: string) => fields.find((field) => field.name === name);
			expect([operation, byName('timeZoneId')?.type, byName('timeZoneId')?.typeOptions?.loadOptionsMethod]).toEqual([operation, 'options', 'getTimeZones']);
			expect([operation, byName('preferredLanguageId')?.type, byName('preferredLanguageId')?.typeOptions?.loadOptionsMethod]).toEqual([
				operation,
				'options',
				'getLanguages',
			]);
		}
	});

	it('Map Automatically shows the field names it reads as a notice, in Create, Create or Update and Import', () => {
		for (const operation of ['create', 'upsert', 'import']) {
			const notice = description.properties.find(
				(property) => property.type === 'notice' && property.displayOptions?.show?.mappingMode?.includes('autoMapInputData') && property.displayOptions.show.operation?.includes(operation),
			);
			expect(notice?.displayName).toContain('email, phoneNumber, firstName');
		}
	});

	it('every fixed list offers choices and defaults to one of them (e.g. Training Enrollment → Reminder → Period), in both nodes', () => {
		type Entry = { path: string; property: INodeProperties };
		const walk = (properties: INodeProperties[], path: string): Entry[] =>
			properties.flatMap((property) => {
				const here = `${path}${property.displayName}`;
				const nested = (property.options ?? []) as Array<INodeProperties | INodePropertyOptions | { name: string; values?: INodeProperties[] }>;
				const children =
					property.type === 'collection'
						? walk(nested as INodeProperties[], `${here} → `)
						: property.type === 'fixedCollection'
							? nested.flatMap((group) => walk(('values' in group && Array.isArray(group.values) ? group.values : []) as INodeProperties[], `${here} → `))
							: [];
				return [{ path: here, property }, ...children];
			});
		const lists = [...walk(description.properties, ''), ...walk(new KeepnetTrigger().description.properties, 'Trigger: ')].filter(
			({ property }) => (property.type === 'options' || property.type === 'multiOptions') && property.typeOptions?.loadOptionsMethod === undefined,
		);
		expect(lists.length).toBeGreaterThan(50);
		for (const { path, property } of lists) {
			const values = ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
			expect({ path, hasChoices: values.length > 0 }).toEqual({ path, hasChoices: true });
			if (property.type === 'options') expect({ path, defaultIsAChoice: values.includes(property.default as string) }).toEqual({ path, defaultIsAChoice: true });
		}
		const period = lists.find(({ path }) => path === 'Additional Fields → Reminder → Reminder → Period' || path.endsWith('Reminder → Period'));
		expect(((period?.property.options ?? []) as INodePropertyOptions[]).map((option) => option.value)).toEqual(['Day', 'Week', 'Month']);
	});

	it('speaks of "license", never "licence", in both nodes and their codex files', () => {
		expect(JSON.stringify(description)).toMatch(/license/i);
		expect(JSON.stringify(description)).not.toMatch(/licence/i);
		const trigger = JSON.stringify(new KeepnetTrigger().description);
		expect(trigger).toMatch(/License Ends Within N Days/);
		expect(trigger).not.toMatch(/licence/i);
		for (const codex of ['Keepnet/Keepnet.node.json', 'KeepnetTrigger/KeepnetTrigger.node.json']) {
			expect([codex, /licence/i.test(readFileSync(join(__dirname, '../../nodes', codex), 'utf8'))]).toEqual([codex, false]);
		}
	});
});

	// n8n's verification guidelines: the node's interface in English only. Every text the editor shows (names,
	// descriptions, hints, placeholders, actions, notices) uses Latin letters without accents, plus a few
	// typographic marks; a translated or pasted non-English string fails here with where it is.
	// What n8n's AI Agent and a person in the Operation menu read: one sentence saying what the operation does and
	// what comes back ("Returns …", "… and returns …", "… and confirms …"), with nothing after a full stop.
	it('describes every operation in one sentence saying what it does and what it returns', () => {
		const unfit: string[] = [];
		for (const property of description.properties.filter((candidate) => candidate.name === 'operation')) {
			for (const operation of optionsOf(property)) {
				const text = operation.description ?? '';
				const where = `${String(property.displayOptions?.show?.resource)} → ${operation.name}: ${JSON.stringify(text)}`;
				if (!/^[A-Z][a-z]+s\b/.test(text)) unfit.push(`${where} does not start with what it does ("Creates", "Returns", …)`);
				if (!/\b(returns?|confirms)\b/i.test(text)) unfit.push(`${where} does not say what it returns`);
				if (/[.!?]\s|[.!?]$/.test(text)) unfit.push(`${where} is more than one sentence`);
				if (text.length > 200) unfit.push(`${where} is longer than 200 characters`);
			}
		}
		expect(unfit).toEqual([]);
	});

	// The README is the npm page: its Operations table names every resource with all of its operations, nothing more.
	it("the README's Operations table lists exactly the node's resources and operations", () => {
		const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('\n## Operations\n'), readme.indexOf('\n## Keepnet Trigger\n'));
		const listed = Object.fromEntries(
			[...section.matchAll(/^\| ([^|]+?) \| ([^|]+?) \|$/gm)]
				.filter(([, resource]) => resource !== 'Resource' && !resource.startsWith('---'))
				.map(([, resource, operations]) => [resource, operations.split(', ').sort()]),
		);
		// ★ marks the reads that offer All Companies I Manage: exactly those with the Companies field.
		const acrossCompanies = (resource: string, operation: string): boolean =>
			description.properties.some((property) => property.name === 'companyScope' && property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation));
		const resources = optionsOf(description.properties.find((property) => property.name === 'resource'));
		const expected = Object.fromEntries(
			resources.map((resource) => {
				const operations = description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value));
				return [resource.name, optionsOf(operations).map((operation) => (acrossCompanies(String(resource.value), String(operation.value)) ? `${operation.name} ★` : operation.name)).sort()];
			}),
		);
		expect(Object.keys(expected).length).toBeGreaterThan(0);
		expect(listed).toEqual(expected);
	});

	it('shows the editor English text only, in both nodes and the credential', () => {
		const credential = new KeepnetApi();
		expect([
			...nonEnglishTexts(description, 'Keepnet'),
			...nonEnglishTexts(new KeepnetTrigger().description, 'Keepnet Trigger'),
			...nonEnglishTexts({ displayName: credential.displayName, properties: credential.properties }, 'Keepnet API credential'),
		]).toEqual([]);
		// The check itself can fail: a German label is caught, with where it is.
		expect(nonEnglishTexts({ properties: [{ displayName: 'Schlüssel' }] }, 'probe')).toEqual(['probe.properties[0].displayName: "Schlüssel"']);
	});

describe('Target User lists and Create or Update phone number, against the sandbox', () => {
	let fixture: KeepnetFixture;
	let companyId: string;
	beforeAll(async () => {
		fixture = await startKeepnetFixture();
		companyId = fixture.sandbox.ids.customerCompanyIds[1];
	});
	afterAll(async () => await fixture.close());
	beforeEach(() => fixture.sandbox.clearRequests());

	it('the language and time zone lists hold Keepnet’s entries, and a chosen one is stored on the user', async () => {
		const languages = await fixture.loadOptions('getLanguages', { companyId: locator(companyId) });
		const zones = await fixture.loadOptions('getTimeZones', { companyId: locator(companyId) });
		expect(languages.map((entry) => entry.value).sort()).toEqual(LOOKUPS[LOOKUP_TYPE.language].map((entry) => entry.resourceId).sort());
		expect(zones.map((entry) => entry.value)).toEqual(TIME_ZONES.map((zone) => zone.id));
		const english = languages.find((entry) => entry.name === 'English');
		expect(english).toBeDefined();

		await fixture.run({
			resource: 'targetUser',
			operation: 'create',
			companyId: locator(companyId),
			email: 'lists.user@globex-new.example',
			phoneNumber: '+4410',
			additionalFields: { preferredLanguageId: english?.value, timeZoneId: zones[2].value },
		});
		const stored = fixture.sandbox.store.findTargetUserByEmail(companyId, 'lists.user@globex-new.example');
		expect(stored).toMatchObject({ preferredLanguageId: english?.value, timeZoneId: TIME_ZONES[2].id });
	});

	it('Create or Update keeps the stored phone number of an existing user when Phone Number is empty', async () => {
		const existing = fixture.sandbox.store.targetUsersOf(companyId).find((user) => !user.isDeleted && user.isActive && user.phoneNumber)!;
		const storedPhone = existing.phoneNumber;
		const result = await fixture.run({
			resource: 'targetUser',
			operation: 'upsert',
			companyId: locator(companyId),
			email: existing.email,
			phoneNumber: '',
			additionalFields: { department: 'Kept Phone' },
		});
		expect(jsonOf(result)[0]).toMatchObject({ action: 'updated', phoneNumber: storedPhone });
		const after = fixture.sandbox.store.findTargetUserByEmail(companyId, existing.email)!;
		expect(after).toMatchObject({ department: 'Kept Phone', phoneNumber: storedPhone });
	});

	it('Create or Update refuses to create a new user without a phone number, naming the item, and writes nothing', async () => {
		const before = fixture.sandbox.store.targetUsersOf(companyId).length;
		const run = fixture.run(
			{ resource: 'targetUser', operation: 'upsert', companyId: locator(companyId), email: '={{ $json.email }}', phoneNumber: '={{ $json.phone }}' },
			{ items: items({ email: 'no.phone.yet@globex-new.example', phone: '' }) },
		);
		await expect(run).rejects.toThrow('Phone Number is required to create no.phone.yet@globex-new.example (item 0)');
		expect(fixture.apiRequests().filter((request) => request.method === 'POST' && request.path === '/api/target-users')).toHaveLength(0);
		expect(fixture.sandbox.store.targetUsersOf(companyId)).toHaveLength(before);
	});
});
