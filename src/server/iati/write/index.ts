/** IATI 2.03 XML writing: the public API of this folder. */
export { activityExportProblems, activityXml } from './activity.js';
export type { WriteProblemCode } from './context.js';
export { IatiExportError } from './errors.js';
export {
  organisationExportProblems,
  organisationXml,
  type IatiOrganisation,
  type IatiOrganisationBudget,
} from './organisation.js';
export {
  writeIatiActivities,
  writeIatiOrganisations,
  type WriteIatiActivitiesOptions,
  type WriteIatiOptions,
  type XmlSink,
} from './stream.js';
export { escapeAttr, escapeText, xmlChars } from './xml.js';
