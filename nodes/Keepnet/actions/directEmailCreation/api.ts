import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls of more than one Direct Email Creation operation; each acts in the customer company (header). */

export interface DecTarget {
	companyId: string;
	settingId: string;
}

export function readDecTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): DecTarget {
	return { companyId: readCompanyId(session, itemIndex), settingId: readRecordId(ctx, 'directEmailSettingId', 'Direct Email Setting', itemIndex) };
}

export const notFoundDec = (target: DecTarget) => `Direct Email Creation setting "${target.settingId}" in company "${target.companyId}"`;

export async function getDecSetting(session: KeepnetSession, target: DecTarget, itemIndex: number): Promise<IDataObject> {
	const setting = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/companies/direct-email-settings/${target.settingId}`,
		companyId: target.companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundDec(target),
	});
	return setting ?? {};
}

/**
 * What a person must open to let Keepnet place emails in the customer's mailboxes. Microsoft 365: the tenant
 * admin's consent to Keepnet's application, at Microsoft's admin-consent address built from Keepnet's application
 * settings (as Keepnet's web console does). Google Workspace: no address; the admin authorises Keepnet's client ID
 * under domain-wide delegation. Exchange (EWS): nothing to consent to.
 */
export async function consentOf(session: KeepnetSession, companyId: string, type: number, itemIndex: number): Promise<IDataObject> {
	if (type !== 1 && type !== 2) return { consentUrl: null };
	const settings = await session.request<{ applicationId?: string; redirectUri?: string } | undefined>({
		method: 'GET',
		path: type === 1 ? '/api/companies/direct-email-settings/settings' : '/api/companies/direct-email-settings/google-client',
		companyId,
		retry: 'safe',
		itemIndex,
	});
	const applicationId = String(settings?.applicationId ?? '');
	if (type === 2) {
		return {
			consentUrl: null,
			googleClientId: applicationId,
			consentNote: "In the Google Admin console (Security → API controls → Domain-wide delegation), authorise Keepnet's client ID.",
		};
	}
	const query = new URLSearchParams({ client_id: applicationId, redirect_uri: String(settings?.redirectUri ?? '') });
	return {
		consentUrl: `https://login.microsoftonline.com/common/adminconsent?${query.toString()}`,
		consentNote: "A Microsoft 365 administrator of the customer must open this address and grant consent before simulations can be placed in the customer's mailboxes.",
	};
}
