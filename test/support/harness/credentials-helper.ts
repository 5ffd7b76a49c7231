/**
 * The harness's `ICredentialsHelper`: what n8n-core calls (through `additionalData.credentialsHelper`)
 * to read a node's credential, run the credential type's `preAuthentication` and apply its
 * `authenticate`. It follows n8n 2.40.7's `packages/cli/src/credentials-helper.ts` step by step (written
 * anew from reading it, not copied); where it departs, the comment says so. Departures, all because the
 * server pieces need a database or an enterprise license:
 * - the credentials table is a `CredentialStore` (plain JSON instead of ciphertext);
 * - no credential overwrites are configured (n8n's `CredentialsOverwrites` is then the identity);
 * - no policy enforcement, dynamic (per-user) credentials, external secrets, AI-gateway or OAuth
 *   dynamic-client-registration handling: none is active on an n8n without those features set up.
 */
import { getAdditionalKeys } from 'n8n-core';
import type {
	CredentialInformation,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IVersionedNodeType,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
	jsonParse,
} from 'n8n-workflow';

import type { CredentialStore, StoredCredentials } from './credential-store';

/** Wraps the request helper handed to `preAuthentication` so it honours the credential's own domain allowlist. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				// Read per request, as n8n does: a hook that makes no request must not fail on an empty list.
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/** The stand-in node n8n resolves credential expressions against when no execution is in progress. */
const credentialMockNode: INode = {
	id: 'credential-mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const credentialMockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const credentialMockNodeTypes: INodeTypes = {
	getByName: (): INodeType | IVersionedNodeType => credentialMockNodeType,
	getByNameAndVersion: (): INodeType => credentialMockNodeType,
	getKnownTypes: (): IDataObject => ({}),
};

