import { readFileSync } from 'node:fs';

/** `# → 201: ...` above a command: the status every curl answers until the next such line. */
const STATUS_LINE = /^(\s*)# → (\d{3})\b.*$/gm;

/**
 * Replaces `curl` for the script: the same call, plus a check of the HTTP status against the one
 * the page documents (the last `# → NNN` executed). A mismatch or a transport error fails the
 * command, and `set -e`/`pipefail` stop the script there, naming the call.
 */
const PRELUDE = String.raw`set -euo pipefail
EXPECT_STATUS=none
curl() {
  local meta code
  meta=$(mktemp)
  if ! command curl -sS -w '%{stderr}%{http_code}' "$@" 2>"$meta"; then
    echo "::curl failed: $(cat "$meta") :: curl $*" >&2; rm -f "$meta"; return 1
  fi
  code=$(tail -c 3 "$meta"); rm -f "$meta"
  if [ "$code" != "$EXPECT_STATUS" ]; then
    echo "::HTTP $code where the page documents $EXPECT_STATUS :: curl $*" >&2; return 1
  fi
}
`;

/** The fenced `bash` blocks of a Markdown page, in order. */
export function bashBlocks(markdownPath: string): string[] {
  return [...readFileSync(markdownPath, 'utf8').matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** One script of all blocks, each documented status turned into the expectation the curl wrapper checks. */
export function runnableScript(blocks: string[]): string {
  const body = blocks.map((block, i) => `echo "::block ${i + 1}" >&2\n${block.replace(STATUS_LINE, '$1EXPECT_STATUS=$2')}`).join('\n');
  return `${PRELUDE}\n${body}\necho "::done" >&2\n`;
}

/** How many statuses the page documents (so a test can tell that the annotations were found). */
export function documentedStatuses(blocks: string[]): number {
  return blocks.reduce((n, block) => n + [...block.matchAll(STATUS_LINE)].length, 0);
}
