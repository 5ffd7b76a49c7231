/**
 * HTTP plumbing shared by the routes: the response shape, the ServiceResult envelope, errors as exceptions,
 * body parsing (JSON / form / multipart) and case-insensitive field readers that produce the validation
 * messages the real (ASP.NET + FluentValidation) API produces.
 */
import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'http';
import type { Readable } from 'stream';
import type { MultipartBody } from './types';

export interface SandboxResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer | string | Readable | null;
}

/** Thrown by handlers to answer with `response`. */
export class HttpError extends Error {
	constructor(readonly response: SandboxResponse) {
		super(`HTTP ${response.status}`);
	}
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(status: number, payload: unknown, headers: Record<string, string> = {}): SandboxResponse {
	return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(payload) };
}

export type ResultStatus = 'SUCCESS' | 'FAILED' | 'INPUT_ERROR' | 'INTERNAL_SERVER_ERROR' | 'PRIVACY_ERROR';

export interface ServiceResult<T> {
	status: ResultStatus;
	message: string | null;
	validationMessages: string[] | null;
	data: T;
}

export function serviceResult<T>(status: ResultStatus, message: string | null, data: T, validationMessages: string[] | null = null): ServiceResult<T> {
	return { status, message, validationMessages, data };
}

/** 200 SUCCESS with data. */
export function ok<T>(data: T): SandboxResponse {
	return jsonResponse(200, serviceResult('SUCCESS', null, data));
}

/** 200 SUCCESS with data: { resourceId } (IdResult), the answer of every create/update/delete. */
export function idResult(resourceId: string | null): SandboxResponse {
	return ok({ resourceId });
}

/**
 * 415 as ASP.NET's [ApiController] sends it: RFC 7807 ProblemDetails (application/problem+json), not a
 * ServiceResult, because the request never reaches Keepnet's own code.
 */
export function unsupportedMediaType(): HttpError {
	return new HttpError({
		status: 415,
		headers: { 'content-type': 'application/problem+json; charset=utf-8' },
		body: JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16', title: 'Unsupported Media Type', status: 415, traceId: '00-sandbox-0000000000000000-00' }),
	});
}

export function inputError(validationMessages: string[], message = 'One or more validation errors occurred.'): HttpError {
	return new HttpError(jsonResponse(400, serviceResult('INPUT_ERROR', message, null, validationMessages)));
}

export function failed(status: number, message: string, resultStatus: ResultStatus = 'FAILED'): HttpError {
	return new HttpError(jsonResponse(status, serviceResult(resultStatus, message, null, [message])));
}

export const notFound = (message: string): HttpError => failed(404, message);
export const forbidden = (message: string): HttpError => failed(403, message);

export function internalServerError(message: string): HttpError {
	return failed(500, message, 'INTERNAL_SERVER_ERROR');
}

/** "FirstName" / "firstName" → "First Name" (FluentValidation's default display name). */
export function displayName(propertyName: string): string {
	const pascal = propertyName.charAt(0).toUpperCase() + propertyName.slice(1);
	return pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

// ---------------------------------------------------------------------------------------------------------------
// Body parsing

export type BodyKind = 'empty' | 'json' | 'form' | 'multipart' | 'other';

export interface UploadedFile {
	field: string;
	filename: string;
	mimeType: string;
	data: Buffer;
}

export interface ParsedBody {
	kind: BodyKind;
	/** Lower-cased media type without parameters ('' when absent). */
	mediaType: string;
	raw: Buffer;
	json?: unknown;
	/** Set when the content type is JSON but the text is not valid JSON. */
	jsonError?: string;
	form?: Record<string, string | string[]>;
	multipart?: { fields: Record<string, string | string[]>; files: UploadedFile[] };
	/** Set when a multipart body could not be parsed. */
	multipartError?: string;
}

export function mediaTypeOf(headers: IncomingHttpHeaders): string {
	const header = headers['content-type'];
	return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** The JSON media types ASP.NET's SystemTextJsonInputFormatter accepts. */
export function isJsonMediaType(mediaType: string): boolean {
	return mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[a-z0-9.+-]*\+json$/.test(mediaType);
}

function addField(target: Record<string, string | string[]>, name: string, value: string): void {
	const existing = target[name];
	if (existing === undefined) target[name] = value;
	else if (Array.isArray(existing)) existing.push(value);
	else target[name] = [existing, value];
}

function parseMultipart(headers: IncomingHttpHeaders, raw: Buffer): Promise<{ fields: Record<string, string | string[]>; files: UploadedFile[] }> {
	return new Promise((resolve, reject) => {
		const fields: Record<string, string | string[]> = {};
		const files: UploadedFile[] = [];
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers, limits: { fieldSize: 10 * 1024 * 1024 } });
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		parser.on('field', (name, value) => addField(fields, name, value));
		parser.on('file', (field, stream, info) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks) }));
		});
		parser.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
		parser.on('close', () => resolve({ fields, files }));
		parser.end(raw);
	});
}

