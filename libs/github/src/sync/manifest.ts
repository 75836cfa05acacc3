import { posix } from 'node:path';
import { ApiValidationPipe, ValidationFailed, type ValidationIssue } from '@app/core';
import { CreateMcpToolDto, fromServerJson } from '@app/mcp';

/** The tool fields a manifest sets; the slug stays the tool's, and a missing description keeps the tool's. */
export interface ManifestTool {
  name: string;
  description?: string;
  version: string;
  config: Record<string, unknown>;
}

export type ManifestFormat = 'mcp.json' | 'server.json';

export const DEFAULT_MANIFEST_PATH = 'mcp.json';

/** A file named `server.json` is in the official registry format; anything else is a POST /mcps body. */
export function manifestFormatOf(path: string): ManifestFormat {
  return posix.basename(path) === 'server.json' ? 'server.json' : 'mcp.json';
}

const pipe = new ApiValidationPipe();

/** The same DTO validation a POST /api/v1/mcps body gets, with the same `{loc, msg, type}` details. */
async function fromMcpJson(doc: unknown, toolSlug: string): Promise<ManifestTool> {
  const body = doc && typeof doc === 'object' && !Array.isArray(doc) ? { slug: toolSlug, ...doc } : doc;
  const dto = (await pipe.transform(body, { type: 'body', metatype: CreateMcpToolDto })) as CreateMcpToolDto;
  if (dto.slug !== toolSlug) {
    throw ValidationFailed([{ loc: ['body', 'slug'], msg: `a sync cannot change the tool's slug ("${toolSlug}")`, type: 'value_error.const', ctx: { given: toolSlug } }]);
  }
  return { name: dto.name, description: dto.description, version: dto.version, config: dto.config };
}

/** Through the registry's own interchange code, like POST /api/v1/mcps/import. */
function fromServerJsonManifest(doc: unknown): ManifestTool {
  const { tool, issues } = fromServerJson(doc);
  if (!tool) throw ValidationFailed(issues);
  return { name: tool.name, description: tool.description, version: tool.version, config: tool.config };
}

/** Parses and validates a manifest's text; a bad one throws the 422 a POST would get. */
export async function readManifest(text: string, path: string, toolSlug: string): Promise<ManifestTool> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const issue: ValidationIssue = { loc: ['body'], msg: `${path} is not valid JSON: ${(err as Error).message}`, type: 'value_error.jsondecode' };
    throw ValidationFailed([issue]);
  }
  return manifestFormatOf(path) === 'server.json' ? fromServerJsonManifest(doc) : fromMcpJson(doc, toolSlug);
}
