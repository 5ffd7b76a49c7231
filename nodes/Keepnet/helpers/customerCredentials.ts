import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * A customer's credential (a REST API client's secret, a SCIM token) appears in the output of the one operation
 * that creates or regenerates it, and nowhere else. It is in the output by default: Keepnet shows it only once, so
 * a run that dropped it would leave a client or integration nobody can use. n8n keeps the output in its execution
 * data, hence the option to leave it out (docs/usage.md, "Customers' integrations and their credentials").
 */
export function leaveCredentialOutOption(credential: string): INodeProperties {
	return {
		displayName: `Leave ${credential} Out of Output`,
		name: 'leaveCredentialOut',
		type: 'boolean',
		default: false,
		description: `Whether to leave the new ${credential.toLowerCase()} out of this node's output. Keepnet shows it only once: left out, nobody can read it later.`,
	};
}

export function readLeaveCredentialOut(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).leaveCredentialOut === true;
}

/** The output of a creating or regenerating operation: the credential under `field`, or a note that it was left out. */
export function withCredential(json: IDataObject, field: string, credential: string, leaveOut: boolean): IDataObject {
	return leaveOut ? { ...json, [`${field}LeftOut`]: true } : { ...json, [field]: credential };
}
