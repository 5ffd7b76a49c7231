/** Deterministic pseudo-random numbers (mulberry32), so that a seed always gives the same tenant data and fault sequence. */
import { createHash } from 'crypto';

const SHORT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Prng {
	private state: number;

	constructor(seed: number) {
		// Force a 32-bit unsigned state; 0 would still work with mulberry32 but mix it anyway.
		this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
	}

	/** Uniform float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [0, maxExclusive). */
	int(maxExclusive: number): number {
		return Math.floor(this.next() * maxExclusive);
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	/** A 12-character [A-Za-z0-9] id shaped like a Keepnet resource id. */
	shortId(): string {
		let id = '';
		for (let i = 0; i < 12; i++) id += SHORT_ID_ALPHABET[this.int(SHORT_ID_ALPHABET.length)];
		return id;
	}

	/** A version-4-shaped UUID (used for import transaction ids, which are GUIDs on the real platform). */
	uuid(): string {
		const hex: string[] = [];
		for (let i = 0; i < 32; i++) hex.push(this.int(16).toString(16));
		hex[12] = '4';
		hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
		const s = hex.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}
}

/** A stable 12-character id derived from a name (for constant lookup data that must not depend on the seed). */
export function stableShortId(name: string): string {
	const digest = createHash('sha256').update(name).digest();
	let id = '';
	for (let i = 0; i < 12; i++) id += SHORT_ID_ALPHABET[digest[i] % SHORT_ID_ALPHABET.length];
	return id;
}
