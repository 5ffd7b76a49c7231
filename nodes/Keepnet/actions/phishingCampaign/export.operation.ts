import { CHANNELS } from '../../helpers/simulationChannels';
import { listExportOperation } from '../simulation/operations';

const operation = listExportOperation(CHANNELS.phishing);

export const description = operation.description;
export const handler = operation.handler;
