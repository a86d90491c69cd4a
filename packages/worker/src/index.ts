export { LabelWorker, type WorkerOptions } from './worker.ts';
export { ContextCache, type ResolvedContext } from './contexts.ts';
export { createOpenAIEmbeddingProvider, type OpenAIEmbeddingOptions } from './openai-embeddings.ts';
