import { CHANNELS } from '../../helpers/simulationChannels';
import { runsOperation } from '../simulation/operations';

const operation = runsOperation(CHANNELS.phishing);

export const description = operation.description;
export const handler = operation.handler;
