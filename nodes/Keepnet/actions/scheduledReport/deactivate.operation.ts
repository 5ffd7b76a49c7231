import { statusOperation } from './status';

const operation = statusOperation('deactivate');

export const description = operation.description;
export const handler = operation.handler;
