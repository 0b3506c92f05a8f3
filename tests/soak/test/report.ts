// The soak's counts: each suite writes its section as JSON into a directory the global setup made;
// at the end the global setup turns them into one Markdown report (printed, and saved as
// soak-report.md at the repository root, which git ignores).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Table {
  head: string[];
  rows: (string | number)[][];
}

export interface Section {
  /** Sorts the sections: fault, crash, load. */
  order: number;
  title: string;
  /** What was run, in a sentence or two. */
  setup: string;
  tables: Table[];
  /** Whether every check of the suite passed; false when it stopped early. */
  passed: boolean;
}

export function writeSection(dir: string, section: Section): void {
  writeFileSync(join(dir, `${section.order}.json`), JSON.stringify(section));
}

export function readSections(dir: string): Section[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Section)
    .sort((a, b) => a.order - b.order);
}

function markdownTable({ head, rows }: Table): string {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

export function renderReport(sections: Section[], header: string[]): string {
  const parts = [`# Soak report`, '', ...header.map((line) => `- ${line}`)];
  for (const section of sections) {
    parts.push('', `## ${section.title}${section.passed ? '' : ' (FAILED: see the test output)'}`, '', section.setup);
    for (const table of section.tables) parts.push('', markdownTable(table));
  }
  return `${parts.join('\n')}\n`;
}
