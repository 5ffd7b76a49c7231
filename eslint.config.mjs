// Lint for the shipped code: the same rule sets n8n applies to community packages, in two places:
//  - `n8n-node lint` (@n8n/node-cli's eslint config): @eslint/js + typescript-eslint recommended, the
//    @n8n/eslint-plugin-community-nodes `recommended` config, and eslint-plugin-n8n-nodes-base's
//    `community` (package.json), `credentials` and `nodes` rule sets;
//  - the verification scanner (@n8n/scan-community-package), which runs the community `recommended`
//    config plus the same three n8n-nodes-base rule sets over the source and the published tarball.
// Only nodes/, credentials/ and package.json are linted with these rules: they are what gets published.
// test/package/scan-package.mjs replays the scanner's own pass over the packed tarball.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

/** Published TypeScript sources. */
const shippedSources = ['nodes/**/*.ts', 'credentials/**/*.ts'];
/** JSON the scanner lints: package.json and codex files next to the nodes. */
const shippedJson = ['package.json', 'nodes/**/*.json', 'credentials/**/*.json'];

export default tseslint.config(
	// Everything that is not published (tests, tooling, build output) stays out of this lint.
	globalIgnores([
		'dist/',
		'test/',
		'scripts/',
		'bench/',
		'coverage/',
		'test-results/',
		'.n8n-local/',
		'*.js',
		'*.mjs',
		'*.cjs',
	]),
	{
		files: shippedSources,
		extends: [js.configs.recommended, tseslint.configs.recommended, communityRecommended],
		rules: {
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: shippedJson,
		extends: [communityRecommended],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Contradicts @n8n/community-nodes/credential-documentation-url (enabled above), which wants a full
			// URL: this rule wants a camelCase slug, which only n8n's own repository can resolve. n8n's CLI and
			// scanner turn it off for community packages for the same reason.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Both want the string literal 'main' in `inputs`/`outputs`, while
			// @n8n/community-nodes/node-connection-type-literal (enabled above) forbids that literal and wants
			// NodeConnectionTypes.Main. No code satisfies both; n8n's CLI and scanner turn these two off.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
