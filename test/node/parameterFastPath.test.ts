/**
 * Create reads `{{ $json.field }}` mappings straight from the input item and fixed values once per run
 * (nodes/Keepnet/helpers/parameters.ts). What it stores must be exactly what n8n's own expression evaluation gives:
 * the same rows are written once with the simple mappings and once with equivalent expressions n8n has to evaluate.
 */
import { inputFieldPath } from '../../nodes/Keepnet/helpers/parameters';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ seed: { customerCount: 6, targetUserCounts: [0, 0, 0, 0, 0, 0] } });
});
afterAll(async () => await fixture.close());

function domainOf(companyId: string): string {
	return new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
}

function rows(domain: string) {
	return [
		{ email: `Ada.Lovelace@${domain}`, contact: { 'phone number': '+441234500001' }, first: 'Ada', dept: 'research', level: 'High' },
		// No first name and no level: those fields go through n8n (the field is missing) and end up unset.
		{ email: `alan.turing@${domain}`, contact: { 'phone number': '+441234500002' }, dept: 'crypto' },
		{ email: `grace.hopper@${domain}`, contact: { 'phone number': '+441234500003' }, first: 'Grace', dept: 'navy', level: 'VeryHigh' },
	];
}

const parameters = (companyId: string, wrap: (expression: string) => string) => ({
	resource: 'targetUser',
	operation: 'create',
	companyId: locator(companyId),
	email: `={{ ${wrap('$json.email')} }}`,
	phoneNumber: `={{ ${wrap('$json.contact["phone number"]')} }}`,
	additionalFields: {
		firstName: `={{ ${wrap('$json.first')} }}`,
		// Not a plain field read: always evaluated by n8n.
		department: '={{ $json.dept.toUpperCase() }}',
		priority: `={{ ${wrap('$json.level')} }}`,
		lastName: 'Fixed',
	},
});

function stored(companyId: string) {
	return fixture.sandbox.store
		.targetUsersOf(companyId)
		.map(({ email, phoneNumber, firstName, lastName, department, priority }) => ({ email, phoneNumber, firstName, lastName, department, priority }))
		.sort((a, b) => a.email.localeCompare(b.email));
}

describe('Create: simple $json mappings read from the item give what n8n evaluation gives', () => {
	it('stores and outputs the same users either way', async () => {
		const fast = fixture.sandbox.ids.customerCompanyIds[3];
		const evaluated = fixture.sandbox.ids.customerCompanyIds[4];
		const fastResult = await fixture.run(parameters(fast, (expression) => expression), { items: rows(domainOf(fast)).map((json) => ({ json })) });
		// `(x)` is not the plain `$json.field` form, so n8n's engine evaluates every one of these.
		const evaluatedResult = await fixture.run(parameters(evaluated, (expression) => `(${expression})`), {
			items: rows(domainOf(fast)).map((json) => ({ json: { ...json, email: String(json.email).replace(domainOf(fast), domainOf(evaluated)) } })),
		});

		const normalise = (users: ReturnType<typeof stored>, domain: string) => users.map((user) => ({ ...user, email: user.email.replace(domain, 'x') }));
		expect(stored(fast)).toHaveLength(3);
		expect(normalise(stored(fast), domainOf(fast))).toEqual(normalise(stored(evaluated), domainOf(evaluated)));
		expect(stored(fast)[0]).toMatchObject({ email: `Ada.Lovelace@${domainOf(fast)}`, phoneNumber: '+441234500001', firstName: 'Ada', lastName: 'Fixed', department: 'RESEARCH', priority: 'High' });
		const strip = (json: Record<string, unknown>) => {
			const { resourceId, companyId, email, ...rest } = json;
			return { ...rest, hasId: typeof resourceId === 'string' && typeof companyId === 'string', email: String(email).split('@')[0] };
		};
		expect(jsonOf(fastResult).map(strip)).toEqual(jsonOf(evaluatedResult).map(strip));
	});

	it('a bad value read from the item is refused before any request, naming the item', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[5];
		fixture.sandbox.clearRequests();
		const input = rows(domainOf(companyId)).map((json) => ({ json }));
		input[1].json.email = 'not-an-email';
		await expect(fixture.run(parameters(companyId, (expression) => expression), { items: input })).rejects.toThrow(/item 1|email/i);
		expect(fixture.apiRequests()).toHaveLength(0);
		expect(stored(companyId)).toHaveLength(0);
	});
});

describe('inputFieldPath', () => {
	it('recognises only the plain $json field reads', () => {
		expect(inputFieldPath('={{ $json.email }}')).toEqual(['email']);
		expect(inputFieldPath('={{$json.a.b}}')).toEqual(['a', 'b']);
		expect(inputFieldPath('={{ $json["phone number"] }}')).toEqual(['phone number']);
		expect(inputFieldPath("={{ $json.contact['e-mail'] }}")).toEqual(['contact', 'e-mail']);
		for (const other of ['{{ $json.email }}', '={{ $json.email.trim() }}', '={{ $json.email }} ', '={{ $json.a }}{{ $json.b }}', '={{ $("Node").item.json.a }}', '=x{{ $json.a }}', '={{ $json }}']) {
			expect(inputFieldPath(other)).toBeUndefined();
		}
	});
});