export async function parseBody(headers: IncomingHttpHeaders, raw: Buffer): Promise<ParsedBody> {
	const mediaType = mediaTypeOf(headers);
	if (raw.length === 0) return { kind: 'empty', mediaType, raw };
	if (isJsonMediaType(mediaType)) {
		try {
			return { kind: 'json', mediaType, raw, json: JSON.parse(raw.toString('utf8')) as unknown };
		} catch (error) {
			return { kind: 'json', mediaType, raw, jsonError: error instanceof Error ? error.message : String(error) };
		}
	}
	if (mediaType === 'application/x-www-form-urlencoded') {
		const form: Record<string, string | string[]> = {};
		for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) addField(form, name, value);
		return { kind: 'form', mediaType, raw, form };
	}
	if (mediaType === 'multipart/form-data') {
		try {
			return { kind: 'multipart', mediaType, raw, multipart: await parseMultipart(headers, raw) };
		} catch (error) {
			return { kind: 'multipart', mediaType, raw, multipartError: error instanceof Error ? error.message : String(error) };
		}
	}
	return { kind: 'other', mediaType, raw };
}

/** The body as it goes into the request log (file contents reduced to their size). */
export function recordableBody(body: ParsedBody): unknown {
	switch (body.kind) {
		case 'empty':
			return null;
		case 'json':
			return body.jsonError === undefined ? body.json : body.raw.toString('utf8');
		case 'form':
			return body.form;
		case 'multipart': {
			if (!body.multipart) return body.raw.toString('utf8');
			const recorded: MultipartBody = {
				fields: body.multipart.fields,
				files: body.multipart.files.map((file) => ({ field: file.field, filename: file.filename, mimeType: file.mimeType, size: file.data.length })),
			};
			return recorded;
		}
		default:
			return body.raw.toString('utf8');
	}
}

// ---------------------------------------------------------------------------------------------------------------
// JSON readers

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Property lookup ignoring case, as ASP.NET's binder does (the UI sends PascalCase, the SPEC says camelCase). */
export function getField(obj: JsonObject, name: string): unknown {
	if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
	const lower = name.toLowerCase();
	for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
	return undefined;
}

export function hasField(obj: JsonObject, name: string): boolean {
	return getField(obj, name) !== undefined;
}

/**
 * The JSON body of a request, or an HttpError: 415 for a non-JSON content type, 400 for an empty or invalid
 * body, 400 when it is not an object.
 */
export function requireJsonObject(body: ParsedBody): JsonObject {
	if (body.kind === 'empty') throw inputError(['A non-empty request body is required.']);
	if (body.kind !== 'json') {
		throw unsupportedMediaType();
	}
	if (body.jsonError !== undefined) throw inputError([`The request body is not valid JSON: ${body.jsonError}`]);
	if (!isJsonObject(body.json)) throw inputError(['The JSON value could not be converted to the request model. Path: $']);
	return body.json;
}

/** Like requireJsonObject, but an empty body (or none) is an empty object. For endpoints whose body is optional. */
export function optionalJsonObject(body: ParsedBody): JsonObject {
	if (body.kind === 'empty') return {};
	return requireJsonObject(body);
}

export interface StringRule {
	required?: boolean;
	minLength?: number;
	maxLength?: number;
	/** Display name for messages; default derived from the property name. */
	label?: string;
}

/** Reads typed fields from a JSON object and collects validation messages instead of failing on the first. */
export class JsonReader {
	readonly errors: string[] = [];

	constructor(
		readonly obj: JsonObject,
		private readonly path = '$',
	) {}

	raw(name: string): unknown {
		return getField(this.obj, name);
	}

	has(name: string): boolean {
		return getField(this.obj, name) !== undefined;
	}

	private typeError(name: string, clrType: string): void {
		this.errors.push(`The JSON value could not be converted to ${clrType}. Path: ${this.path}.${name}`);
	}

	string(name: string, rule: StringRule = {}): string | null {
		const value = getField(this.obj, name);
		const label = rule.label ?? displayName(name);
		if (value === undefined || value === null) {
			if (rule.required) this.errors.push(`'${label}' must not be empty.`);
			return null;
		}
		if (typeof value !== 'string') {
			this.typeError(name, 'System.String');
			return null;
		}
		if (rule.required && value.trim() === '') {
			this.errors.push(`'${label}' must not be empty.`);
			return value;
		}
		if (rule.minLength !== undefined && value.length < rule.minLength) {
			this.errors.push(`The length of '${label}' must be at least ${rule.minLength} characters. You entered ${value.length} characters.`);
		} else if (rule.maxLength !== undefined && value.length > rule.maxLength) {
			this.errors.push(`The length of '${label}' must be ${rule.maxLength} characters or fewer. You entered ${value.length} characters.`);
		}
		return value;
	}

