/**
 * The self-assessment's items, in configuration and versioned ("Direction", issue #20): a
 * handful of statements the young person scores themself from 1 ("not at all") to 5 ("fully"),
 * asked at enrolment, at each lifecycle checkpoint and at the follow-ups. A new version may
 * reword an item or add one; it keeps every key and never changes what a key means (a test holds
 * it to that, and the gateway prices `DirectionStats.items` at their number): answers keep the
 * version they were given under, and change is measured per key, so a reworded item still
 * compares with its earlier answers. To change the wording, add a version at the end of
 * {@link VERSIONS}; the last one is what the app shows and what `recordSelfAssessment` asks for.
 */

/** The lowest score of the scale. */
export const SCALE_MIN = 1;

/** The highest score of the scale. */
export const SCALE_MAX = 5;

/** One item of the self-assessment as a version words it. */
export interface SelfAssessmentItem {
  /** Stable key: the same meaning in every version (`KNOWS_WORK_WANTED`). */
  key: string;
  /** The statement in Danish, as the phone app shows it. */
  da: string;
  /** The statement in English. */
  en: string;
}

/** One version of the self-assessment: its number and its items in the order asked. */
export interface SelfAssessmentVersion {
  version: number;
  items: readonly SelfAssessmentItem[];
}

const VERSIONS: readonly SelfAssessmentVersion[] = [
  {
    version: 1,
    items: [
      {
        key: 'KNOWS_WORK_WANTED',
        da: 'Jeg ved, hvilket arbejde jeg gerne vil have.',
        en: 'I know what work I want.',
      },
      {
        key: 'CAN_HOLD_JOB',
        da: 'Jeg tror på, at jeg kan passe et job.',
        en: 'I believe I can hold a job.',
      },
      {
        key: 'PEOPLE_AT_WORK_TO_ASK',
        da: 'Jeg har nogen på en arbejdsplads, jeg kan spørge til råds.',
        en: 'I have people at work I can ask for advice.',
      },
      {
        key: 'COPES_WITH_SETBACKS',
        da: 'Når noget går galt, kommer jeg videre.',
        en: 'When something goes wrong, I get past it.',
      },
      {
        key: 'WELL_BEING',
        da: 'Jeg har det godt for tiden.',
        en: 'I am doing well at the moment.',
      },
    ],
  },
];

/** Every version, oldest first. */
export function selfAssessmentVersions(): readonly SelfAssessmentVersion[] {
  return VERSIONS;
}

/** The version the app shows now and `recordSelfAssessment` asks for. */
export function currentSelfAssessmentVersion(): SelfAssessmentVersion {
  return VERSIONS[VERSIONS.length - 1] as SelfAssessmentVersion;
}

/** Every item key any version has asked, in the order first asked (the export's columns). */
export function allSelfAssessmentItemKeys(): string[] {
  const keys: string[] = [];
  for (const { items } of VERSIONS) {
    for (const { key } of items) if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The current version as `Query.selfAssessmentItems` shows it, with the scale. */
export function currentSelfAssessmentItems(): {
  version: number;
  items: SelfAssessmentItem[];
  scaleMin: number;
  scaleMax: number;
} {
  const { version, items } = currentSelfAssessmentVersion();
  return { version, items: [...items], scaleMin: SCALE_MIN, scaleMax: SCALE_MAX };
}
