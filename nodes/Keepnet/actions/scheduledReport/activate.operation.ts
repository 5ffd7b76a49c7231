import { statusOperation } from './status';

const operation = statusOperation('activate');

export const description = operation.description;
export const handler = operation.handler;
