import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseStage, stageConfig } from './config/stage.ts';
import { addNextworkStage } from './stacks/nextwork.ts';

// One stage per synth: `npx cdk synth -c stage=prod` (default `dev`, from cdk.json).
const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const stage = parseStage(context('stage'));

const config = stageConfig(stage, context);
addNextworkStage(app, {
  config: context('region')
    ? config
    : { ...config, region: process.env.CDK_DEFAULT_REGION ?? config.region },
  ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}),
});

// cdk-nag's AwsSolutions pack runs on every synth; a violation fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

app.synth();
