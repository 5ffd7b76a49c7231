import { collectRows, isLastPage, nextPageToken, pageNumberFromToken, pages, type FetchedPage, type PageRequest } from '../../nodes/Keepnet/transport/paging';

/** A reader over `total` numbered rows that reports its end the way `style` says, logging each page it reads. */
function reader(total: number, style: 'pages' | 'records' | 'none', log: PageRequest[] = []) {
	return async (request: PageRequest): Promise<FetchedPage<number>> => {
		log.push(request);
		const start = (request.pageNumber - 1) * request.pageSize;
		const rows = Array.from({ length: Math.max(0, Math.min(request.pageSize, total - start)) }, (_, index) => start + index);
		if (style === 'pages') return { rows, totalPages: Math.ceil(total / request.pageSize) };
		if (style === 'records') return { rows, totalRecords: total };
		return { rows };
	};
}

describe('the page iterator', () => {
	it.each(['pages', 'records', 'none'] as const)('reads every row once and no page past the last (%s)', async (style) => {
		const log: PageRequest[] = [];
		const rows = await collectRows(reader(25, style, log), Infinity, 10);
		expect(rows).toEqual(Array.from({ length: 25 }, (_, index) => index));
		expect(log.map((request) => request.pageNumber)).toEqual([1, 2, 3]);
	});

	it('needs a further empty page only when nothing says where the list ends and the last page is full', async () => {
		const counted: PageRequest[] = [];
		await collectRows(reader(20, 'pages', counted), Infinity, 10);
		const uncounted: PageRequest[] = [];
		await collectRows(reader(20, 'none', uncounted), Infinity, 10);
		expect(counted).toHaveLength(2);
		expect(uncounted).toHaveLength(3);
	});

	it('asks for no more than the limit, in one page when the limit is below the page size', async () => {
		const log: PageRequest[] = [];
		expect(await collectRows(reader(500, 'pages', log), 7, 1000)).toHaveLength(7);
		expect(log).toEqual([{ pageNumber: 1, pageSize: 7 }]);
		expect(await collectRows(reader(500, 'pages'), 0, 1000)).toEqual([]);
	});

	it('ends at an empty page even when the answer promises more pages', async () => {
		const log: number[] = [];
		const liar = async ({ pageNumber }: PageRequest): Promise<FetchedPage<number>> => {
			log.push(pageNumber);
			return { rows: pageNumber === 1 ? [1, 2] : [], totalPages: 99 };
		};
		expect(await collectRows(liar, Infinity, 2)).toEqual([1, 2]);
		expect(log).toEqual([1, 2]);
	});

	it('stops after maxPages and marks only the true last page as last', async () => {
		const walked: Array<{ pageNumber: number; last: boolean }> = [];
		for await (const page of pages(reader(50, 'pages'), { pageSize: 10, maxPages: 2 })) walked.push({ pageNumber: page.pageNumber, last: page.last });
		expect(walked).toEqual([
			{ pageNumber: 1, last: false },
			{ pageNumber: 2, last: false },
		]);
	});

	it('gives pickers the next page token, and none on the last page', () => {
		expect(nextPageToken({ rows: [1, 2], totalPages: 3 }, 1, 2)).toBe('2');
		expect(nextPageToken({ rows: [1, 2], totalPages: 3 }, 3, 2)).toBeUndefined();
		expect(isLastPage({ rows: [1] }, 1, 2)).toBe(true);
		expect(pageNumberFromToken(undefined)).toBe(1);
		expect(pageNumberFromToken('4')).toBe(4);
		expect(pageNumberFromToken('x')).toBe(1);
	});
});
