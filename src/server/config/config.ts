import { z } from 'zod';

const EnvSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.string().min(1).default('./.data'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    SMTP_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    IATI_PUBLISHER_REF: z
      .string()
      .regex(/^[^\s/&|?]+$/, 'must be an IATI organisation identifier')
      .default('RS-KOORDINACIONO-TELO'),
    IATI_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(2 * 1024 ** 3),
    FILES_DIR: z.string().min(1).optional().describe('default: DATA_DIR/files'),
    FILES_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 ** 2),
    FILES_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.FILES_STORAGE !== 's3') return;
    for (const name of [
      'S3_ENDPOINT',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ] as const) {
      if (!env[name])
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is required when FILES_STORAGE=s3',
        });
    }
  });

export type Config = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad variable stops start-up with its name in the message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}
