import type { LifecycleStep } from '#placements/domain/lifecycle';

/**
 * The placement lifecycle as one Amazon States Language definition, used by the CDK stack
 * (Standard workflow) and by the local stack (`aws-local-stepfunctions`) alike.
 *
 * One execution per placement walks its steps: check-in (about week 2), midway evaluation
 * (about week 6), before-the-end talk (about week 11), outcome decision (the end date); an
 * extension loops back to the before-the-end talk; education or a job leads to follow-ups after
 * 3 and 6 months. Every step is the same block of states:
 *
 * ```
 * <Step>_Plan ─▶ <Step>_Due ─(opens later)─▶ <Step>_WaitUntilDue ─▶ <Step>_Plan
 *                    │ (open now)                 (overdue already) ─▶ <Step>_Chase
 *                    ▼
 *              <Step>_AwaitPerson (waitForTaskToken, timeout = until the next chase)
 *                    │ States.Timeout                    │ callback
 *                    ▼                                   ▼
 *              <Step>_Chase (remind / escalate) ─▶ <Step>_Chased ─▶ next step
 *                                                      └─(still open)─▶ <Step>_AwaitPerson
 * ```
 *
 * Every wait and timeout is computed by the task function from the placement's dates through
 * the lifecycle clock (so the local stack can speed time up and tests can set it), and every
 * callback wait has a timeout, so no execution hangs silently. The first state chooses on
 * `$.resumeAt`: the same definition serves a fresh start and a resume at a recorded step.
 * Inputs carry only ids; no personal data reaches the execution history.
 *
 * Every task event names the execution that sends it (`execution`, from `$$.Execution.Name`),
 * so that a step of an execution the lifecycle record no longer names does nothing and ends
 * it. Executions run for months on the definition they started with: a field added to the
 * events is optional to the task handler (events of the definition before this one carry no
 * `execution`), never required.
 */

/** What the lifecycle task function is asked to do (the `action` of its event). */
export type LifecycleTaskAction = 'schedule' | 'openTask' | 'chase' | 'route' | 'finish';

/** The name of each step's block of states. */
export const STEP_STATE_PREFIX: Record<LifecycleStep, string> = {
  CHECK_IN: 'CheckIn',
  MIDWAY_EVALUATION: 'MidwayEvaluation',
  BEFORE_END_TALK: 'BeforeEndTalk',
  OUTCOME_DECISION: 'OutcomeDecision',
  FOLLOW_UP_3_MONTHS: 'FollowUp3Months',
  FOLLOW_UP_6_MONTHS: 'FollowUp6Months',
};

/** Where a callback state finds how long to wait for the person (in the state's input). */
export const CALLBACK_TIMEOUT_PATH = '$.timer.timeoutSeconds';

/** The resource of a task that waits for a person: Lambda with a callback token. */
export const CALLBACK_RESOURCE = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** Where a task event finds the name of the execution that sends it (the context object). */
const EXECUTION_NAME_PATH = '$$.Execution.Name';
const EXECUTION_PARAMETER = 'execution.$';

/** The state that records the end and the final state. */
export const FINISH_STATE = 'Finish';
const ENDED_STATE = 'Ended';

/** How long one call of the task function may take (it reads and writes a few items). */
const TASK_TIMEOUT_SECONDS = 60;

/** Transient Lambda errors are retried with backoff; a handler error a few times more. */
const RETRY = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2 },
];

type State = Record<string, unknown>;

function call(
  functionArn: string,
  action: LifecycleTaskAction,
  step: LifecycleStep | null,
  resultPath: string,
  next: string,
): State {
  return {
    Type: 'Task',
    Resource: functionArn,
    Parameters: {
      action,
      'placementId.$': '$.placementId',
      'round.$': '$.round',
      ...(step ? { step } : {}),
      [EXECUTION_PARAMETER]: EXECUTION_NAME_PATH,
    },
    ResultPath: resultPath,
    TimeoutSeconds: TASK_TIMEOUT_SECONDS,
    Retry: RETRY,
    Next: next,
  };
}