const INVALID_JSON_VALUE = Symbol('invalidJsonValue');

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly storesByType = new Map<string, CredentialStore>();

	constructor(stores: CredentialStore[]) {
		super();
		for (const store of stores) this.storesByType.set(store.type.name, store);
	}

	private getCredentialType(typeName: string): ICredentialType {
		const store = this.storesByType.get(typeName);
		if (store === undefined) {
			throw new UserError(`Unrecognized credential type: ${typeName}`, {
				description: 'The harness only knows the credential type of the CredentialStore it was given.',
			});
		}
		return store.type;
	}

	/** Like n8n's `CredentialTypes.getParentTypes`: every type named in `extends`, recursively. */
	getParentTypes(typeName: string): string[] {
		const parents = this.getCredentialType(typeName).extends ?? [];
		const all = [...parents];
		for (const parent of parents) {
			if (this.storesByType.has(parent)) all.push(...this.getParentTypes(parent));
		}
		return all;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let type: ICredentialType;
		try {
			type = this.getCredentialType(credentialType);
		} catch {
			return true; // unknown type: n8n lets the later lookup report it
		}
		if (!type.restrictToSupportedNodes) return true;
		// n8n compares against fully-qualified names built from `supportedNodes` by its loader.
		const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return (type.supportedNodes ?? []).includes(shortName);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getCredentialType(typeName);
		if (authenticate === undefined) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			// headers / qs / body / auth: each key and value may be an expression over `$credentials`.
			const targets = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolvedKey = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const resolvedValue = this.resolveValue(value, { $credentials: credentials }, workflow, node);
					const target = (targets[section] ??= {});
					target[resolvedKey] = resolvedValue;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		// n8n's credential "Test" runs a temporary noOp node whose only parameter, `temp`, is empty: then
		// the token is always fetched afresh.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirableProperty.name] !== '' &&
			!credentialsExpired &&
			!isTestingCredentials
		) {
			return undefined;
		}

		const store = this.storesByType.get(typeName);
		if (store) store.preAuthenticationCalls++;
		const output = (await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;

		// Only an output that carries the expirable property is stored (and used).
		if (output[expirableProperty.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		const nodeCredentials = node.credentials[credentialType.name];
		const storedData = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			// Never replace a field the user stored as an expression with this run's resolved value.
			if (key === expirableProperty.name || !isExpression(storedData[key])) dataToPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	/** In-memory transformation without the expirable guard or persistence (used by n8n's OAuth2 path). */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const store = this.storesByType.get(typeName);
		if (store) store.preAuthenticationCalls++;
		const output = (await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject | undefined;
		return output ?? undefined;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!resolved) return '';
		return String(resolved);
	}

	private getStore(nodeCredential: INodeCredentialsDetails | undefined, type: string): CredentialStore {
		if (!nodeCredential?.id) {
			throw new UserError(
				`Credential "${nodeCredential?.name ?? ''}" of type "${type}" has no ID and cannot be loaded`,
			);
		}
		const store = this.storesByType.get(type);
		if (store === undefined || store.id !== nodeCredential.id) {
			throw new UserError(`Credential with ID "${nodeCredential.id}" does not exist for type "${type}".`);
		}
		return store;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<StoredCredentials> {
		return this.getStore(nodeCredentials, type).toCredentials();
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const decryptedDataOriginal = this.getStore(nodeCredentials, type).read();
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Adds the credential type's defaults and resolves expressions in the stored fields. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		// No overwrites are configured, so n8n's applyOverwrite would return the data unchanged.
		const dataWithOverwrites = decryptedDataOriginal;

		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			dataWithOverwrites as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		// Fields that are not declared properties but that n8n carries along.
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		if (
			decryptedData.allowedHttpRequestDomains === undefined &&
			decryptedDataOriginal.allowedHttpRequestDomains !== undefined
		) {
			decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
		}
		if (decryptedData.allowedDomains === undefined && decryptedDataOriginal.allowedDomains !== undefined) {
			decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
		}

		const parsedJsonLeafFields = this.parseJsonLeafExpressionFields(credentialsProperties, decryptedData);
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				if (error instanceof Error) error.message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({
				nodes: [credentialMockNode],
				connections: {},
				active: false,
				nodeTypes: credentialMockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = this.resolveCredentialExpressions(
					workflow,
					credentialsProperties,
					decryptedData,
					mode,
					additionalKeys,
				);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}

		for (const [propertyName, originalValue] of parsedJsonLeafFields) {
			decryptedData[propertyName] = JSON.stringify(decryptedData[propertyName]) ?? originalValue;
		}
		return decryptedData;
	}

	private resolveCredentialExpressions(
		workflow: Workflow,
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
	): ICredentialDataDecryptedObject {
		try {
			return workflow.expression.getComplexParameterValue(
				credentialMockNode,
				decryptedData as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (originalError) {
			// Outside an execution some optional fields cannot resolve; n8n then resolves field by field and
			// drops only those the credential type marks as allowed to fail.
			const propertiesByName = new Map(credentialsProperties.map((property) => [property.name, property]));
			const resolvedData: ICredentialDataDecryptedObject = {};
			for (const [propertyName, propertyValue] of Object.entries(decryptedData)) {
				try {
					const resolved = workflow.expression.getComplexParameterValue(
						credentialMockNode,
						{ [propertyName]: propertyValue } as INodeParameters,
						mode,
						additionalKeys,
						undefined,
						undefined,
						decryptedData,
					) as ICredentialDataDecryptedObject;
					if (Object.prototype.hasOwnProperty.call(resolved, propertyName)) {
						resolvedData[propertyName] = resolved[propertyName];
					}
				} catch {
					if (propertiesByName.get(propertyName)?.typeOptions?.ignoreCredentialExpressionResolveError === true) {
						continue;
					}
					throw originalError;
				}
			}
			return resolvedData;
		}
	}

	private parseJsonLeafExpressionFields(
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
	): Map<string, string> {
		const parsedFields = new Map<string, string>();
		for (const property of credentialsProperties) {
			if (!property.typeOptions?.resolveCredentialJsonLeaves) continue;
			const value = decryptedData[property.name];
			if (typeof value !== 'string' || value === '') continue;
			const parsed = jsonParse<CredentialInformation | typeof INVALID_JSON_VALUE>(value, {
				fallbackValue: INVALID_JSON_VALUE,
			});
			if (parsed === INVALID_JSON_VALUE) continue;
			parsedFields.set(property.name, value);
			decryptedData[property.name] = parsed;
		}
		return parsedFields;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		const saved = credentials.getDataToSave().data;
		if (saved === undefined) throw new UnexpectedError('Credential data vanished while saving');
		this.getStore(nodeCredentials, type).write(JSON.parse(saved) as ICredentialDataDecryptedObject);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		const saved = credentials.getDataToSave().data;
		if (saved === undefined) throw new UnexpectedError('Credential data vanished while saving');
		this.getStore(nodeCredentials, type).write(JSON.parse(saved) as ICredentialDataDecryptedObject);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				// n8n adds the field that holds the OAuth tokens to the two base OAuth types.
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parentType of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parentType));
		}
		// The type's own properties take precedence over its parents'.
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
