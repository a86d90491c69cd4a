export {
  startCollector,
  type Collector,
  type CollectorMode,
  type CollectedRequest,
  type CollectorOptions,
} from './collector.ts';
export { startFakeOpenAI, type FakeOpenAI, type Responder } from './fake-openai.ts';
