/**
 * Realistic, deterministic target users for the benchmark: the kind of list an HR export hands a
 * Reseller when a customer is onboarded. Names from several countries (accents, apostrophes, double
 * surnames), e-mail addresses derived from them (some with capitals, as HR systems write them, and a
 * number appended when two people share a name), phone numbers in several national formats, weighted
 * departments, and a priority for about a third of the people (executives and finance more often high).
 * The same seed and count always give the same list.
 */
import { Prng } from '../test/sandbox/prng';

export interface BenchUser {
	email: string;
	firstName: string;
	lastName: string;
	phoneNumber: string;
	department: string;
	/** '' when the HR list has no priority for the person (Keepnet then applies its default). */
	priority: '' | 'VeryLow' | 'Low' | 'Medium' | 'High' | 'VeryHigh';
}

const FIRST_NAMES = [
	'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
	'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy',
	'Anthony', 'Emily', 'Mark', 'Ashley', 'Paul', 'Michelle', 'Andrew', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Stephanie',
	'José', 'María', 'Zoë', 'Chloé', 'Søren', 'Łukasz', 'Ayşe', 'Mehmet', 'Zeynep', 'Emre', 'Sofia', 'Lukas',
	'Anna-Lena', 'Jean-Luc', 'Priya', 'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Olumide', 'Chiamaka', 'Fatima', 'Omar',
];
const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
	'Wilson', 'Anderson', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
	'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill',
	"O'Brien", "O'Connor", 'Smith-Jones', 'van der Berg', 'Müller', 'Schröder', 'Dubois', 'Rossi', 'García Márquez', 'Yılmaz', 'Kaya', 'Demir',
	'Nowak', 'Kowalski', 'Sørensen', 'Nakamura', 'Tanaka', 'Patel', 'Sharma', 'Chen', 'Wang', 'Okafor', 'Adeyemi', 'Haddad',
];

/** Department and its weight: a mid-sized company has far more sales and engineering staff than lawyers. */
const DEPARTMENTS: Array<[string, number]> = [
	['Sales', 18],
	['Engineering', 16],
	['Customer Support', 12],
	['Operations', 11],
	['Marketing', 8],
	['Finance', 8],
	['IT', 7],
	['Human Resources', 6],
	['Procurement', 5],
	['Legal', 4],
	['Research & Development', 3],
	['Executive Office', 2],
];

/** Phone number formats by country, as they appear in HR exports (E.164, sometimes with spaces). */
const PHONE_FORMATS: Array<[(prng: Prng) => string, number]> = [
	[(prng) => `+1${200 + prng.int(799)}${String(2000000 + prng.int(7999999))}`, 40],
	[(prng) => `+44 7${String(100 + prng.int(899))} ${String(100000 + prng.int(899999))}`, 25],
	[(prng) => `+4915${1 + prng.int(9)}${String(1000000 + prng.int(8999999))}`, 15],
	[(prng) => `+905${30 + prng.int(69)}${String(1000000 + prng.int(8999999))}`, 10],
	[(prng) => `+316${String(10000000 + prng.int(89999999))}`, 10],
];

function weighted<T>(prng: Prng, choices: Array<[T, number]>): T {
	const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
	let roll = prng.next() * total;
	for (const [value, weight] of choices) {
		roll -= weight;
		if (roll < 0) return value;
	}
	return choices[choices.length - 1][0];
}

/** The local part an e-mail system makes of a name: accents folded, letters only, parts joined by dots. */
function mailPart(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.replace(/ø/g, 'o')
		.replace(/ı/g, 'i')
		.replace(/[^A-Za-z -]/g, '')
		.trim()
		.replace(/[ -]+/g, '-');
}

function priorityFor(prng: Prng, department: string): BenchUser['priority'] {
	const sensitive = department === 'Executive Office' || department === 'Finance';
	const roll = prng.next();
	if (sensitive) return roll < 0.45 ? 'VeryHigh' : roll < 0.8 ? 'High' : '';
	if (roll < 0.1) return 'Low';
	if (roll < 0.16) return 'Medium';
	if (roll < 0.26) return 'High';
	if (roll < 0.29) return 'VeryLow';
	return '';
}

/** `count` people of a company whose mail domain is `domain`, deterministic for (seed, count, domain). */
export function generateUsers(count: number, domain: string, seed: number): BenchUser[] {
	const prng = new Prng(seed);
	const seenLocalParts = new Map<string, number>();
	const users: BenchUser[] = [];
	for (let index = 0; index < count; index++) {
		const firstName = prng.pick(FIRST_NAMES);
		const lastName = prng.pick(LAST_NAMES);
		const base = `${mailPart(firstName)}.${mailPart(lastName)}`;
		const key = base.toLowerCase();
		const seen = seenLocalParts.get(key) ?? 0;
		seenLocalParts.set(key, seen + 1);
		const localPart = seen === 0 ? base : `${base}${seen + 1}`;
		// About one address in six keeps the capitals of the name (John.Smith@…), as many HR systems export them.
		const email = `${prng.chance(1 / 6) ? localPart : localPart.toLowerCase()}@${domain}`;
		const department = weighted(prng, DEPARTMENTS);
		users.push({
			email,
			firstName,
			lastName,
			phoneNumber: weighted(prng, PHONE_FORMATS)(prng),
			department,
			priority: priorityFor(prng, department),
		});
	}
	return users;
}
