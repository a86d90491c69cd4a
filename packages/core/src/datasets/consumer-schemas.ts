import { z } from 'zod';

/*
 * The documented row formats of the tools Tacit's exports feed, as zod schemas: the tests
 * validate every exported row against them. Extra keys are allowed where the consumer ignores
 * them (TRL reads columns by name), not where the consumer's validator is strict (OpenAI).
 */

const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.string(),
});
const assistantTurn = z.array(z.object({ role: z.literal('assistant'), content: z.string() })).length(1);

/**
 * TRL preference (DPO) row. "Dataset formats and types", https://huggingface.co/docs/trl/dataset_formats
 * (Preference type): standard `{"prompt": str, "chosen": str, "rejected": str}`; conversational
 * `{"prompt": [messages], "chosen": [{"role": "assistant", …}], "rejected": [{"role": "assistant", …}]}`.
 */
export const trlDpoRowSchema = z.union([
  z.looseObject({ prompt: z.string(), chosen: z.string(), rejected: z.string() }),
  z.looseObject({ prompt: z.array(message).min(1), chosen: assistantTurn, rejected: assistantTurn }),
]);

/**
 * TRL unpaired preference (KTO) row. https://huggingface.co/docs/trl/dataset_formats (Unpaired
 * preference type) and https://huggingface.co/docs/trl/kto_trainer: `{"prompt", "completion",
 * "label": bool}` — standard strings, or conversational messages with a one-assistant-turn completion.
 */
export const trlKtoRowSchema = z.union([
  z.looseObject({ prompt: z.string(), completion: z.string(), label: z.boolean() }),
  z.looseObject({ prompt: z.array(message).min(1), completion: assistantTurn, label: z.boolean() }),
]);

/**
 * OpenAI preference fine-tuning (DPO) row, one JSON object per line.
 * https://platform.openai.com/docs/guides/direct-preference-optimization (Data format) and the
 * API reference "The per-line training example of a fine-tuning input file for chat models using
 * the dpo method": `{"input": {"messages": [...], "tools"?, "parallel_tool_calls"?},
 * "preferred_output": [{"role": "assistant", "content"}], "non_preferred_output": [ … ]}`.
 * Strict: no other top-level keys.
 */
export const openAiPreferenceRowSchema = z.strictObject({
  input: z.strictObject({
    messages: z.array(message).min(1),
    tools: z.array(z.unknown()).optional(),
    parallel_tool_calls: z.boolean().optional(),
  }),
  preferred_output: assistantTurn,
  non_preferred_output: assistantTurn,
});

export type TrlDpoRow = z.infer<typeof trlDpoRowSchema>;
export type TrlKtoRow = z.infer<typeof trlKtoRowSchema>;
export type OpenAiPreferenceRow = z.infer<typeof openAiPreferenceRowSchema>;