	int(name: string, options: { required?: boolean; label?: string } = {}): number | null {
		const value = getField(this.obj, name);
		if (value === undefined || value === null) {
			if (options.required) this.errors.push(`'${options.label ?? displayName(name)}' must not be empty.`);
			return null;
		}
		if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2147483647) {
			this.typeError(name, 'System.Int32');
			return null;
		}
		return value;
	}

	bool(name: string): boolean | null {
		const value = getField(this.obj, name);
		if (value === undefined || value === null) return null;
		if (typeof value !== 'boolean') {
			this.typeError(name, 'System.Boolean');
			return null;
		}
		return value;
	}

	stringArray(name: string): string[] | null {
		const value = getField(this.obj, name);
		if (value === undefined || value === null) return null;
		if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
			this.typeError(name, 'System.Collections.Generic.List`1[System.String]');
			return null;
		}
		return value as string[];
	}

	object(name: string): JsonObject | null {
		const value = getField(this.obj, name);
		if (value === undefined || value === null) return null;
		if (!isJsonObject(value)) {
			this.typeError(name, 'an object');
			return null;
		}
		return value;
	}

	array(name: string): unknown[] | null {
		const value = getField(this.obj, name);
		if (value === undefined || value === null) return null;
		if (!Array.isArray(value)) {
			this.typeError(name, 'an array');
			return null;
		}
		return value;
	}

	error(message: string): void {
		this.errors.push(message);
	}

	throwIfErrors(): void {
		if (this.errors.length > 0) throw inputError(this.errors);
	}
}

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value.trim());
}

export const invalidEmailMessage = (label: string): string => `'${label}' is not a valid email address.`;

// ---------------------------------------------------------------------------------------------------------------
// multipart/form-data readers

/** Reads [FromForm] fields: names case-insensitive, arrays as repeated keys (also `Name[]` and `Name[0]`). */
export class FormReader {
	readonly errors: string[] = [];
	private readonly byLowerName = new Map<string, string[]>();

	constructor(fields: Record<string, string | string[]>) {
		for (const [name, value] of Object.entries(fields)) {
			const key = name.toLowerCase().replace(/\[\d*\]$/, '');
			const list = this.byLowerName.get(key) ?? [];
			list.push(...(Array.isArray(value) ? value : [value]));
			this.byLowerName.set(key, list);
		}
	}

	private values(name: string): string[] | undefined {
		return this.byLowerName.get(name.toLowerCase());
	}

	/** The single value of a field (the first when repeated); null when absent or empty. */
	string(name: string, rule: StringRule = {}): string | null {
		const value = this.values(name)?.[0];
		const label = rule.label ?? displayName(name);
		if (value === undefined || value.trim() === '') {
			if (rule.required) this.errors.push(`'${label}' must not be empty.`);
			return null;
		}
		if (rule.maxLength !== undefined && value.length > rule.maxLength) {
			this.errors.push(`The length of '${label}' must be ${rule.maxLength} characters or fewer. You entered ${value.length} characters.`);
		}
		return value;
	}

	int(name: string, options: { required?: boolean } = {}): number | null {
		const value = this.values(name)?.[0];
		if (value === undefined || value.trim() === '') {
			if (options.required) this.errors.push(`'${displayName(name)}' must not be empty.`);
			return null;
		}
		if (!/^\s*-?\d+\s*$/.test(value) || Math.abs(Number(value)) > 2147483647) {
			this.errors.push(`The value '${value}' is not valid for ${name}.`);
			return null;
		}
		return Number(value);
	}

	bool(name: string): boolean | null {
		const value = this.values(name)?.[0];
		if (value === undefined || value.trim() === '') return null;
		const lower = value.trim().toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
		this.errors.push(`The value '${value}' is not valid for ${name}.`);
		return null;
	}

	date(name: string): string | null {
		const value = this.values(name)?.[0];
		if (value === undefined || value.trim() === '') return null;
		const parsed = Date.parse(value);
		if (Number.isNaN(parsed)) {
			this.errors.push(`The value '${value}' is not valid for ${name}.`);
			return null;
		}
		// Keep the date part as the platform shows it (no time zone suffix).
		return new Date(parsed).toISOString().slice(0, 19);
	}

	stringArray(name: string): string[] {
		return (this.values(name) ?? []).filter((value) => value.trim() !== '');
	}

	has(name: string): boolean {
		return this.values(name) !== undefined;
	}

	error(message: string): void {
		this.errors.push(message);
	}

	throwIfErrors(): void {
		if (this.errors.length > 0) throw inputError(this.errors);
	}
}
