import { z } from 'zod';

/** What the model must return for each analysis; validated here, never trusted. */
const text = (max: number) => z.string().min(1).max(max);
const sentences = z.array(text(500)).max(20);

const finding = z.object({
  code: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/).max(64),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  area: z.enum(['security', 'data-integrity', 'network', 'structure', 'schema', 'documentation']),
  message: text(500),
});

export const assessmentReply = z.object({
  score: z.number().min(0).max(1),
  is_feasible: z.boolean(),
  reasoning: text(4000),
  risks: sentences,
  recommendations: sentences,
  findings: z.array(finding).max(20).optional(),
});

export const improvementsReply = assessmentReply.extend({
  suggestions: z
    .array(z.object({ area: finding.shape.area, message: text(500), priority: z.enum(['high', 'medium', 'low']) }))
    .max(20),
});

const parameter = z.object({
  type: z.enum(['string', 'integer', 'number', 'boolean', 'array', 'object']),
  description: text(500),
});

export const generateConfigReply = z.object({
  name: text(255),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64),
  description: text(2000),
  reasoning: text(4000),
  config: z.object({
    servers: z.array(z.object({ name: text(100), url: z.string().url().max(2000) })).min(1).max(10),
    tools: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), description: text(1000), parameters: z.record(z.string(), parameter) }))
      .min(1)
      .max(50),
  }),
  risks: sentences,
  recommendations: sentences,
});

export type AssessmentReply = z.infer<typeof assessmentReply>;
export type ImprovementsReply = z.infer<typeof improvementsReply>;
export type GenerateConfigReply = z.infer<typeof generateConfigReply>;
