import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The type name of the Keepnet API credential, as the node, the credential and the transport refer to it. */
export const KEEPNET_CREDENTIAL_TYPE = 'keepnetApi';

/** Default of the credential's Timeout field: how long a request may go without an answer. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

/**
 * The credential's timeout in milliseconds. A missing, empty or nonsensical value falls back to the
 * default, so that no request can ever be sent without a timeout.
 */
export function requestTimeoutMs(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.timeoutSeconds);
	const usable = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_REQUEST_TIMEOUT_SECONDS;
	return Math.round(Math.min(usable, 3600) * 1000);
}

/** Marks errors raised while obtaining a token, so the node can tell them from errors of the API call itself. */
export const KEEPNET_TOKEN_ERROR_PREFIX = 'Keepnet credential:';
