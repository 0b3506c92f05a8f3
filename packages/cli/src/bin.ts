// Entry of `move-ugc`. `--version` and `--help` are answered here, before any command module is
// evaluated, so they start about as fast as node itself.
import { VERSION } from './version';

const argv = process.argv.slice(2);
const first = argv[0];

if (first === '--version' || first === '-v' || first === 'version') {
  process.stdout.write(`${VERSION}\n`);
} else if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
  const { mainHelp, commandHelp } = await import('./help');
  process.stdout.write(argv[1] ? commandHelp(argv[1]) : mainHelp());
} else {
  const { main } = await import('./main');
  process.exitCode = await main(argv);
}
