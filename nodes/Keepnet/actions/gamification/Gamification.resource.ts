import { defineResource } from '../types';
import * as exportLeaderboard from './exportLeaderboard.operation';
import * as exportUserTimeline from './exportUserTimeline.operation';
import * as getLeaderboard from './getLeaderboard.operation';
import * as getTopPerformers from './getTopPerformers.operation';
import * as getUserPerformance from './getUserPerformance.operation';
import * as getUserTimeline from './getUserTimeline.operation';

export { exportLeaderboard, exportUserTimeline, getLeaderboard, getTopPerformers, getUserPerformance, getUserTimeline };

/** Gamification: the points users earn from simulations and training, ranked per company. */
export const gamificationResource = defineResource({
	name: 'Gamification',
	description: "A company's leaderboard: points and performance of its users from simulations and training",
	defaultOperation: 'getLeaderboard',
	operations: {
		exportLeaderboard: { name: 'Export Leaderboard', action: 'Export the gamification leaderboard', description: 'Exports the leaderboard of a period and returns the CSV or Excel file Keepnet serves, in a binary field', module: exportLeaderboard },
		exportUserTimeline: {
			name: 'Export User Timeline',
			action: "Export a user's gamification timeline",
			description: "Exports a user's timeline of a period and returns the CSV or Excel file Keepnet serves, in a binary field",
			module: exportUserTimeline,
		},
		getLeaderboard: { name: 'Get Leaderboard', action: 'Get the gamification leaderboard', description: "Returns a company's users ranked by their points for a period, best first, one item each", module: getLeaderboard },
		getTopPerformers: { name: 'Get Top Performers', action: 'Get the top performers', description: 'Returns the best three users of a period (gold, silver, bronze)', module: getTopPerformers },
		getUserPerformance: { name: 'Get User Performance', action: "Get a user's gamification performance", description: "Returns a user's rank, performance and points for a period, one item per simulation type", module: getUserPerformance },
		getUserTimeline: { name: 'Get User Timeline', action: "Get a user's gamification timeline", description: 'Returns the simulations and trainings that earned or cost a user points in a period, newest first', module: getUserTimeline },
	},
});
