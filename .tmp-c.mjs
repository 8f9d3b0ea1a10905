import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
const plugin = { name: 'p', setup(b) { b.onLoad({ filter: /schemas_0\.js$/ }, async (a) => {
  let s = await readFile(a.path, 'utf8');
  const consts = Object.fromEntries([...s.matchAll(/^const (_\w+) = ("[^"]*");$/gm)].map(m => [m[1], m[2]]));
  s = s.replace(/\[(_\w+)\]:/g, (all, n) => consts[n] ? `${consts[n]}:` : all);
  return { contents: s, loader: 'js' };
}) } };
const r = await esbuild.build({ entryPoints: [process.argv[2]], bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, mainFields: ['module','main'], metafile: true, write: true, outfile: '/tmp/exp/out.js', absWorkingDir: '/work/wt/vsix', legalComments: 'none', plugins: [plugin] });
const o = Object.values(r.metafile.outputs)[0];
console.log(o.bytes);
for (const [k,v] of Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,8)) console.log(v.bytesInOutput, k.replace(/.*node_modules\//,''));
