import type { Sandbox } from '../sandbox/types';
import type { N8nInstance } from '../../scripts/n8n/lib/instance';

export interface EditorTestOptions {
	sandbox: Sandbox;
	instance: N8nInstance;
	screenshotPath: string;
}

export async function runEditorCompanyPickerTest(_options: EditorTestOptions): Promise<void> {
	throw new Error('not written yet');
}
