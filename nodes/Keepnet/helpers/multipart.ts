/**
 * A multipart/form-data body as one Buffer. Keepnet's company and upload endpoints only take multipart;
 * building the bytes here (rather than a stream or FormData) keeps the body replayable, so n8n can
 * resend it after renewing the token on a 401.
 */
export type MultipartValue = string | number | boolean | Array<string | number>;

export interface MultipartFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

export function buildMultipartBody(
	fields: Record<string, MultipartValue | undefined>,
	files: Record<string, MultipartFile> = {},
): { body: Buffer; contentType: string } {
	const boundary = `----n8nKeepnet${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const parts: Buffer[] = [];
	const append = (name: string, value: string | number | boolean) => {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`, 'utf8'));
	};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === '') continue;
		// Arrays repeat the key once per entry, as Keepnet's web client sends them.
		if (Array.isArray(value)) value.forEach((entry) => append(name, entry));
		else append(name, value);
	}
	for (const [name, file] of Object.entries(files)) {
		const safeName = file.filename.replace(/["\r\n]/g, '_');
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${safeName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
