/** The corpus benchmark's printed report (see corpus-score.ts for what is counted). */
import { CORPUS_FIELDS, confusion, fieldResults, labelled, linkResult, matches, recalls, TARGETS, type Confusion, type CorpusOutcome, type FieldResult, type LinkDunning, type LinkResult, type Recall } from './corpus-score.ts';

export interface CorpusReport {
  title: string;
  files: number;
  seconds: number;
  confusion: Confusion;
  recall: { perClass: Recall[]; average: number };
  fields: FieldResult[];
  link: LinkResult | 'not available';
  failures: string[];
}

export function corpusReport(title: string, outcomes: readonly CorpusOutcome[], link: LinkDunning | undefined, seconds: number): CorpusReport {
  const matrix = confusion(outcomes);
  return {
    title,
    files: outcomes.length,
    seconds,
    confusion: matrix,
    recall: recalls(matrix),
    fields: fieldResults(outcomes),
    link: link ? linkResult(outcomes, link) : 'not available',
    failures: outcomes.flatMap((outcome) => (outcome.failed ? [`${outcome.row.file}: ${outcome.failed}`] : [])),
  };
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '-';
  return `${((100 * part) / whole).toFixed(1)} % (${part}/${whole})`;
}

function verdict(share: number, target: number): string {
  return share >= target ? 'meets' : 'below';
}

export function formatCorpusReport(report: CorpusReport): string {
  const lines = [`=== ${report.title}: ${report.files} files, ${report.seconds.toFixed(1)} s ===`, ''];
  lines.push(`class recall (target: average >= ${TARGETS.averageRecall * 100} %)`);
  for (const item of report.recall.perClass) lines.push(`  ${item.type.padEnd(14)}${percent(item.correct, item.total)}`);
  lines.push(`  ${'average'.padEnd(14)}${(100 * report.recall.average).toFixed(1)} % (${verdict(report.recall.average, TARGETS.averageRecall)} the target)`);
  const { truths, predictions, counts } = report.confusion;
  const width = Math.max(8, ...predictions.map((name) => name.length + 2));
  lines.push('', 'confusion (files; rows truth, columns predicted)', `${''.padEnd(14)}${predictions.map((name) => name.padStart(width)).join('')}`);
  for (const truth of truths) lines.push(`${truth.padEnd(14)}${predictions.map((name) => String(counts[truth]?.[name] ?? '.').padStart(width)).join('')}`);
  lines.push('', `${'field'.padEnd(34)}${'correct/labelled'.padStart(22)}${'correct/extracted'.padStart(22)}`);
  for (const field of report.fields) {
    if (field.labelled === 0) continue;
    const target = field.target ? `   target >= ${field.target * 100} %: ${verdict(field.correct / field.labelled, field.target)}` : '';
    lines.push(`${field.field.padEnd(34)}${percent(field.correct, field.labelled).padStart(22)}${percent(field.correct, field.extracted).padStart(22)}${target}`);
  }
  lines.push('');
  if (report.link === 'not available') lines.push('link: not available (apps/server/src/modules/extraction/dunning/link.models.ts has no linkDunning yet)');
  else {
    const link = report.link;
    const bases = Object.entries(link.byBasis).map(([basis, count]) => `${basis} ${count}`).join(', ') || 'none';
    lines.push(`link: ${percent(link.correct, link.letters)} of dunning letters to the right invoice (target >= ${TARGETS.link * 100} %: ${verdict(link.letters === 0 ? 0 : link.correct / link.letters, TARGETS.link)}); ${link.wrong} wrong, ${link.missing} not linked; bases: ${bases}`);
  }
  if (report.failures.length > 0) lines.push('', `not read (${report.failures.length}):`, ...report.failures.map((failure) => `  ${failure}`));
  return lines.join('\n');
}

/** Every wrong or missing scored value and every wrong link, for development (main family only!). */
export function formatCorpusWrong(outcomes: readonly CorpusOutcome[], report: CorpusReport): string {
  const lines: string[] = [];
  for (const { row, predicted, facts } of outcomes) {
    if (predicted !== row.type) lines.push(`${row.file}  class: expected ${row.type}, got ${predicted}`);
    for (const field of CORPUS_FIELDS) {
      if (row.type !== field.type) continue;
      const expected = field.expected(row);
      if (!labelled(expected)) continue;
      const got = field.got(facts);
      if (!matches(field.compare, expected, got)) lines.push(`${row.file}  ${field.name}: expected ${JSON.stringify(expected)}, got ${got === undefined ? '-' : JSON.stringify(got)}`);
    }
  }
  if (report.link !== 'not available') {
    for (const outcome of report.link.outcomes) {
      if (outcome.got !== outcome.expected) lines.push(`${outcome.file}  link: expected ${outcome.expected}, got ${outcome.got ?? '-'}${outcome.basis ? ` (${outcome.basis}, ${outcome.confidence})` : ''}`);
    }
  }
  return lines.join('\n');
}

/** One line per family and rendition, for the end of a run. */
export function formatSummary(reports: readonly CorpusReport[]): string {
  const lines = ['', '=== corpus summary ===', `${'family · rendition'.padEnd(30)}${'files'.padStart(6)}${'recall avg'.padStart(12)}${'cancel date'.padStart(14)}${'appt time'.padStart(12)}${'link'.padStart(10)}${'time'.padStart(10)}`];
  const share = (field: string, report: CorpusReport) => {
    const found = report.fields.find((item) => item.field === field);
    return found && found.labelled > 0 ? `${((100 * found.correct) / found.labelled).toFixed(1)} %` : '-';
  };
  for (const report of reports) {
    const link = report.link === 'not available' ? 'n/a' : report.link.letters === 0 ? '-' : `${((100 * report.link.correct) / report.link.letters).toFixed(1)} %`;
    lines.push(`${report.title.replace(/^corpus /, '').padEnd(30)}${String(report.files).padStart(6)}${`${(100 * report.recall.average).toFixed(1)} %`.padStart(12)}${share('contract.last_cancellation_date', report).padStart(14)}${share('appointment.datetime', report).padStart(12)}${link.padStart(10)}${`${report.seconds.toFixed(0)} s`.padStart(10)}`);
  }
  lines.push(`targets: recall average >= ${TARGETS.averageRecall * 100} %, cancel date and appointment time >= ${TARGETS.lastCancellationDate * 100} %, link >= ${TARGETS.link * 100} %`);
  return lines.join('\n');
}

