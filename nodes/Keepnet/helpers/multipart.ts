/**
 * A multipart/form-data body as one Buffer. Keepnet's company endpoints only take multipart; building
 * the bytes here (rather than a stream or FormData) keeps the body replayable, so n8n can resend it
 * after renewing the token on a 401.
 */
export type MultipartValue = string | number | boolean | Array<string | number>;

export function buildMultipartBody(fields: Record<string, MultipartValue | undefined>): { body: Buffer; contentType: string } {
	const boundary = `----n8nKeepnet${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const parts: string[] = [];
	const append = (name: string, value: string | number | boolean) => {
		parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`);
	};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === '') continue;
		// Arrays repeat the key once per entry, as Keepnet's web client sends them.
		if (Array.isArray(value)) value.forEach((entry) => append(name, entry));
		else append(name, value);
	}
	parts.push(`--${boundary}--\r\n`);
	return { body: Buffer.from(parts.join(''), 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}
