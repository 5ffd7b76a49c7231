/**
 * Property: whatever values arrive in the input items (random, hostile, huge, control characters,
 * header injection, path traversal), the node never crashes, never sends invalid input to Keepnet,
 * sends nothing at all when it refuses an item, and never shows a secret.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KEEPNET_ID_PATTERN } from '../../nodes/Keepnet/helpers/validation';
import { leakedSecrets } from '../support/secrets';
import { items, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[4];
});
afterAll(async () => await fixture.close());

const hostile = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 30 }),
	fc.string({ minLength: 250, maxLength: 400 }),
	fc.constantFrom(
		'',
		' ',
		'\r\nX-Injected: 1',
		'../../api/companies',
		'a@b',
		'a@b.c',
		'user@example.com',
		'USER@EXAMPLE.COM',
		'jane@@example.com',
		'<script>alert(1)</script>@x.io',
		'{{ $env.HOME }}',
		'=1+1',
		'null',
		'undefined',
		'Medium',
		'VeryHigh',
		'very high',
		'Urgent',
		'xC5kfGz7w2Nz',
		'\u0000',
		'\u202e',
		'😀@😀.com',
	),
);
// Values may also arrive as other JSON types from a previous node.
const anyValue = fc.oneof(hostile, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }));

const CONTROL = /[\u0000-\u001f\u007f]/;
const LIMITS: Record<string, number> = { email: 320, firstName: 256, lastName: 256, department: 256, managerEmail: 320, phoneNumber: 20 };

function checkSentRequests(since: number) {
	for (const request of fixture.sandbox.requests.slice(since)) {
		if (!request.path.startsWith('/api/')) continue;
		expect(request.headers['x-keepnet-company-id']).toMatch(KEEPNET_ID_PATTERN);
		const body = (request.body ?? {}) as IDataObject;
		for (const [field, limit] of Object.entries(LIMITS)) {
			const value = body[field];
			if (value === undefined) continue;
			expect(typeof value).toBe('string');
			expect((value as string).length).toBeLessThanOrEqual(limit);
			expect(CONTROL.test(value as string)).toBe(false);
		}
		if (typeof body.email === 'string') expect(body.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
	}
}

async function runAndCheck(parameters: INodeParameters, row: IDataObject) {
	const before = fixture.sandbox.requests.length;
	let output: unknown;
	let thrown: unknown;
	try {
		output = (await fixture.run(parameters, { items: items(row) })).output;
	} catch (error) {
		thrown = error;
	}
	if (thrown !== undefined) {
		// No crash: every failure is one of n8n's node errors with a message for the user.
		expect(thrown).toBeInstanceOf(Error);
		expect(['NodeOperationError', 'NodeApiError']).toContain((thrown as Error).constructor.name);
		expect((thrown as Error).message.length).toBeGreaterThan(0);
		expect((thrown as Error).message).not.toMatch(/TypeError|Cannot read|is not a function|\[object Object\]/);
		// A message says "undefined" only when that word came in with the input, never from a missing value.
		if (!JSON.stringify(row).includes('undefined')) expect((thrown as Error).message).not.toContain('undefined');
		if ((thrown as Error).constructor.name === 'NodeOperationError') {
			// Refused input: nothing was sent, not even a token request.
			expect(fixture.sandbox.requests.length).toBe(before);
		}
	}
	checkSentRequests(before);
	expect(leakedSecrets(fixture.sandbox, output, thrown)).toEqual([]);
}

describe('hostile values in every user-facing field', () => {
	it('Target User → Create or Update', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({ email: anyValue, phone: anyValue, first: anyValue, last: anyValue, department: anyValue, priority: anyValue, managerEmail: anyValue, company: fc.oneof(anyValue, fc.constant('COMPANY')) }),
				async (row) => {
					const company = row.company === 'COMPANY' ? companyId : row.company;
					await runAndCheck(
						{
							resource: 'targetUser',
							operation: 'upsert',
							companyId: locator('={{ $json.company }}', 'id'),
							email: '={{ $json.email }}',
							phoneNumber: '={{ $json.phone }}',
							additionalFields: {
								firstName: '={{ $json.first }}',
								lastName: '={{ $json.last }}',
								department: '={{ $json.department }}',
								priority: '={{ $json.priority }}',
								managerEmail: '={{ $json.managerEmail }}',
							},
						},
						{ ...row, company } as IDataObject,
					);
				},
			),
			{ numRuns: 120, seed: 20261123 },
		);
	});

	it('Target User → Export (format, file name, field name) and Get (ID)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.record({ format: anyValue, fileName: anyValue, field: anyValue, id: anyValue }), async (row) => {
				await runAndCheck(
					{
						resource: 'targetUser',
						operation: 'export',
						companyId: locator(companyId),
						fileFormat: '={{ $json.format }}',
						binaryPropertyName: '={{ $json.field }}',
						options: { fileName: '={{ $json.fileName }}' },
					},
					row as IDataObject,
				);
				await runAndCheck({ resource: 'targetUser', operation: 'get', companyId: locator(companyId), targetUserId: locator('={{ $json.id }}', 'id') }, row as IDataObject);
			}),
			{ numRuns: 60, seed: 20261124 },
		);
	});

	it('System User → Create', async () => {
		const roleId = fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin;
		await fc.assert(
			fc.asyncProperty(fc.record({ first: anyValue, last: anyValue, email: anyValue, phone: anyValue }), async (row) => {
				await runAndCheck(
					{
						resource: 'systemUser',
						operation: 'create',
						companyId: locator(companyId),
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.email }}',
						phoneNumber: '={{ $json.phone }}',
						roleIds: [roleId],
					},
					row as IDataObject,
				);
			}),
			{ numRuns: 60, seed: 20261125 },
		);
	});
});
