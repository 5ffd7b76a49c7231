/**
 * Deterministic seed data: the reseller "Acme MSSP" managing N customers, an unmanaged company under another
 * reseller, target users / groups / system users / roles per company, and the two API clients.
 * Same SeedOptions ⇒ same ids, names and e-mails. Seed times are fixed dates so that sorting is stable.
 */
import { LOOKUP_TYPE, LICENSE_MODULES, lookupsOfType, PRIORITIES, type Priority } from './lookups';
import { Prng } from './prng';
import type { CompanyRecord, SandboxStore, TargetUserRecord } from './store';
import type { SandboxClientCredentials, SandboxIds, SeedOptions } from './types';

interface CompanySeed {
	name: string;
	domain: string;
	industry: string;
	country: string;
	timeZoneId: string;
	tags: string[];
}

const CUSTOMER_SEEDS: CompanySeed[] = [
	{ name: 'Globex Corporation', domain: 'globex.example', industry: 'Manufacturing', country: 'United States', timeZoneId: 'Eastern Standard Time', tags: ['enterprise'] },
	{ name: 'Initech', domain: 'initech.example', industry: 'Technology', country: 'United States', timeZoneId: 'Central Standard Time', tags: [] },
	{ name: 'Umbrella Health', domain: 'umbrellahealth.example', industry: 'Healthcare', country: 'United Kingdom', timeZoneId: 'GMT Standard Time', tags: ['healthcare', 'priority'] },
	{ name: 'Stark Logistics', domain: 'starklogistics.example', industry: 'Logistics', country: 'Germany', timeZoneId: 'W. Europe Standard Time', tags: ['eu'] },
	{ name: 'Wayne Financial', domain: 'waynefinancial.example', industry: 'Financial Services', country: 'United States', timeZoneId: 'Eastern Standard Time', tags: ['finance', 'priority'] },
	{ name: 'Hooli Systems', domain: 'hooli.example', industry: 'Technology', country: 'United States', timeZoneId: 'Pacific Standard Time', tags: [] },
	{ name: 'Soylent Foods', domain: 'soylent.example', industry: 'Food & Beverage', country: 'Netherlands', timeZoneId: 'W. Europe Standard Time', tags: ['eu'] },
	{ name: 'Cyberdyne Robotics', domain: 'cyberdyne.example', industry: 'Manufacturing', country: 'Japan', timeZoneId: 'Tokyo Standard Time', tags: [] },
	{ name: 'Tyrell Biotech', domain: 'tyrell.example', industry: 'Biotechnology', country: 'Canada', timeZoneId: 'Pacific Standard Time', tags: ['healthcare'] },
	{ name: 'Wonka Confectionery', domain: 'wonka.example', industry: 'Food & Beverage', country: 'United Kingdom', timeZoneId: 'GMT Standard Time', tags: [] },
	{ name: 'Vandelay Industries', domain: 'vandelay.example', industry: 'Retail', country: 'United States', timeZoneId: 'Eastern Standard Time', tags: [] },
	{ name: 'Oscorp Labs', domain: 'oscorp.example', industry: 'Biotechnology', country: 'United States', timeZoneId: 'Eastern Standard Time', tags: ['priority'] },
];

const RESELLER_SEED: CompanySeed = { name: 'Acme MSSP', domain: 'acme-mssp.example', industry: 'Technology', country: 'United States', timeZoneId: 'Eastern Standard Time', tags: ['mssp'] };
const OTHER_RESELLER_SEED: CompanySeed = { name: 'Contoso Security Partners', domain: 'contoso.example', industry: 'Technology', country: 'United Kingdom', timeZoneId: 'GMT Standard Time', tags: ['mssp'] };
const UNMANAGED_SEED: CompanySeed = { name: 'Northwind Traders', domain: 'northwind.example', industry: 'Retail', country: 'United Kingdom', timeZoneId: 'GMT Standard Time', tags: [] };

const FIRST_NAMES = [
	'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
	'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy',
	'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
	'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'Aylin', 'Mehmet', 'Zeynep', 'Emre', 'Sofia', 'Lukas',
];
const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
	'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
	'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
	'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Yilmaz', 'Kaya', 'Demir', 'Schmidt', 'Muller', 'Rossi', "O'Brien", 'Dubois',
];
const DEPARTMENTS = ['Finance', 'IT', 'Human Resources', 'Sales', 'Marketing', 'Operations', 'Legal', 'Engineering'];

