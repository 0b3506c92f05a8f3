// Creating a take. A take costs nothing, so a lost response is simply sent again (an orphan take is
// harmless); its id is journalled, so a re-run goes on with the same take.
import { MoveOutcomeUnknownError } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import { type Context, pauseBeforeRetry, throwIfAborted } from './context';

const TAKE_ATTEMPTS = 5;

export async function ensureTake(
  ctx: Context,
  journal: Journal,
  create: () => Promise<{ id: string }>,
): Promise<string> {
  if (journal.record.takeId) {
    ctx.emit({ type: 'take.created', takeId: journal.record.takeId, resumed: true });
    return journal.record.takeId;
  }
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(ctx, 'Creating the take');
    try {
      const take = await create();
      await journal.update((r) => {
        r.takeId = take.id;
      });
      ctx.emit({ type: 'take.created', takeId: take.id, resumed: false });
      return take.id;
    } catch (err) {
      if (!(err instanceof MoveOutcomeUnknownError) || attempt + 1 >= TAKE_ATTEMPTS) throw err;
      await pauseBeforeRetry(ctx, 'take', attempt, err.message);
    }
  }
}
