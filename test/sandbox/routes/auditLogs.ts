/** Audit logs (docs/keepnet-api.md#audit-logs): POST /api/audit-logs/search, scoped to the company of the call. */
import { JsonReader, ok, requireJsonObject } from '../http';
import { AUDIT_OPERATIONS, journeyOf, type AuditLogRecord } from '../journey';
import { scopedCompany, type Router } from '../router';
import type { ExportColumn } from '../exporters';
import { compileFilter, fieldTable, readSearchRequest, searchCollection, sortRows, type SearchSchema } from '../search';
import { exportFile, readExportType } from './targetUsers';

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
				// The UI filters Operation with Include "0".."5" (docs/keepnet-api.md#audit-logs).
				valueAliases: Object.fromEntries(AUDIT_OPERATIONS.map((name, index) => [String(index), name.toLowerCase()])),
			},
		],
		[['resourceId'], { kind: 'string', get: (entry) => entry.resourceId, sortable: false }],
	]),
	defaultSortField: 'logdate',
	freeText: (entry) => [entry.userName, entry.entityName, entry.auditDescription],
	seq: (entry) => entry.seq,
};

/** AuditLogSearchView: no company field (docs/keepnet-api.md#company-scope-headers). */
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

const AUDIT_LOG_EXPORT_COLUMNS: Array<ExportColumn<AuditLogRecord>> = [
	{ header: 'Log Date', value: (entry) => entry.logDate, width: 24 },
	{ header: 'User', value: (entry) => entry.userName, width: 24 },
	{ header: 'Entity', value: (entry) => entry.entityName, width: 18 },
	{ header: 'Entity Id', value: (entry) => entry.entityResourceId, width: 14 },
	{ header: 'Operation', value: (entry) => entry.operation, width: 12 },
	{ header: 'IP', value: (entry) => entry.ip, width: 16 },
	{ header: 'Description', value: (entry) => entry.auditDescription, width: 40 },
];

export function registerAuditLogRoutes(router: Router): void {
	// ExportRequest → the file (the web console offers CSV; the sandbox serves the three export types).
	router.add('POST', '/api/audit-logs/search/export', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, auditLogSchema, { filterRequired: true });
		const allPages = reader.bool('reportAllPages') ?? false;
		reader.throwIfErrors();
		const predicate = compileFilter(request.filter, auditLogSchema);
		const rows = journeyOf(ctx.app.store)
			.auditLogsOf(company.resourceId)
			.filter((entry) => !predicate || predicate(entry));
		const sorted = sortRows(rows, auditLogSchema, request.sortField, request.ascending);
		const start = (request.pageNumber - 1) * request.pageSize;
		return exportFile(exportType, allPages ? sorted : sorted.slice(start, start + request.pageSize), AUDIT_LOG_EXPORT_COLUMNS, 'AuditLogs');
	});
	router.add('POST', '/api/audit-logs/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, auditLogSchema, { filterRequired: true });
		reader.throwIfErrors();
		return ok(searchCollection(journeyOf(ctx.app.store).auditLogsOf(company.resourceId), auditLogSchema, request, toAuditLogSearchView));
	});
}