/** Seed times: fixed, so the data (and any sort by createTime) never depends on the day the tests run. */
const SEED_EPOCH_MS = Date.UTC(2025, 0, 6, 9, 0, 0);

export interface SeedResult {
	ids: SandboxIds;
	clients: { reseller: SandboxClientCredentials; companyAdmin: SandboxClientCredentials };
}

export function seedStore(store: SandboxStore, options: SeedOptions, prng: Prng): SeedResult {
	const customerCount = Math.max(3, Math.floor(options.customerCount ?? 5));
	const usersPerCompany = Math.max(0, Math.floor(options.targetUsersPerCompany ?? 25));
	const resellerOwnUsers = Math.max(0, Math.floor(options.resellerOwnTargetUsers ?? 5));
	const systemUsersPerCompany = Math.max(1, Math.floor(options.systemUsersPerCompany ?? 3));

	const ids: SandboxIds = {
		resellerCompanyId: '',
		customerCompanyIds: [],
		unmanagedCompanyId: '',
		otherResellerCompanyId: '',
		companyAdminCompanyId: '',
		overLicenseCompanyId: '',
		expiredLicenseCompanyId: '',
		rolesByCompany: {},
		targetGroupsByCompany: {},
		systemGroupByCompany: {},
	};
	let companyCreateMs = Date.UTC(2024, 2, 1, 8, 0, 0);
	const nextCompanyTime = (): string => {
		companyCreateMs += 7 * 24 * 3600 * 1000 + prng.int(48) * 3600 * 1000;
		return new Date(companyCreateMs).toISOString();
	};

	const seedCompany = (seed: CompanySeed, parent: string | null, isReseller: boolean, userCount: number, customerIndex: number | null): string => {
		const company: CompanyRecord = {
			resourceId: store.newId(),
			numericId: store.newCompanyNumericId(),
			name: seed.name,
			description: isReseller ? `${seed.name} managed security service provider` : `${seed.name} security awareness programme`,
			isReseller,
			parentResourceId: parent,
			industryResourceId: lookupsOfType(LOOKUP_TYPE.industry, seed.industry).resourceId,
			countryResourceId: lookupsOfType(LOOKUP_TYPE.country, seed.country).resourceId,
			address: `${1 + prng.int(400)} Main Street`,
			websiteUrl: `https://www.${seed.domain}`,
			logoUrl: null,
			licenseTypeResourceId: lookupsOfType(LOOKUP_TYPE.licenseType, isReseller ? 'MSSP' : prng.pick(['Standard', 'Enterprise'])).resourceId,
			licensePeriodTypeResourceId: lookupsOfType(LOOKUP_TYPE.licensePeriod, '1 Year').resourceId,
			licenseStartDate: '2025-01-01T00:00:00',
			licenseEndDate: '2030-12-31T00:00:00',
			isNumberOfUsersLimited: true,
			numberOfUsers: Math.max(50, Math.ceil((userCount * 2) / 50) * 50),
			notificationTemplateTypeResourceId: lookupsOfType(LOOKUP_TYPE.notificationTemplateType, 'Default Notification Templates').resourceId,
			trainingContentTypeResourceId: lookupsOfType(LOOKUP_TYPE.trainingContentType, 'Keepnet Training Content').resourceId,
			smtpConfigurationTypeResourceId: lookupsOfType(LOOKUP_TYPE.smtpConfigurationType, 'Keepnet SMTP').resourceId,
			preferredLanguageTypeResourceId: lookupsOfType(LOOKUP_TYPE.language, 'English').resourceId,
			isVersionVisible: true,
			isReleaseNotesVisible: false,
			releaseNotesUrl: null,
			companyGroupResourceIds: [],
			baseManHourCost: 50,
			baseManHour: 1,
			statusId: 1,
			licenseModules: LICENSE_MODULES.slice(0, 2 + prng.int(LICENSE_MODULES.length - 2)).map((module) => module.resourceId),
			timeZoneId: seed.timeZoneId,
			callBackNumberBookingCount: null,
			dateFormat: seed.country === 'United States' ? 'MM/dd/yyyy' : 'dd/MM/yyyy',
			timeFormat: seed.country === 'United States' ? '12h' : '24h',
			tags: [...seed.tags],
			regionCode: null,
			createTime: nextCompanyTime(),
			hasAgenticAILicense: false,
			privacyDurationId: 0,
		};
		const data = store.addCompany(company);

		// Roles: the two system roles every company has, plus one custom role.
		const addRole = (name: string, typeName: 'System' | 'Custom', description: string): string => {
			const role = { resourceId: store.newId(), companyId: company.resourceId, name, description, typeName, createTime: company.createTime, permissionResourceIdList: [], seq: store.newSeq() };
			data.roles.set(role.resourceId, role);
			return role.resourceId;
		};
		const roles = {
			companyAdmin: addRole('Company Admin', 'System', 'Full access to the company'),
			reseller: addRole('Reseller', 'System', 'Manages customer companies'),
			custom: addRole('Security Analyst', 'Custom', 'Reads reports and manages target users'),
		};
		ids.rolesByCompany[company.resourceId] = roles;

		// Target users. Every 10th user (index 7, 17, ...) is inactive and every 25th (index 24, 49, ...) soft-deleted.
		const emailCounts = new Map<string, number>();
		const users: TargetUserRecord[] = [];
		for (let index = 0; index < userCount; index++) {
			const firstName = prng.pick(FIRST_NAMES);
			const lastName = prng.pick(LAST_NAMES);
			const base = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
			const seen = emailCounts.get(base) ?? 0;
			emailCounts.set(base, seen + 1);
			const email = `${seen === 0 ? base : base + (seen + 1)}@${seed.domain}`;
			const department = DEPARTMENTS[(index + prng.int(3)) % DEPARTMENTS.length];
			const user = store.addTargetUser(company.resourceId, {
				email,
				firstName,
				lastName,
				department,
				priority: prng.pick(PRIORITIES) as Priority,
				isActive: index % 10 !== 7,
				phoneNumber: `+1555${String(1000000 + prng.int(8999999))}`,
				timeZoneId: seed.timeZoneId,
				preferredLanguageId: lookupsOfType(LOOKUP_TYPE.language, 'English').resourceId,
				managerFirstName: null,
				managerLastName: null,
				managerEmail: null,
				customFieldValues: [],
				createTime: new Date(SEED_EPOCH_MS + index * 60_000 + (customerIndex ?? 0) * 1000).toISOString(),
			});
			if (index % 25 === 24) store.softDeleteTargetUser(user);
			users.push(user);
		}

		// Target groups.
		const groups: Record<string, string> = {};
		const groupSpecs: Array<{ name: string; priority: Priority; members: (user: TargetUserRecord, index: number) => boolean }> = [
			{ name: 'All Staff', priority: 'Medium', members: (user) => !user.isDeleted },
			{ name: 'Finance', priority: 'High', members: (user) => user.department === 'Finance' },
			{ name: 'IT Department', priority: 'VeryHigh', members: (user) => user.department === 'IT' },
			{ name: 'New Hires', priority: 'Low', members: (_user, index) => index >= userCount - 3 },
		];
		groupSpecs.forEach((spec, specIndex) => {
			const group = {
				resourceId: store.newId(),
				companyId: company.resourceId,
				name: spec.name,
				priority: spec.priority,
				createTime: new Date(SEED_EPOCH_MS - (10 - specIndex) * 3600_000).toISOString(),
				updateTime: null,
				isEditable: true,
				isSystemGenerated: false,
				isActive: true,
				memberIds: new Set<string>(),
				seq: store.newSeq(),
			};
			data.targetGroups.set(group.resourceId, group);
			groups[spec.name] = group.resourceId;
			users.forEach((user, index) => {
				if (spec.members(user, index)) store.addMembership(company.resourceId, group.resourceId, user.resourceId);
			});
		});
		ids.targetGroupsByCompany[company.resourceId] = groups;

		// System users: the first is the company's admin; later ones alternate roles; the third is inactive.
		for (let index = 0; index < systemUsersPerCompany; index++) {
			const firstName = FIRST_NAMES[(index * 7 + (customerIndex ?? 11) * 3) % FIRST_NAMES.length];
			const lastName = LAST_NAMES[(index * 5 + (customerIndex ?? 13) * 7) % LAST_NAMES.length];
			const roleIds = index === 0 ? [isReseller ? roles.reseller : roles.companyAdmin] : [index % 2 === 1 ? roles.custom : roles.companyAdmin];
			const systemUser = {
				resourceId: store.newId(),
				companyId: company.resourceId,
				firstName,
				lastName,
				email: `${index === 0 ? 'admin' : `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '')}${index > 1 ? index : ''}@${seed.domain}`,
				phoneNumber: `+4420${String(10000000 + prng.int(89999999))}`,
				statusId: index === 2 ? 0 : 1,
				roleIds,
				createTime: new Date(SEED_EPOCH_MS - (5 - index) * 86400_000).toISOString(),
				seq: store.newSeq(),
			};
			data.systemUsers.set(systemUser.resourceId, systemUser);
		}

		// Monthly active users for the last 6 months (count-summary, companies/search monthlyActiveUserCount).
		data.monthlyActiveUsers = Array.from({ length: 6 }, (_unused, monthsAgo) => ({
			monthsAgo,
			count: Math.floor(data.counts.active * (0.4 + 0.6 * prng.next())),
		}));
		return company.resourceId;
	};

	ids.resellerCompanyId = seedCompany(RESELLER_SEED, null, true, resellerOwnUsers, null);
	for (let index = 0; index < customerCount; index++) {
		const seed = CUSTOMER_SEEDS[index] ?? {
			name: `Customer ${String(index + 1).padStart(3, '0')} Ltd`,
			domain: `customer${index + 1}.example`,
			industry: 'Retail',
			country: 'United States',
			timeZoneId: 'Eastern Standard Time',
			tags: [],
		};
		const count = options.targetUserCounts?.[index] ?? usersPerCompany;
		ids.customerCompanyIds.push(seedCompany(seed, ids.resellerCompanyId, false, Math.max(0, Math.floor(count)), index));
	}
	ids.otherResellerCompanyId = seedCompany(OTHER_RESELLER_SEED, null, true, 3, null);
	ids.unmanagedCompanyId = seedCompany(UNMANAGED_SEED, ids.otherResellerCompanyId, false, 5, null);

	// License situations: Umbrella Health is over its seat limit; Initech's license has ended; Stark Logistics is unlimited.
	ids.overLicenseCompanyId = ids.customerCompanyIds[2];
	const overLicense = store.companies.get(ids.overLicenseCompanyId) as CompanyRecord;
	const overCounts = store.data(ids.overLicenseCompanyId).counts;
	overLicense.numberOfUsers = Math.floor((overCounts.active + overCounts.inactive) * 0.8);
	ids.expiredLicenseCompanyId = ids.customerCompanyIds[1];
	const expired = store.companies.get(ids.expiredLicenseCompanyId) as CompanyRecord;
	expired.licenseStartDate = '2024-01-01T00:00:00';
	expired.licenseEndDate = '2024-12-31T00:00:00';
	const unlimited = store.companies.get(ids.customerCompanyIds[Math.min(3, customerCount - 1)]) as CompanyRecord;
	if (unlimited.resourceId !== ids.overLicenseCompanyId) {
		unlimited.isNumberOfUsersLimited = false;
		unlimited.numberOfUsers = null;
	}

	ids.companyAdminCompanyId = ids.customerCompanyIds[0];
	const secret = (): string => prng.shortId() + prng.shortId() + prng.shortId();
	const reseller: SandboxClientCredentials = { clientId: `sbx-reseller-${prng.shortId()}`, clientSecret: `sbx-secret-${secret()}` };
	const companyAdmin: SandboxClientCredentials = { clientId: `sbx-companyadmin-${prng.shortId()}`, clientSecret: `sbx-secret-${secret()}` };
	store.clients.set(reseller.clientId, { ...reseller, role: 'Reseller', companyId: ids.resellerCompanyId, name: 'Acme MSSP automation' });
	store.clients.set(companyAdmin.clientId, { ...companyAdmin, role: 'Company Admin', companyId: ids.companyAdminCompanyId, name: 'Globex admin automation' });

	// One system-generated group per company, seeded last so every id drawn above stays what it was.
	for (const company of store.companies.values()) {
		const group = {
			resourceId: store.newId(),
			companyId: company.resourceId,
			name: 'Repeat Offenders',
			priority: 'VeryHigh' as Priority,
			createTime: new Date(SEED_EPOCH_MS - 11 * 3600_000).toISOString(),
			updateTime: null,
			isEditable: false,
			isSystemGenerated: true,
			isActive: true,
			memberIds: new Set<string>(),
			seq: store.newSeq(),
		};
		store.data(company.resourceId).targetGroups.set(group.resourceId, group);
		ids.systemGroupByCompany[company.resourceId] = group.resourceId;
	}
	return { ids, clients: { reseller, companyAdmin } };
}
