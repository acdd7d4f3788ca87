import { officeSectors } from '../codelists/codelists.vocabularies.js';
import { withDerivedScripts, type Narratives } from '../text/index.js';

/**
 * The controlled vocabularies of the dialogue with partners: kinds of contact, topics (the
 * office's sectors and the dialogue's own topics) and follow-up statuses, each labelled in sq,
 * sr-Latn and en; sr-Cyrl is derived from sr-Latn when shown. Terms follow the project glossary
 * where it has one (meeting.*, action.*, community.*, sector.*).
 */
export const MEETING_KINDS = [
  'meeting',
  'visit',
  'call',
  'correspondence',
  'workshop',
  'conference',
  'session',
  'other',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

const KIND_LABELS: Record<MeetingKind, Narratives> = {
  meeting: { en: 'Meeting', sq: 'Takim', 'sr-Latn': 'Sastanak' },
  visit: { en: 'Visit', sq: 'Vizitë', 'sr-Latn': 'Poseta' },
  call: { en: 'Call', sq: 'Telefonatë', 'sr-Latn': 'Telefonski razgovor' },
  correspondence: { en: 'Correspondence', sq: 'Korrespondencë', 'sr-Latn': 'Prepiska' },
  workshop: { en: 'Workshop', sq: 'Punëtori', 'sr-Latn': 'Radionica' },
  conference: { en: 'Conference', sq: 'Konferencë', 'sr-Latn': 'Konferencija' },
  session: { en: 'Session', sq: 'Seancë', 'sr-Latn': 'Sednica' },
  other: { en: 'Other contact', sq: 'Kontakt tjetër', 'sr-Latn': 'Drugi kontakt' },
};

/** Topics of the dialogue beyond the sectors: community rights and recurring subjects. */
export const DIALOGUE_TOPICS = [
  'rights-serbian-community',
  'rights-albanian-community',
  'rights-roma-community',
  'education-in-minority-languages',
  'official-use-of-languages',
  'representation-in-institutions',
  'employment',
  'security',
  'local-self-government',
  'local-needs',
  'donor-coordination',
] as const;

const TOPIC_LABELS: Record<(typeof DIALOGUE_TOPICS)[number], Narratives> = {
  'rights-serbian-community': {
    en: 'Rights of the Serbian community',
    sq: 'Të drejtat e komunitetit serb',
    'sr-Latn': 'Prava srpske zajednice',
  },
  'rights-albanian-community': {
    en: 'Rights of the Albanian community',
    sq: 'Të drejtat e komunitetit shqiptar',
    'sr-Latn': 'Prava albanske zajednice',
  },
  'rights-roma-community': {
    en: 'Rights of the Roma community',
    sq: 'Të drejtat e komunitetit rom',
    'sr-Latn': 'Prava romske zajednice',
  },
  'education-in-minority-languages': {
    en: 'Education in minority languages',
    sq: 'Arsimi në gjuhët e pakicave kombëtare',
    'sr-Latn': 'Obrazovanje na jezicima nacionalnih manjina',
  },
  'official-use-of-languages': {
    en: 'Official use of languages and scripts',
    sq: 'Përdorimi zyrtar i gjuhëve dhe i shkrimeve',
    'sr-Latn': 'Službena upotreba jezika i pisma',
  },
  'representation-in-institutions': {
    en: 'Representation in public institutions',
    sq: 'Përfaqësimi në institucionet publike',
    'sr-Latn': 'Zastupljenost u javnim institucijama',
  },
  employment: { en: 'Employment', sq: 'Punësimi', 'sr-Latn': 'Zapošljavanje' },
  security: { en: 'Security', sq: 'Siguria', 'sr-Latn': 'Bezbednost' },
  'local-self-government': {
    en: 'Local self-government',
    sq: 'Vetëqeverisje lokale',
    'sr-Latn': 'Lokalna samouprava',
  },
  'local-needs': { en: 'Local needs', sq: 'Nevojat lokale', 'sr-Latn': 'Lokalne potrebe' },
  'donor-coordination': {
    en: 'Coordination of international assistance',
    sq: 'Koordinimi i ndihmës ndërkombëtare',
    'sr-Latn': 'Koordinacija međunarodne pomoći',
  },
};

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const ACTION_STATUS_LABELS: Record<ActionStatus, Narratives> = {
  open: { en: 'Open', sq: 'Hapur', 'sr-Latn': 'Otvoreno' },
  in_progress: { en: 'In progress', sq: 'Në zbatim', 'sr-Latn': 'U toku' },
  done: { en: 'Done', sq: 'Kryer', 'sr-Latn': 'Završeno' },
  cancelled: { en: 'Cancelled', sq: 'Anuluar', 'sr-Latn': 'Otkazano' },
};

export interface VocabularyItem {
  code: string;
  group?: 'sector' | 'dialogue';
  label: Narratives;
}

function labelled(code: string, label: Narratives, group?: VocabularyItem['group']) {
  return { code, ...(group ? { group } : {}), label: withDerivedScripts(label).text };
}

/** Every topic code: the office sectors first, then the dialogue topics. */
export function topicVocabulary(): VocabularyItem[] {
  const sectors = officeSectors().items.map((s) => labelled(s.code, s.name, 'sector'));
  const dialogue = DIALOGUE_TOPICS.map((t) => labelled(t, TOPIC_LABELS[t], 'dialogue'));
  return [...sectors, ...dialogue];
}

let topicCodes: Set<string> | null = null;
export function isTopic(code: string): boolean {
  topicCodes ??= new Set(topicVocabulary().map((t) => t.code));
  return topicCodes.has(code);
}

export function meetingVocabulary() {
  return {
    kinds: MEETING_KINDS.map((k) => labelled(k, KIND_LABELS[k])),
    topics: topicVocabulary(),
    action_statuses: ACTION_STATUSES.map((s) => labelled(s, ACTION_STATUS_LABELS[s])),
    time_zone: 'Europe/Belgrade',
  };
}
