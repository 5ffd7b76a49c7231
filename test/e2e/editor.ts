/**
 * The editor test: a person's path through n8n's UI in headless Chromium. Log in, open a new workflow, add the
 * Keepnet node ("Create or update a target user"), open the Company picker's "From list" and check that it lists
 * the sandbox reseller's customer companies (and not another reseller's). Leaves a screenshot of the open picker in
 * test-results/editor-company-picker.png (and test-results/editor-failure.png when it fails).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import type { Sandbox } from '../sandbox/types';
import type { N8nInstance, OwnerAccount } from '../../scripts/n8n/lib/instance';
import { PROJECT_ROOT } from '../../scripts/n8n/lib/runtime';
import { EXAMPLE_CREDENTIAL } from '../../scripts/n8n/lib/examples';
import { apiRequests, describeRequests } from './support';

export interface EditorTestOptions {
	sandbox: Sandbox;
	/** A running instance (n8n start) whose owner is `owner`. */
	instance: N8nInstance;
	owner: OwnerAccount;
	screenshotPath: string;
}

/** Flags that keep Chromium off the network (it is closed here) and runnable as root in a container. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function ensureChromium(): string {
	const result = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'n8n', 'ensure-chromium.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error('scripts/n8n/ensure-chromium.sh failed: no Chromium for the editor test');
	return result.stdout.trim().split('\n').pop() ?? '/usr/bin/chromium';
}

async function logIn(page: Page, baseUrl: string, owner: OwnerAccount): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function addKeepnetNode(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	const addFirstStep = page.locator('[data-test-id="canvas-add-button"]');
	await addFirstStep.waitFor({ state: 'visible', timeout: 60_000 });
	await addFirstStep.click();
	await page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input').first().fill('Keepnet');
	// If the package were not loaded, the search would find nothing and this wait fails.
	await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Keepnet$/ }).first().click({ timeout: 15_000 });
	await page.getByText('Create or update a target user', { exact: true }).first().click({ timeout: 15_000 });
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible', timeout: 15_000 });
}

/** What the NDV's credential selector shows (a select input: its value, or its text). */
async function selectedCredentialName(page: Page): Promise<string> {
	const slot = page.locator('[data-test-id="node-credentials-slot"], [data-test-id="node-credentials-select"]').first();
	await slot.waitFor({ state: 'visible', timeout: 15_000 });
	return await slot.evaluate((element) => {
		const input = element.querySelector('input');
		const value = input?.value.trim() ?? '';
		if (value !== '') return value;
		const selected = element.querySelector('.el-select__selected-item, .el-select__placeholder, [class*="selected"]');
		return (selected?.textContent ?? element.textContent ?? '').replace('Credential', '').trim();
	});
}

/** Texts of the entries in the open resource-locator dropdown, once it has stopped loading. */
async function openCompanyList(page: Page): Promise<string[]> {
	const locator = page.locator('[data-test-id="resource-locator-companyId"]');
	await locator.waitFor({ state: 'visible', timeout: 15_000 });
	await locator.locator('[data-test-id="rlc-input"]').click();
	const items = page.locator('[data-test-id="rlc-item"]');
	await items.first().waitFor({ state: 'visible', timeout: 30_000 });
	return (await items.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');
}

export async function runEditorCompanyPickerTest(options: EditorTestOptions): Promise<void> {
	const { sandbox, instance, owner, screenshotPath } = options;
	const executablePath = ensureChromium();
	await mkdir(path.dirname(screenshotPath), { recursive: true });

	let context: BrowserContext | undefined;
	// A fresh profile for every run: nothing from an earlier session (cookies, cache) can make the test pass.
	const profile = await mkdtemp(path.join(os.tmpdir(), 'keepnet-e2e-chromium-'));
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
		});
		const page = context.pages()[0] ?? (await context.newPage());
		try {
			await logIn(page, instance.editorUrl, owner);
			await addKeepnetNode(page, instance.editorUrl);

			// The credential provisioned for this instance is the only Keepnet one, so n8n selects it for a new node.
			assert.equal(await selectedCredentialName(page), EXAMPLE_CREDENTIAL.name, 'the new node did not pick up the provisioned credential');

			sandbox.clearRequests();
			const listed = await openCompanyList(page);
			await page.screenshot({ path: screenshotPath });

			const managed = sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId).map((company) => company.name);
			assert.ok(managed.length > 0, 'the sandbox reseller manages no company');
			for (const name of managed) assert.ok(listed.includes(name), `"${name}" missing from the picker, which lists: ${JSON.stringify(listed)}`);
			const unmanaged = sandbox.store.companies.get(sandbox.ids.unmanagedCompanyId)?.name;
			assert.ok(unmanaged !== undefined && !listed.includes(unmanaged), `the picker lists "${String(unmanaged)}", a company of another reseller`);
			const searches = apiRequests(sandbox.requests, 'POST', /^\/api\/companies\/search$/i);
			assert.ok(searches.length >= 1, `the picker did not search companies in the sandbox; requests:\n${describeRequests(sandbox.requests)}`);
		} catch (error) {
			await page.screenshot({ path: path.join(path.dirname(screenshotPath), 'editor-failure.png') }).catch(() => undefined);
			throw error;
		}
	} finally {
		await context?.close().catch(() => undefined);
		await rm(profile, { recursive: true, force: true });
	}
}