function stepBlock(functionArn: string, step: LifecycleStep, next: string): Record<string, State> {
  const name = STEP_STATE_PREFIX[step];
  const [plan, due, wait, await_, chase, chased] = [
    `${name}_Plan`,
    `${name}_Due`,
    `${name}_WaitUntilDue`,
    `${name}_AwaitPerson`,
    `${name}_Chase`,
    `${name}_Chased`,
  ] as const;
  const endedOrDone = [
    { Variable: '$.timer.ended', BooleanEquals: true, Next: ENDED_STATE },
    { Variable: '$.timer.done', BooleanEquals: true, Next: next },
  ];
  return {
    [plan]: call(functionArn, 'schedule', step, '$.timer', due),
    [due]: {
      Type: 'Choice',
      Choices: [
        ...endedOrDone,
        { Variable: '$.timer.opensInSeconds', NumericGreaterThan: 0, Next: wait },
        { Variable: '$.timer.chaseNow', BooleanEquals: true, Next: chase },
      ],
      Default: await_,
    },
    [wait]: { Type: 'Wait', SecondsPath: '$.timer.opensInSeconds', Next: plan },
    [await_]: {
      Type: 'Task',
      Comment: 'Opens the task for the consultant and waits for the mutation that completes it.',
      Resource: CALLBACK_RESOURCE,
      Parameters: {
        FunctionName: functionArn,
        Payload: {
          action: 'openTask',
          'placementId.$': '$.placementId',
          'round.$': '$.round',
          step,
          'taskToken.$': '$$.Task.Token',
          [EXECUTION_PARAMETER]: EXECUTION_NAME_PATH,
          // The wait's length, for the task function's log (and the local engine, see there).
          'timeoutSeconds.$': '$.timer.timeoutSeconds',
        },
      },
      TimeoutSecondsPath: CALLBACK_TIMEOUT_PATH,
      ResultPath: null,
      Retry: RETRY,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: chase }],
      Next: next,
    },
    [chase]: call(functionArn, 'chase', step, '$.timer', chased),
    [chased]: {
      Type: 'Choice',
      Choices: [...endedOrDone, { Variable: '$.timer.chaseNow', BooleanEquals: true, Next: chase }],
      Default: await_,
    },
  };
}

const plan = (step: LifecycleStep) => `${STEP_STATE_PREFIX[step]}_Plan`;

/**
 * The lifecycle state machine.
 *
 * @param taskFunctionArn - the lifecycle task function (CDK passes its ARN; the local stack
 *   maps every task state to the same handler in process and never calls it)
 */
export function placementLifecycleDefinition(taskFunctionArn: string) {
  const steps: Array<[LifecycleStep, string]> = [
    ['CHECK_IN', plan('MIDWAY_EVALUATION')],
    ['MIDWAY_EVALUATION', plan('BEFORE_END_TALK')],
    ['BEFORE_END_TALK', plan('OUTCOME_DECISION')],
    ['OUTCOME_DECISION', 'OutcomeDecision_Route'],
    ['FOLLOW_UP_3_MONTHS', 'FollowUp3Months_Route'],
    ['FOLLOW_UP_6_MONTHS', FINISH_STATE],
  ];
  return {
    Comment: "A placement's three-month lifecycle: check-ins, evaluation, decision, follow-ups",
    StartAt: 'Start',
    States: {
      Start: {
        Type: 'Choice',
        Comment: 'A resume (a restart, a hand-over, the local stack started again) names its step.',
        Choices: [{ Variable: '$.resumeAt', IsPresent: true, Next: 'Resume' }],
        Default: plan('CHECK_IN'),
      },
      Resume: {
        Type: 'Choice',
        Choices: steps.map(([step]) => ({
          Variable: '$.resumeAt',
          StringEquals: step,
          Next: plan(step),
        })),
        Default: plan('CHECK_IN'),
      },
      ...Object.fromEntries(
        steps.flatMap(([step, next]) => Object.entries(stepBlock(taskFunctionArn, step, next))),
      ),
      OutcomeDecision_Route: call(
        taskFunctionArn,
        'route',
        'OUTCOME_DECISION',
        '$.route',
        'OutcomeDecision_Next',
      ),
      OutcomeDecision_Next: {
        Type: 'Choice',
        Comment: 'Extend: the before-the-end talk again; education or job: follow-ups; else end.',
        Choices: [
          { Variable: '$.route.next', StringEquals: 'EXTEND', Next: 'Extension_NextRound' },
          { Variable: '$.route.next', StringEquals: 'FOLLOW_UP', Next: plan('FOLLOW_UP_3_MONTHS') },
        ],
        Default: FINISH_STATE,
      },
      Extension_NextRound: {
        Type: 'Pass',
        Parameters: { 'placementId.$': '$.placementId', 'round.$': '$.route.round' },
        Next: plan('BEFORE_END_TALK'),
      },
      FollowUp3Months_Route: call(
        taskFunctionArn,
        'route',
        'FOLLOW_UP_3_MONTHS',
        '$.route',
        'FollowUp3Months_Next',
      ),
      FollowUp3Months_Next: {
        Type: 'Choice',
        Comment: 'The 6-month follow-up only while the young person is still there.',
        Choices: [
          { Variable: '$.route.next', StringEquals: 'FOLLOW_UP', Next: plan('FOLLOW_UP_6_MONTHS') },
        ],
        Default: FINISH_STATE,
      },
      [FINISH_STATE]: call(taskFunctionArn, 'finish', null, '$.finish', ENDED_STATE),
      [ENDED_STATE]: { Type: 'Succeed' },
    },
  };
}

/** The state machine's definition as the local stack runs it (its task ARN is never called). */
export const LOCAL_TASK_FUNCTION_ARN =
  'arn:aws:lambda:eu-north-1:000000000000:function:nextwork-local-lifecycle-task';
