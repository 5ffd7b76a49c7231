/**
 * Test harness: runs this package's node and credential through n8n-core 2.40.x's real execution
 * contexts. See test/support/harness/README.md for what is real, what is a stand-in, and the pitfalls.
 */
export { CredentialStore, type CredentialStoreOptions } from './credential-store';
export { runNode, type RunNodeOptions, type RunNodeResult } from './run-node';
export { runListSearch, runLoadOptions, type ListSearchOptions, type NodeMethodOptions } from './run-methods';
export { runCredentialTest, callPreAuthentication, type CredentialTestResult } from './credential-test';
export { binaryBuffer, binaryItem, type BinaryItemOptions } from './binary';
export { type CapturedLogEntry, unattributedLogs } from './log-capture';
export { fullNodeTypeName } from './execution-setup';
export { resourceLocator } from './parameters';
export { runPoll, PollStaticData, type RunPollOptions, type RunPollResult } from './run-poll';
