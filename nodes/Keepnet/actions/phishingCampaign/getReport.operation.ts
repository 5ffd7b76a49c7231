import { CHANNELS } from '../../helpers/simulationChannels';
import { reportOperation } from '../simulation/operations';

/** Users of a run by behaviour: the same operation as Smishing and Quishing Campaign → Get Report (simulation/operations.ts). */
const operation = reportOperation(CHANNELS.phishing);

export const description = operation.description;
export const handler = operation.handler;
