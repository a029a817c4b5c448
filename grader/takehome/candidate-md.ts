import type { LabManifest } from '../lab-manifest.ts';
import type { TakehomeRecord } from './record.ts';

const hours = (minutes: number) => (minutes < 90 ? `${minutes} minutes` : `${Math.round((minutes / 60) * 2) / 2} hours`);

/** CANDIDATE.md: what to do, how long, how it is judged, how to hand it back. */
export function candidateMarkdown(record: TakehomeRecord, labs: readonly LabManifest[], options: { company?: string; dueNote?: string } = {}): string {
  const total = labs.reduce((sum, lab) => sum + lab.timeEstimateMinutes, 0);
  const deliverables = labs.flatMap((lab) => lab.starterFiles.filter((file) => file !== 'index.ts').map((file) => `\`labs/${lab.id}/src/${file}\``));
  const first = labs[0]!.id.slice(0, 2);
  return `# Your Integration Lab take-home

Thank you for taking the time${options.company ? ` to work with ${options.company}` : ''}. This folder is a small, complete
project: a mock vendor, **Acme CRM**, that misbehaves on purpose, and ${labs.length === 1 ? 'one lab' : `${labs.length} labs`} in which you write the
client code that talks to it. Everything runs on your machine; nothing here calls the internet.

Bundle \`${record.id}\`${options.dueNote ? ` · ${options.dueNote}` : ''}

## What to do

${labs.map((lab, i) => `${i + 1}. **Lab ${lab.id.slice(0, 2)}: ${lab.title}** (${lab.difficulty}, about ${hours(lab.timeEstimateMinutes)}).
   ${lab.summary}
   Read [\`labs/${lab.id}/README.md\`](labs/${lab.id}/README.md); work in \`labs/${lab.id}/src/\`.`).join('\n')}

The functions the checks call are declared in each lab's \`contract.ts\`: keep their names and shapes.
${deliverables.length > 0 ? `Some of the work is a file rather than code: fill in ${deliverables.join(', ')} as the lab's README asks.\n` : ''}
## Getting started

Node.js 20.19 or later. In this folder:

\`\`\`bash
npm install                 # installs the few packages this needs and creates labs/NN/src/ from the starters
npm run lab -- start ${first}     # Acme CRM with the lab's scenario on http://127.0.0.1:4010 (docs at /docs)
npm test                    # runs the checks you can see against your labs/NN/src/
\`\`\`

\`npm start\` serves the vendor with its default scenario; \`npm run grade -- ${first}\` grades one lab;
\`npm run typecheck\` type-checks everything. Your runs use this bundle's own scenario seed, recorded in
\`takehome.json\`: leave that file as it is.

## How long it should take

About **${hours(total)}** in total${labs.length > 1 ? ` (${labs.map((lab) => `lab ${lab.id.slice(0, 2)}: ${hours(lab.timeEstimateMinutes)}`).join(', ')})` : ''}. Please do not spend much
more: a well-reasoned partial answer with a note on what you would do next is worth more than a
perfect one that took a weekend. If you stop early, write what is left in \`NOTES.md\`.

## How it will be judged

- **The checks you can run** (\`npm test\`) are part of the grade. They print what they observed and
  what to change when they fail. They start out failing: that is expected.
- **More checks you cannot see** test the same behaviours in other situations (more load, other
  failures, other records). Write code that does the right thing in general, not code that fits
  the visible checks.
- Grading always uses the interviewer's own copy of the checks and replays your scenario seed
  exactly; changes to files outside \`labs/NN/src/\` are not graded. Use the packages already
  installed (axios, zod, pino and friends): the grader installs nothing extra.
- Afterwards there is a conversation about your code and the choices you made. Notes in \`NOTES.md\`
  on trade-offs, shortcuts and what you would do with more time are welcome and are read.

## Handing it back

\`\`\`bash
npm run handin              # writes ../${record.id}-returned.tar.gz (without node_modules and .env)
\`\`\`

Send that file back the way you received this one. If the command does not work on your machine,
compress this folder without \`node_modules/\` and \`.env\` yourself.

Questions about the task are welcome at any time: asking is not a mark against you.
`;
}
