// Runs the npm `obscenity` matcher (English preset) over every line of a file
// and prints how many lines it flagged: the peer of bench/scan/run.
'use strict';
const fs = require('fs');
const readline = require('readline');
const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const rl = readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity });
let lines = 0, flagged = 0;
rl.on('line', (line) => {
  lines++;
  if (matcher.hasMatch(line)) flagged++;
});
rl.on('close', () => console.log(`${lines} lines, ${flagged} flagged`));
