import { CHANNELS } from '../../helpers/simulationChannels';
import { runSummaryOperation } from '../simulation/operations';

const operation = runSummaryOperation(CHANNELS.phishing);

export const description = operation.description;
export const handler = operation.handler;
