// Entry of `move-ugc`. `--version` and every `--help` are answered here, from the declarations in
// spec/ alone, before any command module is evaluated, so they start about as fast as node itself.
import { VERSION } from './version';

const argv = process.argv.slice(2);
const first = argv[0];

/** `--help` or `-h` among the arguments (not after `--`). */
function asksHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

if (first === '--version' || first === '-v' || first === 'version') {
  process.stdout.write(`${VERSION}\n`);
} else if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
  const { commandHelp } = await import('./help');
  process.stdout.write(commandHelp(...argv.slice(1)));
} else {
  // A page for a command or verb that exists; anything else is for the router to explain.
  const page = asksHelp(argv) ? (await import('./help')).helpFor(argv) : undefined;
  if (page !== undefined) {
    process.stdout.write(page);
  } else {
    const { main } = await import('./main');
    process.exitCode = await main(argv);
  }
}
