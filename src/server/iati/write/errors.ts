import { AppError } from '../../errors.js';
import type { IatiProblem } from '../iati.model.js';

/**
 * Thrown instead of writing XML the 2.03 schema would reject. `problems` (also the error's
 * `details`) holds every reason, severity 'error', plus warnings about data that would have been
 * left out. An AppError, so the one HTTP error handler answers 422 with the problems.
 */
export class IatiExportError extends AppError {
  constructor(readonly problems: readonly IatiProblem[]) {
    const errors = problems.filter((p) => p.severity !== 'warning');
    const first = errors[0];
    const where = [first?.activity, first?.path].filter(Boolean).join(' ') || 'the document';
    super(
      'validation_failed',
      422,
      `Cannot write valid IATI 2.03 XML: ${errors.length} problem(s)` +
        (first ? `, the first in ${where}: ${first.message}` : '.'),
      problems,
    );
    this.name = 'IatiExportError';
  }
}
