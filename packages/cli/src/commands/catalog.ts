// `move-ugc rigs list` and `move-ugc lenses list`: what multi-camera jobs and sources can name.
import { parse } from '../args';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { printList } from '../output/render';
import { openSession, type Session } from '../workflow';

/** A `list` verb over a catalogue that fits in one response. */
function catalogList<T extends object>(
  noun: string,
  header: string,
  value: (item: T) => string,
  fetch: (session: Session) => Promise<T[]>,
) {
  return async (argv: string[], io: Io): Promise<number> => {
    const { values } = parse(noun, argv, {});
    if (values.help) return showHelp(noun, io);
    const session = await openSession(values, io);
    const items = await fetch(session);
    printList(io, items, [{ header, value }], { items });
    return EXIT.ok;
  };
}

export const rigs = {
  list: catalogList(
    'rigs',
    'RIG',
    (rig: { name: string }) => rig.name,
    (s) => s.ugc.rigs.list({ signal: s.signal }),
  ),
};

export const lenses = {
  list: catalogList(
    'lenses',
    'LENS',
    (lens: { lens: string }) => lens.lens,
    (s) => s.ugc.cameraSettings.list({ signal: s.signal }),
  ),
};
