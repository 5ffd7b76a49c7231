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
		exportLeaderboard: { name: 'Export Leaderboard', action: 'Export the gamification leaderboard', description: 'The leaderboard of a period as the CSV or Excel file Keepnet exports', module: exportLeaderboard },
		exportUserTimeline: {
			name: 'Export User Timeline',
			action: "Export a user's gamification timeline",
			description: "A user's timeline of a period as the CSV or Excel file Keepnet exports",
			module: exportUserTimeline,
		},
		getLeaderboard: { name: 'Get Leaderboard', action: 'Get the gamification leaderboard', description: 'Every user ranked by points for a period', module: getLeaderboard },
		getTopPerformers: { name: 'Get Top Performers', action: 'Get the top performers', description: 'The best users of a period (gold, silver, bronze)', module: getTopPerformers },
		getUserPerformance: { name: 'Get User Performance', action: "Get a user's gamification performance", description: "A user's rank, performance and points per simulation type", module: getUserPerformance },
		getUserTimeline: { name: 'Get User Timeline', action: "Get a user's gamification timeline", description: 'The simulations and trainings that earned or cost a user points', module: getUserTimeline },
	},
});
