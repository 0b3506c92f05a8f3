#!/usr/bin/env node
import { CliError, parseCliArgs, start, USAGE } from './cli';

async function main(): Promise<void> {
  const config = parseCliArgs(process.argv.slice(2));
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  const running = await start(config, (line) => process.stdout.write(`${line}\n`));
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`move-ugc-mock: ${message}\n`);
  if (error instanceof CliError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof CliError ? 2 : 1);
});
