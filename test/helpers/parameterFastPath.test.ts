/**
 * Create reads `{{ $json.field }}` mappings straight from the input item and fixed values once per run
 * (nodes/Keepnet/helpers/parameters.ts). What it stores must be exactly what n8n's own expression evaluation gives:
 * the same rows are written once with the simple mappings and once with equivalent expressions n8n has to evaluate.
 * That includes issue 10's checks: a mapped field that is missing or undefined is a missing value, an object or list
 * is refused where text belongs, and true/false takes the usual spellings: every case gives the same error item or
 * the same stored user either way.
 */
import { Expression, type IDataObject } from 'n8n-workflow';

import { inputFieldPath } from '../../nodes/Keepnet/helpers/parameters';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ seed: { customerCount: 8, targetUserCounts: [0, 0, 0, 0, 0, 0, 0, 0] } });
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

/** One input item per case; `{domain}` in a string is the company's domain. Each case is one way a row can go wrong or right. */
const TYPE_CASES: Array<{ name: string; json: IDataObject }> = [
	{ name: 'all fields plain text', json: { email: 'plain@{domain}', phone: '+4410001', first: 'Plain', active: 'yes', level: 'High' } },
	{ name: 'email missing (no such field)', json: { phone: '+4410002' } },
	{ name: 'email present but undefined', json: { email: undefined, phone: '+4410003' } },
	{ name: 'email null', json: { email: null, phone: '+4410004' } },
	{ name: 'email empty', json: { email: '', phone: '+4410005' } },
	{ name: 'email an object', json: { email: { address: 'obj@{domain}' }, phone: '+4410006' } },
	{ name: 'email a list', json: { email: ['list@{domain}'], phone: '+4410007' } },
	{ name: 'email with spaces around it', json: { email: '  spaced@{domain} ', phone: '+4410008' } },
	{ name: 'email not an address', json: { email: 'not-an-email', phone: '+4410009' } },
	{ name: 'phone a number', json: { email: 'phonenumber@{domain}', phone: 4410010 } },
	{ name: 'phone missing', json: { email: 'nophone@{domain}' } },
	{ name: 'phone a boolean', json: { email: 'phonebool@{domain}', phone: true } },
	{ name: 'first name an object', json: { email: 'firstobj@{domain}', phone: '+4410011', first: { given: 'Ada' } } },
	{ name: 'first name a boolean', json: { email: 'firstbool@{domain}', phone: '+4410012', first: false } },
	{ name: 'first name with a line break', json: { email: 'firstbreak@{domain}', phone: '+4410013', first: 'Ada\nLovelace' } },
	{ name: 'first name over the create limit', json: { email: 'firstlong@{domain}', phone: '+4410014', first: 'x'.repeat(257) } },
	{ name: 'active "No"', json: { email: 'activeno@{domain}', phone: '+4410015', active: 'No' } },
	{ name: 'active "ON"', json: { email: 'activeon@{domain}', phone: '+4410016', active: 'ON' } },
	{ name: 'active "inactive"', json: { email: 'activeinactive@{domain}', phone: '+4410017', active: 'inactive' } },
	{ name: 'active 0', json: { email: 'activezero@{domain}', phone: '+4410018', active: 0 } },
	{ name: 'active 1', json: { email: 'activeone@{domain}', phone: '+4410019', active: 1 } },
	{ name: 'active false', json: { email: 'activefalse@{domain}', phone: '+4410020', active: false } },
	{ name: 'active empty', json: { email: 'activeempty@{domain}', phone: '+4410021', active: '' } },
	{ name: 'active "maybe"', json: { email: 'activemaybe@{domain}', phone: '+4410022', active: 'maybe' } },
	{ name: 'active 2', json: { email: 'activetwo@{domain}', phone: '+4410023', active: 2 } },
	{ name: 'active an object', json: { email: 'activeobj@{domain}', phone: '+4410024', active: { value: true } } },
	{ name: 'priority "very high"', json: { email: 'prioritycase@{domain}', phone: '+4410025', level: 'very high' } },
	{ name: 'priority unknown', json: { email: 'priorityunknown@{domain}', phone: '+4410026', level: 'urgent' } },
	{ name: 'priority a number', json: { email: 'prioritynumber@{domain}', phone: '+4410027', level: 3 } },
];

