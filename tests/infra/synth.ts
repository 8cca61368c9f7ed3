import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PROJECT_ROOT } from '#infra/config/bundling';
import { type StageName, stageConfig } from '#infra/config/stage';
import { addNextworkStage, type NextworkStacks } from '#infra/stacks/nextwork';

/** One synthesised stage: its stacks, their templates and the cdk-nag findings. */
export interface SynthesisedStage {
  app: App;
  stacks: NextworkStacks;
  templates: Record<keyof NextworkStacks, Template>;
  /** AwsSolutions violations left after the acknowledged ones: `RuleId path`. */
  nagViolations: string[];
  /** Where the cloud assembly was written. */
  outdir: string;
}

/**
 * Synthesises one stage as `cdk synth` does (the context of cdk.json), then runs the cdk-nag
 * AwsSolutions pack over it. Without `bundle`, functions are not bundled (CDK's
 * `aws:cdk:bundling-stacks` set to none), which keeps the assertion tests fast; the bundle
 * test bundles for real.
 *
 * @param stage - the stage to synthesise
 * @param options - `bundle`: run esbuild for every function
 */
export function synthesiseStage(
  stage: StageName,
  options: { bundle?: boolean; context?: Record<string, unknown> } = {},
): SynthesisedStage {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({
    context: {
      ...cdkJson.context,
      stage,
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = addNextworkStage(app, {
    config: stageConfig(stage, (key) => app.node.tryGetContext(key)),
  });
  const assembly = app.synth();
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return {
    app,
    stacks,
    templates: {
      data: Template.fromStack(stacks.data),
      identity: Template.fromStack(stacks.identity),
      api: Template.fromStack(stacks.api),
      lifecycle: Template.fromStack(stacks.lifecycle),
      observability: Template.fromStack(stacks.observability),
    },
    nagViolations: report.violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} ${resource.constructPath}`,
      ),
    ),
    outdir: assembly.directory,
  };
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties?: Record<string, unknown>; DeletionPolicy?: string }> {
  return template.findResources(type);
}

/** Every statement of every IAM policy in a template. */
export function policyStatements(template: Template): Array<Record<string, unknown>> {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap((policy) => {
    const document = policy.Properties?.PolicyDocument as
      | { Statement?: Array<Record<string, unknown>> }
      | undefined;
    return document?.Statement ?? [];
  });
}
