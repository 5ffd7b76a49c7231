/**
 * While an operation is prepared for "All Companies I Manage" (actions/acrossCompanies.ts), the Company field is hidden
 * and has no value: readCompanyId gives this stand-in instead, and the fan-out puts each customer's ID in its place
 * before anything is sent. Whether an operation is being prepared so is the run's flag
 * (KeepnetSession.preparingForAllCompanies, set by KeepnetSession.whilePreparingForAllCompanies). Kept in its own module so helpers/parameters.ts need not import from actions/.
 */
export const ALL_COMPANIES_PLACEHOLDER = 'allCompanies';
