/**
 * Unit tests of the transport's helpers that the entry-point tests only reach indirectly: how a thrown
 * HTTP error is read (describeHttpFailure), when a token counts as expiring (renewalDueAt) and how the
 * TokenGate lets requests through, the redaction step, and the multipart body builder.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { buildMultipartBody } from '../../nodes/Keepnet/helpers/multipart';
import { requestTimeoutMs } from '../../nodes/Keepnet/transport/credentialType';
import { describeHttpFailure, isRetriableFailure } from '../../nodes/Keepnet/transport/httpFailure';
import { REDACTED, redactInPlace, redactText } from '../../nodes/Keepnet/transport/redaction';
import { renewalDueAt, TokenGate } from '../../nodes/Keepnet/transport/token';
import { parseBody } from '../sandbox/http';

function jwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'HS256' })}.${part(claims)}.signature`;
}

describe('describeHttpFailure', () => {
	const node = { id: '1', name: 'Keepnet', type: 'n8n-nodes-keepnet.keepnet', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	it('reads status, headers and body from an axios-style error wrapped by n8n in a NodeApiError', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 404'), {
			response: { status: 404, headers: { 'Content-Type': 'application/json', 'Retry-After': ['1', '2'] }, data: { message: 'gone' } },
		});
		const failure = describeHttpFailure(new NodeApiError(node, axiosError as never));
		expect(failure.status).toBe(404);
		expect(failure.headers).toEqual({ 'content-type': 'application/json', 'retry-after': '1, 2' });
		expect(failure.body).toEqual({ message: 'gone' });
		expect(failure.timedOut).toBeUndefined();
	});

	it('reads a socket code from the cause chain, and no status', () => {
		const failure = describeHttpFailure(Object.assign(new Error('outer'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }));
		expect(failure.status).toBeUndefined();
		expect(failure).toMatchObject({ networkCode: 'ECONNRESET', message: 'outer' });
		expect(isRetriableFailure(failure)).toBe(true);
	});

	it("recognises axios' timeout", () => {
		const failure = describeHttpFailure(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' }));
		expect(failure).toMatchObject({ networkCode: 'ECONNABORTED', timedOut: true });
	});

	it('ignores codes that are not socket failures, and falls back to httpCode', () => {
		const failure = describeHttpFailure({ message: 'x', code: 'ERR_SOMETHING', httpCode: '503' });
		expect(failure.networkCode).toBeUndefined();
		expect(failure.status).toBe(503);
	});

	it('stops on a cyclic cause chain', () => {
		const error: { message: string; cause?: unknown } = { message: 'loop' };
		error.cause = error;
		expect(describeHttpFailure(error).message).toBe('loop');
	});
});

describe('isRetriableFailure', () => {
	it.each([
		[{ status: 500 }, true],
		[{ status: 503 }, true],
		[{ status: 429 }, false],
		[{ status: 400 }, false],
		[{ status: 307 }, false],
		[{ networkCode: 'ECONNRESET' }, true],
		[{ status: null, networkCode: 'ETIMEDOUT' }, true],
		[{ status: null, networkCode: null }, false],
		[{}, false],
	])('%j → %s', (failure, expected) => {
		expect(isRetriableFailure(failure)).toBe(expected);
	});
});

describe('renewalDueAt', () => {
	it('is a tenth of the lifetime before exp, at most 60 s', () => {
		expect(renewalDueAt(jwt({ iat: 1000, exp: 1100 }))).toBe(1090 * 1000);
		expect(renewalDueAt(jwt({ iat: 0, exp: 3600 }))).toBe(3540 * 1000);
	});

	it('assumes an hour of lifetime without iat', () => {
		expect(renewalDueAt(jwt({ exp: 5000 }))).toBe(4940 * 1000);
	});

	it('is 0 (renew now) for a missing token, and never for an unreadable one', () => {
		expect(renewalDueAt('')).toBe(0);
		expect(renewalDueAt(undefined)).toBe(0);
		expect(renewalDueAt('opaque-token')).toBe(Number.POSITIVE_INFINITY);
		expect(renewalDueAt('a.not-base64-json.c')).toBe(Number.POSITIVE_INFINITY);
		expect(renewalDueAt(jwt({ sub: 'x' }))).toBe(Number.POSITIVE_INFINITY);
	});
});

describe('TokenGate', () => {
	function contextWithToken(token: () => string) {
		let reads = 0;
		const ctx = {
			getCredentials: async () => {
				reads++;
				return { accessToken: token() };
			},
		} as unknown as IExecuteFunctions;
		return { ctx, reads: () => reads };
	}

	it('lets requests run side by side while the token is fresh, reading it once', async () => {
		const fresh = jwt({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
		const { ctx, reads } = contextWithToken(() => fresh);
		const gate = new TokenGate();
		let running = 0;
		let maxRunning = 0;
		const send = async () => {
			running++;
			maxRunning = Math.max(maxRunning, running);
			await new Promise((resolve) => setTimeout(resolve, 10));
			running--;
			return 'ok';
		};
		await gate.run(ctx, send);
		await Promise.all(Array.from({ length: 5 }, async () => await gate.run(ctx, send)));
		expect(maxRunning).toBe(5);
		expect(reads()).toBe(1);
	});

	it('runs one request alone when the token is expiring, then lets the others through', async () => {
		let token = jwt({ iat: 0, exp: 10 });
		const { ctx } = contextWithToken(() => token);
		const gate = new TokenGate();
		const order: string[] = [];
		const first = gate.run(ctx, async () => {
			order.push('first start');
			await new Promise((resolve) => setTimeout(resolve, 20));
			token = jwt({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
			order.push('first end');
		});
		await new Promise((resolve) => setImmediate(resolve));
		const others = Promise.all([1, 2].map(async (index) => await gate.run(ctx, async () => void order.push(`other ${index}`))));
		await Promise.all([first, others]);
		expect(order.slice(0, 2)).toEqual(['first start', 'first end']);
		expect(order.slice(2).sort()).toEqual(['other 1', 'other 2']);
	});

	it('releases the queue when the lone request fails', async () => {
		const { ctx } = contextWithToken(() => '');
		const gate = new TokenGate();
		await expect(gate.run(ctx, async () => await Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(gate.run(ctx, async () => 'next')).resolves.toBe('next');
	});
});

describe('redaction', () => {
	const secret = 'S3cr3t+/value=';
	const token = jwt({ exp: 1 });

	it('replaces the given secrets, also percent-encoded, Bearer values, JWTs and echoed form fields', () => {
		const text = `a ${secret} b ${encodeURIComponent(secret)} c Bearer opaque-123 d ${token} e client_secret=xyz&f access_token: "abc"`;
		const redacted = redactText(text, [secret]);
		expect(redacted).toBe(
			`a ${REDACTED} b ${REDACTED} c Bearer ${REDACTED} d ${REDACTED} e client_secret=${REDACTED}&f access_token: "${REDACTED}"`,
		);
	});

	it('leaves short or non-string "secrets" and ordinary text alone', () => {
		expect(redactText('abc 123 Keepnet rejected the input', ['abc', 7, undefined])).toBe('abc 123 Keepnet rejected the input');
	});

	it('redacts non-enumerable properties, nested causes and the stack of an error', () => {
		const inner = new Error(`inner ${secret}`);
		const error = Object.assign(new Error(`outer ${secret}`), { cause: inner }) as Error & { context?: unknown };
		Object.defineProperty(error, 'hidden', { value: { text: `Bearer ${token}` }, enumerable: false, writable: true });
		error.context = { list: [`x ${secret}`] };
		redactInPlace(error, [secret]);
		const everything = [error.message, error.stack, inner.message, inner.stack, JSON.stringify(error.context), JSON.stringify((error as unknown as { hidden: unknown }).hidden)].join('\n');
		expect(everything).not.toContain(secret);
		expect(everything).not.toContain(token);
		expect(error.message).toBe(`outer ${REDACTED}`);
	});
});

describe('requestTimeoutMs', () => {
	it.each([
		[{ timeoutSeconds: 5 }, 5000],
		[{ timeoutSeconds: 0.5 }, 500],
		[{}, 60_000],
		[{ timeoutSeconds: '' }, 60_000],
		[{ timeoutSeconds: -1 }, 60_000],
		[{ timeoutSeconds: 'abc' }, 60_000],
		[{ timeoutSeconds: 1e9 }, 3_600_000],
	])('%j → %i ms', (credentials, expected) => {
		expect(requestTimeoutMs(credentials)).toBe(expected);
	});
});

describe('buildMultipartBody', () => {
	it('builds a body the sandbox (busboy) parses back into the same fields and files', async () => {
		const { body, contentType } = buildMultipartBody(
			{ name: 'Acme', count: 3, active: true, tags: ['a', 'b'], empty: '', missing: undefined },
			{ file: { filename: 'we"ird\r\nname.csv', contentType: 'text/csv', data: Buffer.from('email\nx@y.z\n') } },
		);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=----n8nKeepnet[0-9a-f]+$/);
		const parsed = await parseBody({ 'content-type': contentType }, body);
		expect(parsed.multipart?.fields).toEqual({ name: 'Acme', count: '3', active: 'true', tags: ['a', 'b'] });
		expect(parsed.multipart?.files).toHaveLength(1);
		const [file] = parsed.multipart!.files;
		expect(file).toMatchObject({ field: 'file', filename: 'we_ird__name.csv', mimeType: 'text/csv' });
		expect(file.data.toString('utf8')).toBe('email\nx@y.z\n');
	});

	it('uses a fresh boundary for each body', () => {
		expect(buildMultipartBody({ a: '1' }).contentType).not.toBe(buildMultipartBody({ a: '1' }).contentType);
	});
});
