/** Command-line flags of the benchmark scripts, given as `--flag value` or `--flag=value`. */
export interface FlagReader {
	flag: string;
	/** The flag's value (the text after `=`, else the next argument). */
	value(): string | undefined;
	/** The value as a number ≥ 0; anything else is an error naming the flag. */
	number(): number;
}

/** Calls `handle` once per flag, in order; `handle` reads the flag's value only if the flag takes one. */
export function forEachFlag(argv: string[], handle: (reader: FlagReader) => void): void {
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		const value = (): string | undefined => inline ?? argv[++index];
		handle({
			flag,
			value,
			number: () => nonNegativeNumber(flag, value()),
		});
	}
}

/** `raw` as a number ≥ 0; anything else is an error naming the flag. */
export function nonNegativeNumber(flag: string, raw: string | undefined): number {
	const parsed = Number(raw);
	if (raw === undefined || raw.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a number ≥ 0`);
	return parsed;
}
