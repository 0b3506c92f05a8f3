import { describe, expect, it } from 'vitest';
import { createJob, createTake, data, errorsOf, FakeClock, type PageShape, useMswSimulator } from './helpers';

const simulator = useMswSimulator();

const LIST_JOBS = `query($first: Int, $after: AWSJSON, $sortDirection: SortDirection, $takeId: String) {
  listJobs(first: $first, after: $after, sortDirection: $sortDirection, takeId: $takeId) { first after items { id } }
}`;

type Jobs = { listJobs: PageShape<{ id: string }> };

async function listAll(endpoint: string, variables: Record<string, unknown>) {
  const ids: string[] = [];
  const cursors: (string | null)[] = [];
  let after: string | null = null;
  do {
    const { listJobs }: Jobs = await data<Jobs>(endpoint, LIST_JOBS, { ...variables, after });
    ids.push(...listJobs.items.map((item) => item.id));
    cursors.push(listJobs.after);
    after = listJobs.after;
  } while (after !== null);
  return { ids, cursors };
}

describe('pagination', () => {
  it('walks pages newest first by default, with a takeId filter and ASC order', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const [a, b] = [await createTake(sim.endpoint), await createTake(sim.endpoint)];
    const onA: string[] = [];
    for (let i = 0; i < 7; i++) {
      onA.push(await createJob(sim.endpoint, a));
      await createJob(sim.endpoint, b);
      if (i % 2) clock.advance(1); // some jobs share a millisecond: the order must still be total
    }
    const desc = await listAll(sim.endpoint, { first: 3, takeId: a });
    expect(desc.ids).toEqual([...onA].reverse());
    expect(desc.cursors).toHaveLength(3);
    expect(desc.cursors.at(-1)).toBeNull();
    const cursor = desc.cursors[0] ?? '';
    expect(typeof cursor).toBe('string');
    expect(JSON.parse(cursor)).toMatchObject({ id: expect.stringMatching(/^job-/) });

    const asc = await listAll(sim.endpoint, { first: 4, takeId: a, sortDirection: 'ASC' });
    expect(asc.ids).toEqual(onA);

    const everything = await listAll(sim.endpoint, { first: 5 });
    expect(everything.ids).toHaveLength(14);
    expect(new Set(everything.ids).size).toBe(14);

    const { listJobs } = await data<Jobs>(sim.endpoint, LIST_JOBS, {});
    expect(listJobs.first).toBe(50);
    expect(listJobs.items).toHaveLength(14);
    expect(listJobs.after).toBeNull();
  });

  it('rejects a cursor that was re-encoded, altered or taken from another listing', async () => {
    const sim = simulator();
    const take = await createTake(sim.endpoint);
    for (let i = 0; i < 3; i++) await createJob(sim.endpoint, take);
    const { listJobs } = await data<Jobs>(sim.endpoint, LIST_JOBS, { first: 1 });
    const after = listJobs.after ?? '';
    const parsed = JSON.parse(after) as Record<string, string>;

    const attempts: [unknown, RegExp][] = [
      [JSON.stringify(parsed), /re-encoded/],
      [JSON.stringify(after), /encoded twice/],
      [after.replace(/"id": "job-./, '"id": "job-0'), /altered/],
      ['{"page": 2}', /not a cursor/],
    ];
    for (const [value, pattern] of attempts) {
      const errors = await errorsOf(sim.endpoint, LIST_JOBS, { first: 1, after: value });
      expect(errors[0]?.errorType, `${value}: ${errors[0]?.message}`).toBe('BadRequestException');
      expect(errors[0]?.message).toMatch(pattern);
    }
    // Not JSON, or an object (the Python SDK's mistake): not even an AWSJSON string.
    const notJson = await errorsOf(sim.endpoint, LIST_JOBS, { first: 1, after: 'not json' });
    expect(notJson[0]?.message).toMatch(/valid JSON/);
    const asObject = await errorsOf(sim.endpoint, LIST_JOBS, { first: 1, after: parsed });
    expect(asObject[0]?.message).toMatch(/valid JSON/);
    // Another order or filter is another listing.
    const otherOrder = await errorsOf(sim.endpoint, LIST_JOBS, { first: 1, after, sortDirection: 'ASC' });
    expect(otherOrder[0]?.message).toMatch(/another listing/);
    const otherFilter = await errorsOf(sim.endpoint, LIST_JOBS, { first: 1, after, takeId: take });
    expect(otherFilter[0]?.message).toMatch(/another listing/);
    const zero = await errorsOf(sim.endpoint, LIST_JOBS, { first: 0 });
    expect(zero[0]?.message).toMatch(/first must be a positive integer/);
  });

  it('pages takes and volumes the same way', async () => {
    const sim = simulator();
    for (let i = 0; i < 3; i++) await createTake(sim.endpoint);
    const LIST_TAKES = `query($after: AWSJSON) { listTakes(first: 2, after: $after) { after items { id } } }`;
    type Takes = { listTakes: PageShape<{ id: string }> };
    const first = await data<Takes>(sim.endpoint, LIST_TAKES);
    const second = await data<Takes>(sim.endpoint, LIST_TAKES, { after: first.listTakes.after });
    expect(first.listTakes.items).toHaveLength(2);
    expect(second.listTakes.items).toHaveLength(1);
    expect(second.listTakes.after).toBeNull();
    // A jobs cursor does not fit the takes listing.
    const wrong = await errorsOf(sim.endpoint, LIST_TAKES, { after: first.listTakes.after?.replace('take-', 'job-') });
    expect(wrong[0]?.errorType).toBe('BadRequestException');
    const { listVolumes } = await data<{ listVolumes: PageShape<unknown> }>(
      sim.endpoint,
      '{ listVolumes { first after items { ... on HumanVolume { id } } } }',
    );
    expect(listVolumes).toEqual({ first: 50, after: null, items: [] });
  });
});
