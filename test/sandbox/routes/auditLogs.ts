/** Audit logs (API-CONTRACT-JOURNEY §4.8): POST /api/audit-logs/search, scoped to the company of the call. */
import { JsonReader, ok, requireJsonObject } from '../http';
import { AUDIT_OPERATIONS, journeyOf, type AuditLogRecord } from '../journey';
import { scopedCompany, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';

export const auditLogSchema: SearchSchema<AuditLogRecord> = {
	fields: fieldTable<AuditLogRecord>([
		[['logDate'], { kind: 'date', get: (entry) => entry.logDate }],
		[['userName'], { kind: 'string', get: (entry) => entry.userName }],
		[['entityName'], { kind: 'string', get: (entry) => entry.entityName }],
		[['entityResourceId'], { kind: 'string', get: (entry) => entry.entityResourceId }],
		[['ip'], { kind: 'string', get: (entry) => entry.ip }],
		[
			['operation'],
			{
				kind: 'string',
				get: (entry) => entry.operation,
				// The UI filters Operation with Include "0".."5" (JOURNEY §4.8).
				valueAliases: Object.fromEntries(AUDIT_OPERATIONS.map((name, index) => [String(index), name.toLowerCase()])),
			},
		],
		[['resourceId'], { kind: 'string', get: (entry) => entry.resourceId, sortable: false }],
	]),
	defaultSortField: 'logdate',
	freeText: (entry) => [entry.userName, entry.entityName, entry.auditDescription],
	seq: (entry) => entry.seq,
};

/** AuditLogSearchView: no company field (JOURNEY §5.3). */
export function toAuditLogSearchView(entry: AuditLogRecord): Record<string, unknown> {
	return {
		resourceId: entry.resourceId,
		logDate: entry.logDate,
		userName: entry.userName,
		entityName: entry.entityName,
		entityResourceId: entry.entityResourceId,
		operation: entry.operation,
		oldValue: entry.oldValue,
		newValue: entry.newValue,
		ip: entry.ip,
		userAgent: entry.userAgent,
		auditDescription: entry.auditDescription,
	};
}

export function registerAuditLogRoutes(router: Router): void {
	router.add('POST', '/api/audit-logs/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, auditLogSchema, { filterRequired: true });
		reader.throwIfErrors();
		return ok(searchCollection(journeyOf(ctx.app.store).auditLogsOf(company.resourceId), auditLogSchema, request, toAuditLogSearchView));
	});
}