function withDomain(value: unknown, domain: string): unknown {
	if (typeof value === 'string') return value.replace('{domain}', domain);
	if (Array.isArray(value)) return value.map((entry) => withDomain(entry, domain));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withDomain(entry, domain)]));
	return value;
}

const typeCaseParameters = (companyId: string, wrap: (expression: string) => string) => ({
	resource: 'targetUser',
	operation: 'create',
	companyId: locator(companyId),
	email: `={{ ${wrap('$json.email')} }}`,
	phoneNumber: `={{ ${wrap('$json.phone')} }}`,
	additionalFields: {
		firstName: `={{ ${wrap('$json.first')} }}`,
		isActive: `={{ ${wrap('$json.active')} }}`,
		priority: `={{ ${wrap('$json.level')} }}`,
	},
});

describe('Create: the fast path gives the same validation results as n8n evaluation (issue 10 type checks)', () => {
	it('every case: the same error item or the same stored user, with the fast path taken where it applies', async () => {
		const fast = fixture.sandbox.ids.customerCompanyIds[6];
		const evaluated = fixture.sandbox.ids.customerCompanyIds[7];
		const inputFor = (companyId: string) => TYPE_CASES.map((entry) => ({ json: withDomain(entry.json, domainOf(companyId)) as IDataObject }));

		// Which expressions n8n's engine is asked to evaluate in each run.
		const evaluatedExpressions: string[] = [];
		const original = Expression.prototype.resolveSimpleParameterValue;
		const spy = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (this: Expression, ...args) {
			if (typeof args[0] === 'string') evaluatedExpressions.push(args[0]);
			return original.apply(this, args);
		});
		let fastResult, evaluatedResult, fastEvaluations: string[];
		try {
			fastResult = await fixture.run(typeCaseParameters(fast, (expression) => expression), { items: inputFor(fast), continueOnFail: true });
			fastEvaluations = evaluatedExpressions.splice(0);
			evaluatedResult = await fixture.run(typeCaseParameters(evaluated, (expression) => `(${expression})`), { items: inputFor(evaluated), continueOnFail: true });
		} finally {
			spy.mockRestore();
		}
		const outcome = (json: IDataObject, domain: string) => {
			const { resourceId, companyId, ...rest } = json;
			const text = JSON.stringify({ ...rest, hasId: typeof resourceId === 'string' && resourceId !== '' && typeof companyId === 'string' });
			return JSON.parse(text.split(domain).join('{domain}')) as IDataObject;
		};
		const fastOutcomes = jsonOf(fastResult).map((json) => outcome(json, domainOf(fast)));
		const evaluatedOutcomes = jsonOf(evaluatedResult).map((json) => outcome(json, domainOf(evaluated)));
		expect(fastOutcomes).toHaveLength(TYPE_CASES.length);
		for (const [index, entry] of TYPE_CASES.entries()) {
			expect({ case: entry.name, outcome: fastOutcomes[index] }).toEqual({ case: entry.name, outcome: evaluatedOutcomes[index] });
		}
		// n8n evaluated all 5 mappings of every item in the second run; in the first only those whose field is there
		// but not a string, number or boolean (undefined, null, object, list): an absent field is read as undefined,
		// as n8n gives it. In both, each error item's email is read once more for its error output (runner.ts identityOf).
		const errorItems = fastOutcomes.filter((json) => json.error !== undefined).length;
		const mappingReads = (expressions: string[]) => expressions.filter((expression) => expression.includes('$json')).length;
		expect(mappingReads(evaluatedExpressions)).toBe(TYPE_CASES.length * 5 + errorItems);
		const expectedSlow = TYPE_CASES.reduce((sum, entry) => {
			const present = ['email', 'phone', 'first', 'active', 'level'].filter((key) => Object.prototype.hasOwnProperty.call(entry.json, key));
			return sum + present.filter((key) => !['string', 'number', 'boolean'].includes(typeof entry.json[key])).length;
		}, 0);
		expect(mappingReads(fastEvaluations)).toBe(expectedSlow + errorItems);
		expect(expectedSlow).toBeLessThan(TYPE_CASES.length * 5);

		expect(fastResult.output[0].map((item) => item.pairedItem)).toEqual(TYPE_CASES.map((_, index) => ({ item: index })));

		// The checks ran on both paths: these cases are refused (not sent), these written with the value converted.
		const byName = (name: string) => fastOutcomes[TYPE_CASES.findIndex((entry) => entry.name === name)];
		for (const name of ['email missing (no such field)', 'email present but undefined', 'email null', 'email empty', 'phone missing']) {
			expect(String(byName(name).error)).toMatch(/is required \(item \d+\)/);
		}
		expect(String(byName('email an object').error)).toMatch(/^Email is an object, not text \(item 5\)/);
		expect(String(byName('email a list').error)).toMatch(/^Email is a list, not text \(item 6\)/);
		expect(String(byName('first name an object').error)).toMatch(/^First Name is an object, not text/);
		expect(String(byName('active "maybe"').error)).toMatch(/^Active "maybe" is not true or false/);
		expect(String(byName('active 2').error)).toMatch(/^Active 2 is not true or false/);
		expect(String(byName('active an object').error)).toMatch(/^Active an object is not true or false/);
		expect(String(byName('priority unknown').error)).toMatch(/^Priority "urgent" is not one Keepnet knows/);
		expect(String(byName('first name with a line break').error)).toMatch(/control character/);
		expect(String(byName('first name over the create limit').error)).toMatch(/too long: 257 characters/);

		const storedOf = (companyId: string) =>
			Object.fromEntries(
				fixture.sandbox.store
					.targetUsersOf(companyId)
					.map(({ email, phoneNumber, firstName, isActive, priority }) => [email.split('@')[0], { email: email.replace(domainOf(companyId), '{domain}'), phoneNumber, firstName, isActive, priority }]),
			);
		expect(storedOf(fast)).toEqual(storedOf(evaluated));
		expect(storedOf(fast)).toMatchObject({
			plain: { isActive: true, priority: 'High', firstName: 'Plain' },
			spaced: { email: 'spaced@{domain}' },
			phonenumber: { phoneNumber: '4410010' },
			phonebool: { phoneNumber: 'true' },
			firstbool: { firstName: 'false' },
			activeno: { isActive: false },
			activeon: { isActive: true },
			activeinactive: { isActive: false },
			activezero: { isActive: false },
			activeone: { isActive: true },
			activefalse: { isActive: false },
			prioritycase: { priority: 'VeryHigh' },
		});
		expect(Object.keys(storedOf(fast))).toHaveLength(TYPE_CASES.length - errorItems);
	});
});

describe('inputFieldPath', () => {
	it('recognises only the plain $json field reads', () => {
		expect(inputFieldPath('={{ $json.email }}')).toEqual(['email']);
		expect(inputFieldPath('={{$json.a.b}}')).toEqual(['a', 'b']);
		expect(inputFieldPath('={{ $json["phone number"] }}')).toEqual(['phone number']);
		expect(inputFieldPath("={{ $json.contact['e-mail'] }}")).toEqual(['contact', 'e-mail']);
		// Names n8n's expression sandbox treats specially are left to n8n.
		expect(inputFieldPath('={{ $json.__proto__ }}')).toBeUndefined();
		expect(inputFieldPath('={{ $json["constructor"] }}')).toBeUndefined();
		for (const other of ['{{ $json.email }}', '={{ $json.email.trim() }}', '={{ $json.email }} ', '={{ $json.a }}{{ $json.b }}', '={{ $("Node").item.json.a }}', '=x{{ $json.a }}', '={{ $json }}']) {
			expect(inputFieldPath(other)).toBeUndefined();
		}
	});
});
