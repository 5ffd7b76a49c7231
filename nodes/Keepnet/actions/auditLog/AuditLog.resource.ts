import * as exportAuditLog from './export.operation';
import * as getAll from './getAll.operation';
import { defineResource } from '../types';

export { exportAuditLog as export, getAll };

/** Audit Log: who changed what in a customer company (read-only; Keepnet keeps the entries immutable). */
export const auditLogResource = defineResource({
	name: 'Audit Log',
	description: 'Who changed what in a customer company',
	defaultOperation: 'getAll',
	operations: {
		export: { name: 'Export', action: 'Export the audit log to a file', description: "Returns Keepnet's CSV file of a company's audit log in a binary field", module: exportAuditLog },
		getAll: { name: 'Get Many', action: 'Get many audit log entries', description: "Returns a company's audit log entries, newest first, one item each", module: getAll },
	},
});
