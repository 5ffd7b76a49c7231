/**
 * Plays n8n's credentials table for one credential. n8n keeps a credential as one encrypted JSON document
 * that every execution reads afresh and that `CredentialsHelper.updateCredentials` overwrites (e.g. with
 * the token `preAuthentication` fetched). Here the document is kept as plain JSON: the harness's stand-in
 * for the database and its encryption, which need a DB-backed key provider in n8n 2.x. JSON round trips
 * keep the DB's value semantics: what a run reads is a copy, and only what is written back persists.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsEncrypted,
	INodeCredentialsDetails,
} from 'n8n-workflow';
import { ICredentials, UserError } from 'n8n-workflow';

function jsonCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

let nextCredentialId = 1;

export interface CredentialStoreOptions {
	id?: string;
	name?: string;
}

export class CredentialStore {
	readonly type: ICredentialType;

	readonly id: string;

	readonly name: string;

	/** The stored data, decrypted. Tests may read it or replace fields (e.g. `accessToken = ''`). */
	data: ICredentialDataDecryptedObject;

	/** How many times the credential type's `preAuthentication` was called (by n8n or `callPreAuthentication`). */
	preAuthenticationCalls = 0;

	/** How many times n8n wrote the credential back (`updateCredentials` / OAuth token updates). */
	updates = 0;

	constructor(
		type: ICredentialType,
		data: ICredentialDataDecryptedObject,
		options: CredentialStoreOptions = {},
	) {
		this.type = type;
		this.data = jsonCopy(data);
		this.id = options.id ?? `harness-credential-${nextCredentialId++}`;
		this.name = options.name ?? `${type.displayName} account`;
	}

	/** What a node's `credentials` entry holds in a saved workflow. */
	get reference(): INodeCredentialsDetails {
		return { id: this.id, name: this.name };
	}

	/** Like loading the row: a fresh copy every time. */
	read(): ICredentialDataDecryptedObject {
		return jsonCopy(this.data);
	}

	/** Like `credentialsRepository.update`: replaces the whole stored document. */
	write(data: ICredentialDataDecryptedObject): void {
		this.data = jsonCopy(data);
		this.updates++;
	}

	/** An n8n `ICredentials` over this store, as `CredentialsHelper.getCredentials` returns one. */
	toCredentials(): StoredCredentials {
		return new StoredCredentials(this);
	}
}

/**
 * `ICredentials` backed by a `CredentialStore`; `data` holds JSON where n8n holds ciphertext. Changes
 * reach the store only through `CredentialsHelper.updateCredentials`, as in n8n.
 */
export class StoredCredentials extends ICredentials {
	constructor(store: CredentialStore) {
		super(store.reference, store.type.name, JSON.stringify(store.data));
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		if (this.data === undefined) {
			throw new UserError(`No data is set on credential "${this.name}" (${this.type})`);
		}
		return JSON.parse(this.data) as ICredentialDataDecryptedObject;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: ICredentialDataDecryptedObject,
		toDelete: string[] = [],
	): Promise<void> {
		const updated: ICredentialDataDecryptedObject = { ...(await this.getData()), ...toUpdate };
		for (const key of toDelete) delete updated[key];
		await this.setData(updated);
	}
}
