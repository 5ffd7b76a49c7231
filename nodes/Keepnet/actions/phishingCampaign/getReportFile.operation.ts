import { CHANNELS } from '../../helpers/simulationChannels';
import { reportFileOperation } from '../simulation/operations';

/** The run's report file: the same operation as Smishing and Quishing Campaign → Get Report File (simulation/operations.ts). */
const operation = reportFileOperation(CHANNELS.phishing);

export const description = operation.description;
export const handler = operation.handler;
