import ExcelJS from 'exceljs';
import { startSandbox, type Sandbox } from '..';
import { api, filterWith, getToken, searchBody, type ServiceResultBody } from './helpers';

async function exportRaw(sandbox: Sandbox, token: string, companyId: string, body: Record<string, unknown>): Promise<Response> {
	return fetch(`${sandbox.url}/api/target-users/search/export`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'X-KEEPNET-Company-Id': companyId },
		body: JSON.stringify(body),
	});
}

describe('sandbox: target-user export files', () => {
	let sandbox: Sandbox;
	let token: string;
	let companyId: string;
	let total: number;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { targetUsersPerCompany: 130 } });
		token = await getToken(sandbox);
		companyId = sandbox.ids.customerCompanyIds[2];
		const created = await api(sandbox, token, 'POST', '/api/target-users', {
			companyId,
			body: { email: 'quoted.user@umbrellahealth.example', phoneNumber: '+1', firstName: 'Jane "JJ"', lastName: 'Doe, Jr.', department: 'Legal' },
		});
		expect(created.status).toBe(200);
		total = sandbox.store.targetUsersOf(companyId).length;
	});
	afterAll(() => sandbox.close());

	it('CSV (CSV or Csv): text/csv attachment "Target Users.csv", header row, every row with reportAllPages, RFC 4180 quoting', async () => {
		for (const exportType of ['CSV', 'Csv']) {
			const response = await exportRaw(sandbox, token, companyId, { ...searchBody({ pageSize: 10, orderBy: 'email', ascending: true }), exportType, reportAllPages: true });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
			expect(response.headers.get('content-disposition')).toContain('attachment; filename="Target Users.csv"');
			const lines = (await response.text()).split('\r\n').filter((line) => line !== '');
			expect(lines[0]).toBe('First Name,Last Name,Email,Phone Number,Department,Priority,Status,Create Time');
			expect(lines).toHaveLength(total + 1);
			expect(lines).toContain('"Jane ""JJ""","Doe, Jr.",quoted.user@umbrellahealth.example,+1,Legal,Medium,Active,' + sandbox.store.findTargetUserByEmail(companyId, 'quoted.user@umbrellahealth.example')?.createTime);
			const emails = lines.slice(1).map((line) => line.split(',').find((cell) => cell.includes('@')) ?? '');
			expect(emails).toEqual([...emails].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
		}
	});

	it('exports only the requested page when reportAllPages is false, and honours the filter', async () => {
		const page = await exportRaw(sandbox, token, companyId, { ...searchBody({ pageNumber: 2, pageSize: 25 }), exportType: 'Csv', reportAllPages: false });
		expect((await page.text()).split('\r\n').filter((line) => line !== '')).toHaveLength(26);
		const filtered = await exportRaw(sandbox, token, companyId, {
			...searchBody({ filter: filterWith([{ FieldName: 'Department', Operator: 'Contains', Value: 'Legal' }]) }),
			exportType: 'CSV',
			reportAllPages: true,
		});
		const rows = (await filtered.text()).split('\r\n').filter((line) => line !== '').slice(1);
		expect(rows.length).toBe(sandbox.store.targetUsersOf(companyId).filter((user) => user.department === 'Legal').length);
		expect(rows.every((row) => row.includes(',Legal,'))).toBe(true);
	});

	it('Excel: a real .xlsx that exceljs reads back with the same rows', async () => {
		const response = await exportRaw(sandbox, token, companyId, { ...searchBody({ orderBy: 'email', ascending: true }), exportType: 'Excel', reportAllPages: true });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers.get('content-disposition')).toContain('filename="Target Users.xlsx"');
		const buffer = Buffer.from(await response.arrayBuffer());
		expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
		const sheet = workbook.worksheets[0];
		const values: string[][] = [];
		sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
		expect(values[0]).toEqual(['First Name', 'Last Name', 'Email', 'Phone Number', 'Department', 'Priority', 'Status', 'Create Time']);
		expect(values).toHaveLength(total + 1);
		const quoted = values.find((row) => row[2] === 'quoted.user@umbrellahealth.example');
		expect(quoted?.slice(0, 2)).toEqual(['Jane "JJ"', 'Doe, Jr.']);
	});

	it('PDF: a structurally valid PDF (header, xref offsets pointing at objects, trailer, EOF)', async () => {
		const response = await exportRaw(sandbox, token, companyId, { ...searchBody(), exportType: 'PDF', reportAllPages: true });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toContain('filename="Target Users.pdf"');
		const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
		expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
		const header = /xref\n0 (\d+)\n/.exec(pdf.slice(startxref));
		const count = Number(header?.[1]);
		const entries = pdf.slice(startxref).split('\n').slice(2, 2 + count);
		entries.slice(1).forEach((entry, index) => {
			const offset = Number(entry.slice(0, 10));
			expect(pdf.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
		});
		const pages = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(pdf)?.[1]);
		expect(pages).toBeGreaterThan(1);
		expect(pdf).toContain('Jane "JJ"');
		// Stream lengths match their content.
		for (const match of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
			const start = (match.index ?? 0) + match[0].length;
			expect(pdf.slice(start + Number(match[1]), start + Number(match[1]) + 9)).toBe('endstream');
		}
	});

	it('answers a JSON ServiceResult 400 for an unknown or missing exportType', async () => {
		for (const exportType of ['Word', undefined]) {
			const response = await exportRaw(sandbox, token, companyId, { ...searchBody(), exportType, reportAllPages: true });
			expect(response.status).toBe(400);
			expect(response.headers.get('content-type')).toContain('application/json');
			const body = (await response.json()) as ServiceResultBody;
			expect(body.status).toBe('INPUT_ERROR');
			expect(body.validationMessages?.[0]).toContain('Export Type');
		}
	});
});
